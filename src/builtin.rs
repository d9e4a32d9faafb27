//! The default rulebook as the page ships it: read and validated by
//! `build.rs` with the engine, then embedded in compact form, primary locale
//! only. Each other locale's wording (rulebook and interface) is a file of its
//! own beside the page (`<tag>-<hash>.bin`), fetched when someone switches.
//! The primary wording that only outcomes, the check page, results and papers
//! show is a file apart too (`rest-<hash>.bin`), fetched as soon as the page
//! is ready ([`install_rest`]): the first screens do not wait for it.

use std::cell::RefCell;
use std::rc::Rc;

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

/// The file of the wording kept apart (`rest-<hash>.bin`).
pub fn rest_file() -> Option<&'static str> {
    LOCALE_FILES.split(';').filter_map(|p| p.split_once('=')).find(|(tag, _)| *tag == "rest").map(|(_, f)| f)
}

thread_local! {
    /// The wording kept apart, once fetched and checked.
    static REST: RefCell<Option<Rc<Vec<String>>>> = const { RefCell::new(None) };
    /// The other locale's rulebook wording last fetched (the app keeps it once switched to).
    static WORDING: RefCell<Option<(Locale, Rc<Vec<String>>)>> = const { RefCell::new(None) };
}

/// Takes the wording kept apart (the bytes of its file) and returns the
/// default rulebook with it, and with the other locale's wording if one was
/// fetched (as the app holds it): decoded once, which also checks that the
/// file fits. `None` changes nothing.
pub fn install_rest(bytes: &[u8]) -> Option<Rulebook> {
    let (rest, _) = compact::unpack_locale(bytes)?;
    let wording = WORDING.with(|w| w.borrow().clone());
    let rb = compact::decode_full(COMPACT, wording.as_ref().map(|(l, w)| (*l, w.as_slice())), Some(&rest))?;
    REST.with(|r| *r.borrow_mut() = Some(Rc::new(rest)));
    Some(rb)
}

/// Whether the wording kept apart is in place.
pub fn rest_ready() -> bool {
    REST.with(|r| r.borrow().is_some())
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
    let rest = REST.with(|r| r.borrow().clone());
    compact::decode_full(COMPACT, None, rest.as_deref().map(Vec::as_slice)).ok_or_else(|| {
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
    let rest = REST.with(|r| r.borrow().clone());
    let rb = compact::decode_full(COMPACT, Some((locale, wording)), rest.as_deref().map(Vec::as_slice))?;
    WORDING.with(|w| *w.borrow_mut() = Some((locale, Rc::new(wording.to_vec()))));
    Some(rb)
}

/// The wording kept apart as built, for native use and the browser tests
/// (the page fetches it).
pub const REST_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rest.bin"));

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_built_default_rulebook_is_the_toml_one_in_every_locale() {
        // Before the wording kept apart is in: the questions whole, a result's words empty.
        let first = default_rulebook().unwrap();
        assert!(!first.questions[0].text.get(Locale::PRIMARY).is_empty());
        assert!(first.tiers[0].title.get(Locale::PRIMARY).is_empty());
        assert!(install_rest(&REST_BYTES[1..]).is_none() && !rest_ready());
        let whole = install_rest(REST_BYTES).unwrap();
        assert!(rest_ready() && !whole.tiers[0].title.get(Locale::PRIMARY).is_empty());
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
