#![cfg(not(target_arch = "wasm32"))]
//! The shipped blank paper forms (assets/blank-form*.html) are generated from
//! the default rulebook; this keeps them in step with it. Regenerate with
//! `cargo run -p rulebook -- blank-form rulebooks/default.toml > assets/blank-form.html`
//! (and `--lang en … > assets/blank-form.en.html`).

use rongcuo_engine::{self as engine, Locale};
use rulebook::paper::blank_form_html;

fn check(tag: &str, file: &str, other: (&str, &str)) {
    let locale = Locale::from_tag(tag).unwrap();
    let rb = engine::load("default.toml", engine::DEFAULT_RULEBOOK).expect("default rulebook");
    let want = blank_form_html(&rb, locale, &[(other.0.to_owned(), Locale::from_tag(other.1).unwrap())]);
    let have = std::fs::read_to_string(format!("{}/../../assets/{file}", env!("CARGO_MANIFEST_DIR"))).expect("shipped form");
    assert!(have == want, "assets/{file} is out of date with the default rulebook; regenerate it (see this file's header)");
    for q in &rb.questions {
        assert!(have.contains(&blank_escape(q.text.get(locale))), "question {} missing", q.id);
    }
}

fn blank_escape(s: &str) -> String {
    rulebook::paper::escape(s)
}

#[test]
fn chinese_blank_form_is_current() {
    check("zh-CN", "blank-form.html", ("blank-form.en.html", "en"));
}

#[test]
fn english_blank_form_is_current() {
    check("en", "blank-form.en.html", ("blank-form.html", "zh-CN"));
}
