//! The default rulebook as the page ships it: read and validated by
//! `build.rs` with the engine, then embedded in compact form, primary locale
//! only. Each other locale's wording (rulebook and interface) is a file of its
//! own beside the page (`<tag>-<hash>.bin`), fetched when someone switches.

use crate::engine::compact;
use crate::engine::{ErrorKind, Locale, Rulebook, RulebookError};

/// The default rulebook in compact form, primary locale only.
pub const COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.rulebook"));

/// `tag=file` pairs, `;`-separated: the wording file of each other locale.
const LOCALE_FILES: &str = env!("RONGCUO_LOCALE_FILES");

/// The wording file of a locale other than the primary one (`en-<hash>.bin`).
pub fn locale_file(locale: Locale) -> Option<&'static str> {
    LOCALE_FILES.split(';').filter_map(|p| p.split_once('=')).find(|(tag, _)| *tag == locale.tag()).map(|(_, f)| f)
}

/// A locale's wording file as built, for native use (the page fetches it).
#[cfg(not(target_arch = "wasm32"))]
pub fn locale_bytes(locale: Locale) -> Option<Vec<u8>> {
    std::fs::read(std::path::Path::new(env!("OUT_DIR")).join(locale_file(locale)?)).ok()
}

/// The pseudo-locale's wording file (tests only: the page would fetch it).
#[cfg(feature = "pseudo-locale")]
pub const PSEUDO_LOCALE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/locale-en-XA.bin"));

/// The default rulebook. It was validated when the project was built, so this
/// only decodes it; should that ever fail, an error is returned, not a panic.
/// In the page it comes in the primary locale; see [`with_locale`].
pub fn default_rulebook() -> Result<Rulebook, Vec<RulebookError>> {
    compact::decode(COMPACT).ok_or_else(|| {
        vec![RulebookError {
            file: crate::engine::DEFAULT_RULEBOOK_FILE.to_owned(),
            path: String::new(),
            line: None,
            column: None,
            span: None,
            kind: ErrorKind::Compiled,
        }]
    })
}

/// The default rulebook with one more locale's wording put back (from its file).
pub fn with_locale(locale: Locale, wording: &[String]) -> Option<Rulebook> {
    compact::decode_with(COMPACT, Some((locale, wording)))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_built_default_rulebook_is_the_toml_one_in_every_locale() {
        let mut rb = crate::engine::load(crate::engine::DEFAULT_RULEBOOK_FILE, crate::engine::DEFAULT_RULEBOOK).unwrap();
        // The invariants stay in the rulebook file; the page never proves anything.
        rb.invariants.clear();
        let primary = default_rulebook().unwrap();
        assert_eq!(primary.meta.title.get(Locale::PRIMARY), rb.meta.title.get(Locale::PRIMARY));
        for l in rb.meta.locales.iter().filter(|l| !l.is_primary()) {
            let bytes = locale_bytes(*l).unwrap_or_else(|| panic!("no wording file for {l}"));
            let (wording, ui) = compact::unpack_locale(&bytes).unwrap();
            assert_eq!(ui.len(), crate::i18n::Ui::KEYS.len());
            let back = with_locale(*l, &wording).unwrap();
            // With only these two locales declared, the rulebook comes back whole.
            if rb.meta.locales.len() == 2 {
                assert_eq!(back, rb);
            }
        }
    }
}
