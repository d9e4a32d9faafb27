#![cfg(not(target_arch = "wasm32"))]
//! The shipped blank paper forms (assets/blank-form*.html) are generated from
//! the default rulebook; this keeps them in step with it. Regenerate with
//! `cargo run --bin rulebook -- blank-form rulebooks/default.toml > assets/blank-form.html`
//! (and `--lang en … > assets/blank-form.en.html`).

use rongcuo::engine::{self, Locale};
use rongcuo::paper::blank_form_html;

fn check(locale: Locale, file: &str, other: (&str, &str)) {
    let rb = engine::load("default.toml", engine::DEFAULT_RULEBOOK).expect("default rulebook");
    let want = blank_form_html(&rb, locale, Some(other));
    let have = std::fs::read_to_string(format!("{}/assets/{file}", env!("CARGO_MANIFEST_DIR"))).expect("shipped form");
    assert!(have == want, "assets/{file} is out of date with the default rulebook; regenerate it (see this file's header)");
    for q in &rb.questions {
        assert!(have.contains(&blank_escape(q.text.get(locale))), "question {} missing", q.id);
    }
}

fn blank_escape(s: &str) -> String {
    rongcuo::paper::escape(s)
}

#[test]
fn chinese_blank_form_is_current() {
    check(Locale::ZhCn, "blank-form.html", ("blank-form.en.html", "English"));
}

#[test]
fn english_blank_form_is_current() {
    check(Locale::En, "blank-form.en.html", ("blank-form.html", "中文"));
}
