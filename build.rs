//! Compiles the page's data at build time, with the engine itself:
//!
//! - the default rulebook, read and validated (a broken one fails the build
//!   with every problem: file, key path, line) and written in the engine's
//!   compact form, primary locale only, so the page needs no TOML reader;
//! - the interface strings of `locales/<tag>.toml` (section `ui`) as a typed
//!   table (`ui.rs`): the primary locale's strings are compiled in, and a
//!   locale file whose keys or placeholders differ fails the build;
//! - one wording file per other locale (`<tag>-<hash>.bin`: the rulebook's
//!   and the interface's strings), fetched by the page when someone switches;
//! - the primary wording that only outcomes, the check page, results and
//!   papers show (`rest-<hash>.bin`), fetched once the page is ready;
//! - the static start page (`start.html`), the same markup the app renders
//!   for its start step, so it paints before the wasm has loaded.
//!
//! `scripts/postbuild.mjs` copies the wording files into dist/ and puts the
//! start page into dist/index.html.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::PathBuf;

use rongcuo_engine::messages::{SOURCES, parse_table};
use rongcuo_engine::text::{LOCALES, Locale, fill, placeholders, pseudo};
use rongcuo_engine::{self as engine, Rulebook, compact};

fn fail(message: &str) -> ! {
    println!("cargo::error={message}");
    std::process::exit(1);
}

/// `ui.*` strings of every locale, in [`LOCALES`] order, keys without the prefix.
fn ui_tables() -> Vec<HashMap<String, String>> {
    let ui_of = |src: &str, tag: &str| -> HashMap<String, String> {
        let t = parse_table(src).unwrap_or_else(|e| fail(&format!("locales/{tag}.toml: {e}")));
        t.into_iter().filter_map(|(k, v)| k.strip_prefix("ui.").map(|k| (k.to_owned(), v))).collect()
    };
    LOCALES
        .iter()
        .map(|def| match SOURCES.iter().find(|(tag, _)| *tag == def.tag) {
            Some((tag, src)) => ui_of(src, tag),
            // The pseudo-locale (tests only): English, marked.
            None => {
                let (tag, src) = SOURCES.iter().find(|(tag, _)| *tag == "en").unwrap_or_else(|| fail("no English table"));
                ui_of(src, tag).into_iter().map(|(k, v)| (k, pseudo(&v))).collect()
            }
        })
        .collect()
}

fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

#[path = "src/markup.rs"]
mod markup;
use markup::escape;

/// The start page in the primary locale: keep in step with `src/app/components/start.rs`
/// and `layout.rs` (an end-to-end test compares the two renderings).
fn start_page(rb: &Rulebook, t: &HashMap<String, String>) -> String {
    let l = Locale::PRIMARY;
    let u = |k: &str| escape(t.get(k).map_or("", String::as_str));
    let mut h = String::new();
    let _ = writeln!(h, "<a class=\"skip-link\" href=\"#main\">{}</a>", u("skip_link"));
    let raw = |k: &str| t.get(k).map_or("", String::as_str);
    let switches: Vec<(&str, &str, &str)> =
        rb.meta.locales.iter().filter(|o| !o.is_primary()).map(|o| o.def()).map(|d| (d.tag, d.name, d.switch_label)).collect();
    let header_text = markup::HeaderText {
        brand: raw("brand"),
        exit_href: "neutral.html",
        quick_exit: raw("quick_exit"),
        quick_exit_hint: raw("quick_exit_hint"),
        exit_two_more: raw("exit_two_more"),
        exit_one_more: raw("exit_one_more"),
        exit_reset: raw("exit_reset"),
    };
    let _ = writeln!(h, "{}", markup::header(&header_text, &switches));
    let _ = writeln!(h, "<main id=\"main\" class=\"page\" tabindex=\"-1\">");
    let paper = format!("<a href=\"blank-form.html\">{}</a>", u("paper_link"));
    let _ = writeln!(h, "<noscript><div class=\"notice notice--error\">{} {paper}</div></noscript>", u("no_script"));
    // Shown by assets/exit.js when the app cannot start (no WebAssembly, a file
    // that fails to load or to parse) or has not started soon after a click.
    for (class, role, key) in [("no-wasm", "alert", "no_wasm"), ("slow-start", "status", "slow_start")] {
        let _ = writeln!(
            h,
            "<div class=\"{class}\" role=\"{role}\" tabindex=\"-1\"><p>{} {paper}</p><p>{}</p></div>",
            u(key),
            u("paper_private")
        );
    }
    let _ = writeln!(h, "<div class=\"start\" id=\"start\">\n<p class=\"caption\">{}</p>", u("start_caption"));
    let _ = writeln!(h, "<h1 tabindex=\"-1\">{}</h1>\n<p class=\"lead\">{}</p>", escape(rb.meta.title.get(l)), u("start_lead"));
    let time = fill(
        t.get("time_text").map_or("", String::as_str),
        &[("minutes", &rb.meta.minutes.to_string()), ("count", &rb.typical_questions().to_string())],
    );
    let _ = writeln!(h, "<p class=\"start__time\">{}</p>", escape(&time));
    let _ = writeln!(
        h,
        "<button type=\"button\" class=\"button button--start\" data-action=\"start\" data-act=\"start\">{}</button>",
        u("start_button")
    );
    let _ = writeln!(h, "<p class=\"callout\">{}</p>", u("start_not"));
    let _ = write!(h, "<h2>{}</h2>\n<ul class=\"list list--tick\">", u("privacy_title"));
    for k in ["privacy_1", "privacy_2", "privacy_3", "privacy_4"] {
        let _ = write!(h, "<li>{}</li>", u(k));
    }
    let _ = write!(h, "</ul>\n<h2>{}</h2>\n<ul class=\"list\">", u("get_title"));
    for k in ["get_1", "get_2", "get_3", "get_4"] {
        let _ = write!(h, "<li>{}</li>", u(k));
    }
    let _ = writeln!(h, "</ul>");
    let _ = writeln!(
        h,
        "<div class=\"file-open\"><label for=\"open-file\" class=\"file-open__label\">{}</label><input type=\"file\" id=\"open-file\" accept=\".json,application/json\"></div>",
        u("open_file")
    );
    let _ = writeln!(h, "<h2>{}</h2>\n<p>{}</p>\n<p>{}</p>", u("exit_title"), u("exit_text"), u("exit_history"));
    let _ = writeln!(
        h,
        "<p class=\"paper-link\">{}<a href=\"blank-form.html\">{}</a>{}</p>",
        u("paper_text"),
        u("paper_link"),
        u("paper_after")
    );
    let _ = writeln!(h, "<p class=\"small\">{}</p>", escape(rb.meta.notice.get(l)));
    let _ = writeln!(h, "<p class=\"small\">{}</p>\n</div>\n</main>", escape(rb.meta.disclaimer.get(l)));
    let _ = writeln!(
        h,
        "<footer class=\"site-footer\"><p>{}</p><details class=\"details privacy-check no-print\" id=\"privacy-check\"><summary>{}</summary></details></footer>",
        u("private_badge"),
        u("privacy_check")
    );
    h
}

fn main() {
    println!("cargo::rerun-if-changed=rulebooks/default.toml");
    println!("cargo::rerun-if-changed=locales");
    let pseudo_wanted = std::env::var_os("CARGO_FEATURE_PSEUDO_LOCALE").is_some();
    if pseudo_wanted != LOCALES.iter().any(|l| l.tag == "en-XA") {
        fail("the pseudo-locale feature must reach the engine as a build-dependency too");
    }
    let rb = match engine::load(engine::DEFAULT_RULEBOOK_FILE, engine::DEFAULT_RULEBOOK) {
        Ok(rb) => rb,
        Err(errors) => {
            for e in &errors {
                println!("cargo::error={}", e.message(Locale::PRIMARY));
            }
            std::process::exit(1);
        }
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    // The interface strings: every locale must have exactly the primary locale's keys and placeholders.
    let tables = ui_tables();
    let mut keys: Vec<&String> = tables[0].keys().collect();
    keys.sort();
    for (i, t) in tables.iter().enumerate().skip(1) {
        let tag = LOCALES[i].tag;
        for k in &keys {
            match t.get(*k) {
                None => fail(&format!("locales/{tag}.toml: ui.{k} is missing")),
                Some(v) if v.trim().is_empty() => fail(&format!("locales/{tag}.toml: ui.{k} is empty")),
                Some(v) if placeholders(v) != placeholders(&tables[0][*k]) => {
                    fail(&format!("locales/{tag}.toml: ui.{k} has other placeholders than the primary locale"))
                }
                _ => {}
            }
        }
        if let Some(extra) = t.keys().find(|k| !tables[0].contains_key(*k)) {
            fail(&format!("locales/{tag}.toml: ui.{extra} is not in the primary locale's table"));
        }
    }
    let mut code = String::from(
        "// Generated by build.rs from locales/<tag>.toml.\n\n/// The strings of the page, in one locale.\n#[derive(Debug)]\npub struct Ui {\n",
    );
    for k in &keys {
        let _ = writeln!(code, "    pub {k}: &'static str,");
    }
    code.push_str("}\n\nimpl Ui {\n    /// The keys, in the order of [`Ui::from_strings`].\n    pub const KEYS: &[&str] = &[");
    for k in &keys {
        let _ = write!(code, "{}, ", rust_str(k));
    }
    code.push_str("];\n\n    /// A table from its strings in key order; `None` unless the count is exact.\n    pub fn from_strings(s: &[&'static str]) -> Option<Ui> {\n        if s.len() != Self::KEYS.len() {\n            return None;\n        }\n        Some(Ui {\n");
    for (i, k) in keys.iter().enumerate() {
        let _ = writeln!(code, "            {k}: s[{i}],");
    }
    code.push_str("        })\n    }\n\n    /// Every key with its string, in key order.\n    pub fn entries(&self) -> Vec<(&'static str, &'static str)> {\n        vec![");
    for k in &keys {
        let _ = write!(code, "({}, self.{k}), ", rust_str(k));
    }
    code.push_str("]\n    }\n}\n\n");
    let table_literal = |t: &HashMap<String, String>| {
        let mut s = String::from("Ui {\n");
        for k in &keys {
            let _ = writeln!(s, "    {k}: {},", rust_str(&t[*k]));
        }
        s.push('}');
        s
    };
    let _ = writeln!(
        code,
        "/// The primary locale's strings, compiled into the page.\npub const PRIMARY: Ui = {};\n",
        table_literal(&tables[0])
    );
    code.push_str("/// Every locale's strings, in `LOCALES` order (natively; the page fetches them).\n#[cfg(not(target_arch = \"wasm32\"))]\npub const TABLES: &[Ui] = &[\n");
    for t in &tables {
        let _ = writeln!(code, "{},", table_literal(t));
    }
    code.push_str("];\n");
    std::fs::write(out.join("ui.rs"), code).expect("OUT_DIR is writable");

    // The rulebook, primary locale only, and one wording file per other locale.
    let (primary, mut others, rest) = compact::encode_split_rest(&rb);
    // The pseudo-locale (tests only) gets the rulebook's English wording, marked,
    // as if a locality had translated it: the rulebook's text for a new locale.
    if pseudo_wanted && let (Some(en), Some(xa)) = (Locale::from_tag("en"), Locale::from_tag("en-XA")) {
        let marked: Vec<String> = others[en.index() - 1].iter().map(|s| if s.is_empty() { String::new() } else { pseudo(s) }).collect();
        others[xa.index() - 1] = marked;
    }
    std::fs::write(out.join("default.rulebook"), primary).expect("OUT_DIR is writable");
    let mut files = Vec::new();
    for (i, wording) in others.iter().enumerate() {
        let locale = Locale::from_index(i + 1).expect("one list per other locale");
        let interface: Vec<String> = keys.iter().map(|k| tables[locale.index()][*k].clone()).collect();
        let bytes = compact::pack_locale(wording, &interface);
        let name = compact::content_name(locale.tag(), &bytes);
        std::fs::write(out.join(&name), &bytes).expect("OUT_DIR is writable");
        // Under a fixed name too, for the browser tests, which cannot fetch it.
        std::fs::write(out.join(format!("locale-{}.bin", locale.tag())), &bytes).expect("OUT_DIR is writable");
        files.push(format!("{}={name}", locale.tag()));
    }
    // The primary wording only outcomes, the check page, results and papers
    // show: a file of its own, fetched once the page is ready.
    let bytes = compact::pack_locale(&rest, &[]);
    let name = compact::content_name("rest", &bytes);
    std::fs::write(out.join(&name), &bytes).expect("OUT_DIR is writable");
    std::fs::write(out.join("rest.bin"), &bytes).expect("OUT_DIR is writable");
    files.push(format!("rest={name}"));
    std::fs::write(out.join("locales.txt"), files.join("\n")).expect("OUT_DIR is writable");
    println!("cargo::rustc-env=RONGCUO_LOCALE_FILES={}", files.join(";"));
    std::fs::write(out.join("start.html"), start_page(&rb, &tables[0])).expect("OUT_DIR is writable");
}
