//! The assessment engine of the self-check: the rulebook model, its
//! validation, the assessment, the run state of one self-check, the saved
//! answers file and the compact form the page ships. Pure Rust: this crate
//! depends on no web crate (its `Cargo.toml` has none, and
//! `tests/dependency_graph.rs` checks the resolved graph), so all of it is
//! tested natively with `cargo test`.
//!
//! The strict TOML reader and the scenario cases sit behind the `toml`
//! feature, used by the build, the loader worker, the CLI and tests; the page
//! never enables it.

pub mod answers;
pub mod app;
pub mod assess;
#[cfg(feature = "toml")]
pub mod cases;
pub mod compact;
pub mod condition;
#[cfg_attr(not(feature = "toml"), allow(dead_code))]
mod diag;
pub mod documents;
pub mod error;
pub mod flow;
pub mod json;
#[cfg(feature = "toml")]
pub mod messages;
pub mod model;
#[cfg(feature = "toml")]
pub mod prove;
#[cfg(feature = "toml")]
mod reader;
pub mod save;
pub mod text;
#[cfg_attr(not(feature = "toml"), allow(dead_code))]
mod validate;
pub mod view;

pub use answers::{Answer, Answers};
pub use assess::{Assessment, assess};
pub use error::{ErrorKind, RulebookError};
pub use model::{Rulebook, is_date, is_id};
pub use text::{Locale, Text, fill};

/// The default rulebook, an example for localities to adapt.
pub const DEFAULT_RULEBOOK: &str = include_str!("../../../rulebooks/default.toml");

/// The file name shown in errors about the default rulebook.
pub const DEFAULT_RULEBOOK_FILE: &str = "rulebooks/default.toml";

/// Parses and validates a rulebook. On failure every problem found is returned,
/// each naming `file`, the key path and the line.
#[cfg(feature = "toml")]
pub fn load(file: &str, src: &str) -> Result<Rulebook, Vec<RulebookError>> {
    let mut cx = diag::Cx::new(file, src);
    let Some(doc) = reader::parse(&mut cx, src) else { return Err(cx.errors) };
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

/// What `rulebook check` found beyond validation: each invariant's proof.
#[cfg(feature = "toml")]
pub struct Checked {
    pub rulebook: Rulebook,
    pub proofs: Vec<prove::Proof>,
}

/// Loads and validates a rulebook, then proves its invariants (and the
/// built-in ones) over every answer combination, each within `budget`
/// nodes. A broken, unreachable or unsettled invariant is an error naming
/// the file, the invariant's key and its line.
#[cfg(feature = "toml")]
pub fn check(file: &str, src: &str, budget: u64) -> Result<Checked, Vec<RulebookError>> {
    let mut cx = diag::Cx::new(file, src);
    let Some(doc) = reader::parse(&mut cx, src) else { return Err(cx.errors) };
    let Some(rb) = reader::read_rulebook(&mut cx, &doc).filter(|_| cx.errors.is_empty()) else {
        if cx.errors.is_empty() {
            cx.error_at("", None, ErrorKind::Empty);
        }
        return Err(cx.errors);
    };
    validate::validate(&mut cx, &rb);
    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    let proofs = prove::prove(&rb, budget);
    for p in &proofs {
        let key = match (p.index, p.reachable) {
            (Some(i), false) => format!("invariants[{i}].never"),
            (Some(i), true) => format!("invariants[{i}].reachable"),
            (None, _) => match p.id.strip_prefix("core.reachable.") {
                Some(t) => rb.tiers.iter().position(|x| x.id.as_str() == t).map_or_else(String::new, |i| format!("tiers[{i}]")),
                None => "red_lines".to_owned(),
            },
        };
        let kind = match &p.verdict {
            prove::Verdict::Holds => continue,
            prove::Verdict::Broken(a) => ErrorKind::InvariantBroken {
                invariant: p.id.clone(),
                case: prove::as_case(&rb, &format!("breaks_{}", p.id.replace('.', "_")), a),
            },
            prove::Verdict::Unreachable => ErrorKind::Unreachable { invariant: p.id.clone() },
            prove::Verdict::Budget => ErrorKind::ProofBudget { invariant: p.id.clone(), budget },
        };
        cx.error(&key, kind);
    }
    if cx.errors.is_empty() { Ok(Checked { rulebook: rb, proofs }) } else { Err(cx.errors) }
}
