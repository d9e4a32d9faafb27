//! Message tables: one file per locale, `locales/<tag>.toml`, read for the
//! tools that run natively or in the loader worker (rulebook problems, the
//! CLI, the paper form). The page's own interface strings come from the same
//! files, compiled by the widget's `build.rs`. Messages are looked up by key
//! (`errors.unknown-key`, `cli.valid`), never by their wording.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::{LOCALES, Locale, fill};

/// The table files, in [`LOCALES`] order (the pseudo-locale has none: it is
/// made from English).
pub const SOURCES: &[(&str, &str)] =
    &[("zh-CN", include_str!("../../../locales/zh-CN.toml")), ("en", include_str!("../../../locales/en.toml"))];

type Table = HashMap<String, String>;

/// Reads one table file into `section.key → string`; the problems in it as text.
pub fn parse_table(src: &str) -> Result<Table, String> {
    let doc = toml::de::DeTable::parse(src).map_err(|e| e.message().to_owned())?;
    let mut out = Table::new();
    for (section, v) in doc.get_ref().iter() {
        let toml::de::DeValue::Table(t) = v.get_ref() else { return Err(format!("`{}` is not a table", section.get_ref())) };
        for (k, v) in t.iter() {
            let toml::de::DeValue::String(s) = v.get_ref() else {
                return Err(format!("`{}.{}` is not a string", section.get_ref(), k.get_ref()));
            };
            out.insert(format!("{}.{}", section.get_ref(), k.get_ref()), s.to_string());
        }
    }
    Ok(out)
}

fn tables() -> &'static Vec<Table> {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    TABLES.get_or_init(|| {
        LOCALES
            .iter()
            .map(|def| match SOURCES.iter().find(|(tag, _)| *tag == def.tag) {
                Some((_, src)) => parse_table(src).unwrap_or_default(),
                // The pseudo-locale: English, marked.
                None => {
                    let en = SOURCES.iter().find(|(tag, _)| *tag == "en").and_then(|(_, s)| parse_table(s).ok()).unwrap_or_default();
                    en.into_iter().map(|(k, v)| (k, crate::text::pseudo(&v))).collect()
                }
            })
            .collect()
    })
}

/// The message `key` in `locale`, falling back to the primary locale; a
/// missing key gives the key itself (a test checks none is missing).
pub fn msg(locale: Locale, key: &str) -> &'static str {
    let t = tables();
    t.get(locale.index())
        .and_then(|t| t.get(key))
        .or_else(|| t.first().and_then(|t| t.get(key)))
        .map_or_else(|| Box::leak(key.to_owned().into_boxed_str()) as &'static str, String::as_str)
}

/// The message `key` in `locale` with its placeholders filled.
pub fn msgf(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    fill(msg(locale, key), args)
}

/// Every key of the primary table, sorted.
pub fn keys() -> Vec<&'static str> {
    let mut k: Vec<&str> = tables().first().map(|t| t.keys().map(String::as_str).collect()).unwrap_or_default();
    k.sort_unstable();
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::placeholders;

    #[test]
    fn every_locale_file_has_the_same_keys_and_placeholders() {
        let primary = parse_table(SOURCES[0].1).unwrap();
        assert!(!primary.is_empty());
        for (tag, src) in &SOURCES[1..] {
            let t = parse_table(src).unwrap_or_else(|e| panic!("locales/{tag}.toml: {e}"));
            let mut missing: Vec<&String> = primary.keys().filter(|k| !t.contains_key(*k)).collect();
            let mut extra: Vec<&String> = t.keys().filter(|k| !primary.contains_key(*k)).collect();
            missing.sort();
            extra.sort();
            assert!(missing.is_empty() && extra.is_empty(), "locales/{tag}.toml: missing {missing:?}, extra {extra:?}");
            for (k, v) in &primary {
                assert!(!t[k].trim().is_empty(), "locales/{tag}.toml: `{k}` is empty");
                assert_eq!(placeholders(v), placeholders(&t[k]), "locales/{tag}.toml: placeholders of `{k}` differ");
            }
        }
        for (tag, _) in SOURCES {
            assert!(Locale::from_tag(tag).is_some(), "locales/{tag}.toml has no entry in LOCALES");
        }
    }

    #[test]
    fn lookups_fall_back_and_name_missing_keys() {
        let en = Locale::from_tag("en").unwrap();
        assert_eq!(msg(en, "no.such_key"), "no.such_key");
        assert!(keys().iter().all(|k| k.contains('.')));
    }
}
