//! The assessment engine: rulebook model, loading and validation, the
//! assessment itself and the saved-answers format. Pure Rust with no web
//! APIs (a test checks that no file here names a web API crate), so
//! all of it is tested natively with `cargo test`.

pub mod answers;
pub mod assess;
pub mod cases;
pub mod compact;
pub mod error;
pub mod explain;
pub mod json;
pub mod model;
mod reader;
pub mod save;
pub mod text;
mod validate;

pub use answers::{Answer, Answers};
pub use assess::{Assessment, assess};
pub use error::{ErrorKind, RulebookError};
pub use model::Rulebook;
pub use reader::{is_date, is_id};
pub use text::{Locale, Text};

/// The default rulebook, an example for localities to adapt.
pub const DEFAULT_RULEBOOK: &str = include_str!("../../rulebooks/default.toml");

/// The file name shown in errors about the default rulebook.
pub const DEFAULT_RULEBOOK_FILE: &str = "rulebooks/default.toml";

/// The default rulebook with its English wording put back (from the English file).
#[cfg(compiled_rulebook)]
pub fn default_rulebook_with_english(english: &[String]) -> Option<Rulebook> {
    compact::decode_with_english(DEFAULT_RULEBOOK_COMPACT, english)
}

/// Parses and validates a rulebook. On failure every problem found is returned,
/// each naming `file`, the key path and the line.
pub fn load(file: &str, src: &str) -> Result<Rulebook, Vec<RulebookError>> {
    let mut cx = reader::Cx::new(file, src);
    let doc = match toml::de::DeTable::parse(src) {
        Ok(doc) => doc,
        Err(e) => {
            cx.error_at("", e.span().map(|s| s.start), ErrorKind::Syntax { message: e.message().to_owned() });
            return Err(cx.errors);
        }
    };
    let rb = reader::read_rulebook(&mut cx, &doc);
    match rb {
        Some(rb) if cx.errors.is_empty() => {
            validate::validate(&mut cx, &rb);
            if cx.errors.is_empty() { Ok(rb) } else { Err(cx.errors) }
        }
        _ => {
            if cx.errors.is_empty() {
                cx.error_at("", None, ErrorKind::Empty);
            }
            Err(cx.errors)
        }
    }
}

/// The default rulebook in compact form, read and validated by `build.rs`,
/// without its English wording.
#[cfg(compiled_rulebook)]
pub const DEFAULT_RULEBOOK_COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.rulebook"));

/// The name of the English wording file beside the page (`en-<hash>.bin`).
#[cfg(compiled_rulebook)]
pub const ENGLISH_FILE: &str = env!("RONGCUO_ENGLISH_FILE");

/// The English wording file's content, for native use (the page fetches it).
#[cfg(all(compiled_rulebook, not(target_arch = "wasm32")))]
pub const ENGLISH_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en.bin"));

/// The default rulebook. It was validated when the project was built, so this
/// only decodes it; should that ever fail, an error is returned, not a panic.
/// In the page it comes in Chinese only; see [`default_rulebook_with_english`].
#[cfg(compiled_rulebook)]
pub fn default_rulebook() -> Result<Rulebook, Vec<RulebookError>> {
    #[cfg(not(target_arch = "wasm32"))]
    let decoded = compact::unpack_english(ENGLISH_BYTES).and_then(|(en, _)| compact::decode_with_english(DEFAULT_RULEBOOK_COMPACT, &en));
    #[cfg(target_arch = "wasm32")]
    let decoded = compact::decode(DEFAULT_RULEBOOK_COMPACT);
    decoded.ok_or_else(|| {
        vec![RulebookError {
            file: DEFAULT_RULEBOOK_FILE.to_owned(),
            path: String::new(),
            line: None,
            column: None,
            kind: ErrorKind::Syntax { message: "the compiled default rulebook could not be decoded".to_owned() },
        }]
    })
}
