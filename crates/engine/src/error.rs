//! Rulebook errors: each names the file, the key path and, where the format
//! allows, the line, column and byte span. Tests match on [`ErrorKind`],
//! never on prose; the wording comes from the message tables
//! (`locales/<tag>.toml`, section `errors`, keyed by [`ErrorKind::code`]).

/// Where in a rulebook file a problem was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulebookError {
    /// The file name as given to the loader.
    pub file: String,
    /// The key path, e.g. `questions[4].options[2].label`; empty for the whole file.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column (in characters), when known.
    pub column: Option<u32>,
    /// Byte range in the file, when known (for printing the line with a caret).
    pub span: Option<(usize, usize)>,
    pub kind: ErrorKind,
}

/// What is wrong. One variant per kind of problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file is not valid TOML.
    Syntax { message: String },
    /// A key the format does not know (often a typo).
    UnknownKey { key: String },
    /// A required key is absent.
    MissingKey { key: String },
    /// A value has the wrong type.
    WrongType { expected: &'static str, found: &'static str },
    /// A string value is not one of the allowed words.
    BadValue { value: String, allowed: &'static str },
    /// An id is malformed (ids are ASCII letters, digits and `_`).
    BadId { id: String },
    /// An id is used twice in the same list.
    DuplicateId { id: String },
    /// A reference to something that does not exist.
    Unresolved { what: &'static str, id: String },
    /// A number is outside its allowed range.
    OutOfRange { value: i64, min: i64, max: i64 },
    /// The factor weights do not add up to 100.
    WeightSum { sum: u32 },
    /// Two score bands overlap.
    BandOverlap { first: String, second: String },
    /// The score bands leave part of 0–100 uncovered.
    BandGap { from: u32, to: u32 },
    /// An element's `partly_at` is not below `met_at`, or `met_at` cannot be reached.
    ElementThresholds { reachable: u32 },
    /// A condition refers to a question that comes later (or to its own question).
    ForwardReference { question: String },
    /// A question's condition can never hold.
    NeverShown,
    /// Some combination of answers or facts reaches no outcome.
    NoOutcome { situation: String },
    /// A condition reads something not allowed in this place.
    NotAllowedHere { what: &'static str },
    /// A condition reads a question whose kind cannot be tested.
    NotTestable { question: String, kind: &'static str },
    /// A wording lacks a declared locale (or is empty).
    MissingLocale { locale: &'static str },
    /// A wording has a locale the rulebook does not declare.
    UnknownLocale { locale: String },
    /// A list that must not be empty is empty.
    Empty,
    /// A question of this kind cannot carry options, or a choice question has too few.
    Options { reason: &'static str },
    /// A date is not `YYYY-MM-DD`.
    BadDate { value: String },
    /// More problems than are worth listing: the first `shown` were kept.
    TooMany { shown: usize, more: usize },
    /// The built-in rulebook could not be decoded (a corrupt build).
    Compiled,
    /// Over one of the bounds in `model::limits`: `what` counted `found`, at most `max`.
    OverLimit { what: &'static str, found: usize, max: usize },
    /// An invariant is broken: `case` is a scenario case with answers that break it.
    InvariantBroken { invariant: String, case: String },
    /// A `reachable` invariant (or a tier) cannot be reached by any answers.
    Unreachable { invariant: String },
    /// Proving an invariant needed more work than allowed.
    ProofBudget { invariant: String, budget: u64 },
}

impl ErrorKind {
    /// A short stable code, for tests and for deployers searching the docs.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Syntax { .. } => "syntax",
            ErrorKind::UnknownKey { .. } => "unknown-key",
            ErrorKind::MissingKey { .. } => "missing-key",
            ErrorKind::WrongType { .. } => "wrong-type",
            ErrorKind::BadValue { .. } => "bad-value",
            ErrorKind::BadId { .. } => "bad-id",
            ErrorKind::DuplicateId { .. } => "duplicate-id",
            ErrorKind::Unresolved { .. } => "unresolved",
            ErrorKind::OutOfRange { .. } => "out-of-range",
            ErrorKind::WeightSum { .. } => "weight-sum",
            ErrorKind::BandOverlap { .. } => "band-overlap",
            ErrorKind::BandGap { .. } => "band-gap",
            ErrorKind::ElementThresholds { .. } => "element-thresholds",
            ErrorKind::ForwardReference { .. } => "forward-reference",
            ErrorKind::NeverShown => "never-shown",
            ErrorKind::NoOutcome { .. } => "no-outcome",
            ErrorKind::NotAllowedHere { .. } => "not-allowed-here",
            ErrorKind::NotTestable { .. } => "not-testable",
            ErrorKind::MissingLocale { .. } => "missing-locale",
            ErrorKind::UnknownLocale { .. } => "unknown-locale",
            ErrorKind::Empty => "empty",
            ErrorKind::Options { .. } => "options",
            ErrorKind::BadDate { .. } => "bad-date",
            ErrorKind::TooMany { .. } => "too-many",
            ErrorKind::Compiled => "compiled",
            ErrorKind::OverLimit { .. } => "over-limit",
            ErrorKind::InvariantBroken { .. } => "invariant-broken",
            ErrorKind::Unreachable { .. } => "unreachable",
            ErrorKind::ProofBudget { .. } => "proof-budget",
        }
    }

    /// The values filled into the message; `word:` marks a value that is
    /// itself a key of the `words` table, translated when shown.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let w = |s: &str| format!("word:{s}");
        match self {
            ErrorKind::Syntax { message } => vec![("message", message.clone())],
            ErrorKind::UnknownKey { key } | ErrorKind::MissingKey { key } => vec![("key", key.clone())],
            ErrorKind::WrongType { expected, found } => vec![("expected", w(expected)), ("found", w(found))],
            ErrorKind::BadValue { value, allowed } => vec![("value", value.clone()), ("allowed", (*allowed).to_owned())],
            ErrorKind::BadId { id } | ErrorKind::DuplicateId { id } => vec![("id", id.clone())],
            ErrorKind::Unresolved { what, id } => vec![("what", w(what)), ("id", id.clone())],
            ErrorKind::OutOfRange { value, min, max } => {
                vec![("value", value.to_string()), ("min", min.to_string()), ("max", max.to_string())]
            }
            ErrorKind::WeightSum { sum } => vec![("sum", sum.to_string())],
            ErrorKind::BandOverlap { first, second } => vec![("first", first.clone()), ("second", second.clone())],
            ErrorKind::BandGap { from, to } => vec![("from", from.to_string()), ("to", to.to_string())],
            ErrorKind::ElementThresholds { reachable } => vec![("reachable", reachable.to_string())],
            ErrorKind::ForwardReference { question } => vec![("question", question.clone())],
            ErrorKind::NoOutcome { situation } => vec![("situation", situation.clone())],
            ErrorKind::NotAllowedHere { what } => vec![("what", w(what))],
            ErrorKind::NotTestable { question, kind } => vec![("question", question.clone()), ("kind", (*kind).to_owned())],
            ErrorKind::MissingLocale { locale } => vec![("locale", (*locale).to_owned())],
            ErrorKind::UnknownLocale { locale } => vec![("locale", locale.clone())],
            ErrorKind::Options { reason } => vec![("reason", w(reason))],
            ErrorKind::BadDate { value } => vec![("value", value.clone())],
            ErrorKind::TooMany { shown, more } => vec![("shown", shown.to_string()), ("more", more.to_string())],
            ErrorKind::OverLimit { what, found, max } => vec![("what", w(what)), ("found", found.to_string()), ("max", max.to_string())],
            ErrorKind::InvariantBroken { invariant, case } => vec![("invariant", invariant.clone()), ("case", case.clone())],
            ErrorKind::Unreachable { invariant } => vec![("invariant", invariant.clone())],
            ErrorKind::ProofBudget { invariant, budget } => vec![("invariant", invariant.clone()), ("budget", budget.to_string())],
            ErrorKind::NeverShown | ErrorKind::Empty | ErrorKind::Compiled => vec![],
        }
    }
}

#[cfg(feature = "toml")]
mod describe {
    use std::fmt;

    use super::{ErrorKind, RulebookError};
    use crate::messages::{msg, msgf};
    use crate::text::Locale;

    impl ErrorKind {
        /// The problem in words, in `locale`.
        pub fn describe(&self, locale: Locale) -> String {
            let args: Vec<(&str, String)> = self
                .args()
                .into_iter()
                .map(|(k, v)| match v.strip_prefix("word:") {
                    Some(word) => (k, msg(locale, &format!("words.{word}")).to_owned()),
                    None => (k, v),
                })
                .collect();
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            msgf(locale, &format!("errors.{}", self.code()), &args)
        }
    }

    impl RulebookError {
        /// A one-line message in `locale`: `file:line:column: key path: problem`.
        pub fn message(&self, locale: Locale) -> String {
            let mut s = self.file.clone();
            if let Some(line) = self.line {
                s.push_str(&format!(":{line}"));
                if let Some(col) = self.column {
                    s.push_str(&format!(":{col}"));
                }
            }
            s.push_str(": ");
            if !self.path.is_empty() {
                s.push_str(&self.path);
                s.push_str(": ");
            }
            s.push_str(&self.kind.describe(locale));
            s
        }
    }

    impl fmt::Display for RulebookError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.message(Locale::PRIMARY))
        }
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;
    use crate::messages::msg;
    use crate::text::Locale;

    /// One value of every kind, so a kind without a message fails here.
    fn every_kind() -> Vec<ErrorKind> {
        let s = String::new;
        vec![
            ErrorKind::Syntax { message: s() },
            ErrorKind::UnknownKey { key: s() },
            ErrorKind::MissingKey { key: s() },
            ErrorKind::WrongType { expected: "string", found: "table" },
            ErrorKind::BadValue { value: s(), allowed: "" },
            ErrorKind::BadId { id: s() },
            ErrorKind::DuplicateId { id: s() },
            ErrorKind::Unresolved { what: "question", id: s() },
            ErrorKind::OutOfRange { value: 0, min: 0, max: 0 },
            ErrorKind::WeightSum { sum: 0 },
            ErrorKind::BandOverlap { first: s(), second: s() },
            ErrorKind::BandGap { from: 0, to: 0 },
            ErrorKind::ElementThresholds { reachable: 0 },
            ErrorKind::ForwardReference { question: s() },
            ErrorKind::NeverShown,
            ErrorKind::NoOutcome { situation: s() },
            ErrorKind::NotAllowedHere { what: "facts_here" },
            ErrorKind::NotTestable { question: s(), kind: "" },
            ErrorKind::MissingLocale { locale: "" },
            ErrorKind::UnknownLocale { locale: s() },
            ErrorKind::Empty,
            ErrorKind::Options { reason: "one_unsure" },
            ErrorKind::BadDate { value: s() },
            ErrorKind::TooMany { shown: 0, more: 0 },
            ErrorKind::Compiled,
            ErrorKind::OverLimit { what: "entries", found: 0, max: 0 },
            ErrorKind::InvariantBroken { invariant: s(), case: s() },
            ErrorKind::Unreachable { invariant: s() },
            ErrorKind::ProofBudget { invariant: s(), budget: 0 },
        ]
    }

    #[test]
    fn every_error_code_has_a_message_with_its_placeholders_in_every_locale() {
        for kind in every_kind() {
            for l in Locale::all() {
                let key = format!("errors.{}", kind.code());
                let template = msg(l, &key);
                assert_ne!(template, key, "no message `{key}` in {l}");
                let mut want: Vec<String> = kind.args().into_iter().map(|(k, _)| k.to_owned()).collect();
                want.sort();
                assert_eq!(crate::text::placeholders(template), want, "`{key}` in {l}");
                assert!(!kind.describe(l).contains('{'), "`{key}` in {l} left a placeholder");
            }
        }
    }

    #[test]
    fn every_bound_is_named_in_words_in_every_locale() {
        for word in ["entries", "options", "text_chars", "condition_depth"] {
            for l in Locale::all() {
                let key = format!("words.{word}");
                assert_ne!(msg(l, &key), key, "no word `{word}` in {l}");
            }
        }
    }

    #[test]
    fn every_word_used_in_the_engine_has_a_translation() {
        let src = [include_str!("reader.rs"), include_str!("validate.rs"), include_str!("cases.rs")].concat();
        for (prefix, end) in [
            ("what: \"", '"'),
            ("reason: \"", '"'),
            ("opts_err(cx, \"", '"'),
            ("found: \"", '"'),
            ("expected: \"", '"'),
            ("wrong(cx, v, path, \"", '"'),
        ] {
            for part in src.split(prefix).skip(1) {
                let word = &part[..part.find(end).unwrap()];
                for l in Locale::all() {
                    let key = format!("words.{word}");
                    assert_ne!(msg(l, &key), key, "no word `{word}` in {l}");
                }
            }
        }
    }
}
