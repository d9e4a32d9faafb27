//! The interface strings of the page: the words around the rulebook's own
//! wording. They live in `locales/<tag>.toml` (section `ui`), one file per
//! locale; `build.rs` compiles them into the typed table [`Ui`], so a key the
//! code names but a file lacks does not compile, and a locale file with other
//! keys or placeholders fails the build. The page carries the primary
//! locale's strings; another locale's arrive with its wording file.

use crate::engine::Locale;
pub use crate::engine::fill;

include!(concat!(env!("OUT_DIR"), "/ui.rs"));

/// The table for a locale. In the page, a locale other than the primary one
/// is there once its wording file has been fetched (see [`install`]); until
/// then the primary locale stands in.
pub fn ui(locale: Locale) -> &'static Ui {
    #[cfg(not(target_arch = "wasm32"))]
    return TABLES.get(locale.index()).unwrap_or(&PRIMARY);
    #[cfg(target_arch = "wasm32")]
    INSTALLED.with(|t| t.borrow().get(locale.index()).copied().flatten()).unwrap_or(&PRIMARY)
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static INSTALLED: std::cell::RefCell<Vec<Option<&'static Ui>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// True once the locale's strings are there.
pub fn has(locale: Locale) -> bool {
    #[cfg(target_arch = "wasm32")]
    return locale.is_primary() || INSTALLED.with(|t| t.borrow().get(locale.index()).copied().flatten().is_some());
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = locale;
        true
    }
}

/// Installs a locale's interface strings fetched by the page (in the order of
/// [`Ui::KEYS`]); false when they do not fit the table.
pub fn install(locale: Locale, strings: Vec<String>) -> bool {
    // Loaded once per page and kept for its life, so leaking is the right lifetime.
    let leaked: Vec<&'static str> = strings.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect();
    let Some(table) = Ui::from_strings(&leaked) else { return false };
    #[cfg(target_arch = "wasm32")]
    INSTALLED.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() <= locale.index() {
            t.resize(locale.index() + 1, None);
        }
        t[locale.index()] = Some(Box::leak(Box::new(table)));
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (table, locale);
    true
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::text::placeholders;

    #[test]
    fn every_locale_has_every_string_with_the_same_placeholders() {
        let primary = PRIMARY.entries();
        assert_eq!(primary.len(), Ui::KEYS.len());
        for l in Locale::all() {
            let t = ui(l).entries();
            for ((key, p), (_, s)) in primary.iter().zip(&t) {
                assert!(!s.trim().is_empty(), "{l}: `{key}` is empty");
                assert_eq!(placeholders(p), placeholders(s), "{l}: placeholders differ for `{key}`");
            }
        }
    }

    #[test]
    fn the_primary_strings_are_chinese_and_the_english_ones_are_not() {
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let en = ui(Locale::from_tag("en").unwrap()).entries();
        // The words of a string, without its {placeholders}.
        let words = |s: &str| {
            s.split('{')
                .enumerate()
                .map(|(i, p)| if i == 0 { p } else { p.split_once('}').map_or(p, |(_, rest)| rest) })
                .collect::<String>()
        };
        for ((key, z), (_, e)) in PRIMARY.entries().iter().zip(&en) {
            // Punctuation and placeholders alone (the colon of "{element}：{status}") are neither.
            // The saved file's name is plain ASCII on purpose, in every locale.
            if !words(z).chars().any(char::is_alphabetic) || *key == "save_name" {
                continue;
            }
            assert!(han(z), "zh-CN string `{key}` has no Chinese: {z}");
            assert!(!han(e), "en string `{key}` contains Chinese: {e}");
        }
    }

    #[test]
    fn a_table_travels_as_a_list_of_strings() {
        let en = ui(Locale::from_tag("en").unwrap());
        let back = Ui::from_strings(&en.entries().iter().map(|(_, s)| *s).collect::<Vec<_>>()).unwrap();
        assert_eq!(back.entries(), en.entries());
        assert!(Ui::from_strings(&["too few"]).is_none());
        assert!(!install(Locale::PRIMARY, vec!["x".into()]));
    }
}
