#![cfg(all(feature = "pseudo-locale", not(target_arch = "wasm32")))]
//! A pseudo-locale (`en-XA`: English, accented and marked `⟦…⟧`) added the
//! way a real locale would be: a line in `LOCALES`, a table (here made from
//! English) and the rulebook's wording. Everything a user or a deployer reads
//! in that locale must come out marked: a string that does not is one the
//! code holds instead of a table. Run with `--features pseudo-locale` (the
//! test command does); the page itself is checked the same way in
//! `tests/pseudo_page.rs`.

use rongcuo::engine::messages::{keys, msg};
use rongcuo::engine::{self as engine, Locale, Rulebook, compact};
use rongcuo::i18n::ui;

fn xa() -> Locale {
    Locale::from_tag("en-XA").expect("the pseudo-locale is in LOCALES with the feature on")
}

/// The default rulebook with its wording in the pseudo-locale, from the file the build made.
fn rulebook() -> Rulebook {
    let (wording, _) = compact::unpack_locale(rongcuo::builtin::PSEUDO_LOCALE_BYTES).expect("the pseudo-locale file");
    assert!(rongcuo::builtin::install_rest(rongcuo::builtin::REST_BYTES).is_some());
    let mut rb = rongcuo::builtin::with_locale(xa(), &wording).expect("its wording fits the rulebook");
    rb.meta.locales.push(xa());
    rb
}

/// Text a reader sees that is not marked: digits, punctuation and spaces are fine.
fn unmarked(text: &str) -> Option<String> {
    let t = text.trim();
    let neutral = |c: char| c.is_ascii_digit() || c.is_whitespace() || c.is_ascii_punctuation() || "·–—→⟷：；，。（）“”".contains(c);
    if t.is_empty() || t.chars().all(neutral) || (t.starts_with('⟦') && t.ends_with('⟧')) { None } else { Some(t.to_owned()) }
}

#[test]
fn the_interface_table_of_the_new_locale_is_complete_and_marked() {
    let bad: Vec<String> = ui(xa()).entries().into_iter().filter_map(|(k, s)| unmarked(s).map(|s| format!("{k}: {s}"))).collect();
    assert!(bad.is_empty(), "interface strings not from the table: {bad:?}");
}

#[test]
fn every_message_of_the_tools_is_marked() {
    let bad: Vec<String> = keys().into_iter().filter_map(|k| unmarked(msg(xa(), k)).map(|s| format!("{k}: {s}"))).collect();
    assert!(bad.is_empty(), "messages not from the table: {bad:?}");
    // A real problem report, in the new locale.
    let src = engine::DEFAULT_RULEBOOK.replacen("minutes = 12", "minutes = 12\nminuts = 3", 1);
    let errors = engine::load("x.toml", &src).unwrap_err();
    for e in &errors {
        let d = e.kind.describe(xa());
        assert!(d.starts_with('⟦'), "{d}");
    }
}

#[test]
fn the_rulebook_has_every_wording_in_the_new_locale() {
    let rb = rulebook();
    let mut missing = Vec::new();
    for q in &rb.questions {
        for t in [&q.text, &q.why, &q.short] {
            if unmarked(t.get(xa())).is_some() {
                missing.push(q.id.0.clone());
            }
        }
        for o in &q.options {
            if unmarked(o.label.get(xa())).is_some() {
                missing.push(format!("{}.{}", q.id, o.id));
            }
        }
    }
    for t in &rb.tiers {
        if unmarked(t.title.get(xa())).is_some() || unmarked(t.summary.get(xa())).is_some() {
            missing.push(t.id.0.clone());
        }
    }
    assert!(missing.is_empty(), "wording without the new locale: {missing:?}");
}

#[test]
fn the_paper_form_in_the_new_locale_holds_only_marked_text() {
    let rb = rulebook();
    let html = rulebook::paper::blank_form_html(&rb, xa(), &[]);
    // The text between tags, entity-decoded enough for the check.
    let mut bad = Vec::new();
    for chunk in html.split('<').filter_map(|p| p.split_once('>').map(|(_, text)| text)) {
        let text = chunk.replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        // Marked pieces nest (a marked template filled with marked names) and
        // are joined with numbers and punctuation: what lies outside every mark must be neutral.
        let mut depth = 0u32;
        let mut outside = String::new();
        for c in text.chars() {
            match c {
                '⟦' => depth += 1,
                '⟧' => depth = depth.saturating_sub(1),
                c if depth == 0 => outside.push(c),
                _ => {}
            }
        }
        if let Some(p) = unmarked(&outside) {
            bad.push(p);
        }
    }
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "text on the paper form not from a table or the rulebook: {bad:?}");
}

#[test]
fn an_assessment_reads_the_same_in_any_locale() {
    // Locales change wording only: the same answers give the same result.
    let rb = rulebook();
    let cases = engine::cases::load_cases("default.cases.toml", include_str!("../rulebooks/default.cases.toml"), &rb).unwrap();
    let plain = rongcuo::builtin::default_rulebook().unwrap();
    for c in &cases {
        assert_eq!(engine::assess(&rb, &c.answers), engine::assess(&plain, &c.answers), "{}", c.id);
    }
}
