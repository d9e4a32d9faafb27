#![cfg(not(target_arch = "wasm32"))]
//! Broken rulebooks: each test takes a complete, valid rulebook
//! (`tests/fixtures/full.toml`, a frozen copy of an earlier default rulebook,
//! so that rewording the default one does not touch these tests), applies one
//! targeted textual edit and checks that loading reports the specific problem,
//! with the key path and (where the format allows) the line derived from the
//! edited text.

use std::sync::LazyLock;

use rongcuo_engine::{self as engine, ErrorKind, Locale, Rulebook, RulebookError};

const FILE: &str = "broken.toml";

/// The valid rulebook every test breaks in one place.
const DEFAULT_RULEBOOK: &str = include_str!("fixtures/full.toml");

/// The fixture, loaded, for looking up indices instead of hard-coding them.
static RB: LazyLock<Rulebook> = LazyLock::new(|| match engine::load("full.toml", DEFAULT_RULEBOOK) {
    Ok(rb) => rb,
    Err(e) => panic!("the fixture must load: {e:#?}"),
});

/// Replaces one exact snippet that must occur exactly once in `src`.
fn edit_in(src: &str, from: &str, to: &str) -> String {
    let n = src.matches(from).count();
    assert_eq!(n, 1, "snippet must occur exactly once (found {n} times): {from:?}");
    src.replacen(from, to, 1)
}

/// Replaces one exact snippet of the default rulebook.
fn edit(from: &str, to: &str) -> String {
    edit_in(DEFAULT_RULEBOOK, from, to)
}

/// The 1-based line on which `needle` (unique in `src`) starts.
fn line_of(src: &str, needle: &str) -> u32 {
    let n = src.matches(needle).count();
    assert_eq!(n, 1, "needle must occur exactly once (found {n} times): {needle:?}");
    let at = src.find(needle).expect("needle present");
    src[..at].matches('\n').count() as u32 + 1
}

/// The 1-based line of `needle` inside `anchor` (the anchor is unique in `src`).
fn line_within(src: &str, anchor: &str, needle: &str) -> u32 {
    let n = src.matches(anchor).count();
    assert_eq!(n, 1, "anchor must occur exactly once (found {n} times): {anchor:?}");
    let start = src.find(anchor).expect("anchor present");
    let inner = anchor.find(needle).unwrap_or_else(|| panic!("{needle:?} not in anchor"));
    src[..start + inner].matches('\n').count() as u32 + 1
}

/// Loads `src`, which must fail; every error names the file.
fn errors(src: &str) -> Vec<RulebookError> {
    match engine::load(FILE, src) {
        Ok(_) => panic!("the broken rulebook loaded without errors"),
        Err(errs) => {
            assert!(!errs.is_empty(), "an Err must carry at least one error");
            for e in &errs {
                assert_eq!(e.file, FILE, "{e:?}");
            }
            errs
        }
    }
}

/// The one error at `path`.
fn at<'a>(errs: &'a [RulebookError], path: &str) -> &'a RulebookError {
    let found: Vec<&RulebookError> = errs.iter().filter(|e| e.path == path).collect();
    assert_eq!(found.len(), 1, "expected exactly one error at `{path}`, got: {errs:#?}");
    found[0]
}

/// The one `NoOutcome` problem of `src`, at `path`, reported on the line of
/// `line_at`; its situation names each of `names`.
fn no_outcome(src: &str, path: &str, names: &[&str], line_at: &str) {
    let e = sole(&errors(src)).clone();
    assert_eq!(e.path, path);
    match &e.kind {
        ErrorKind::NoOutcome { situation } => {
            for n in names {
                assert!(situation.contains(n), "the situation names `{n}`: {situation}");
            }
        }
        k => panic!("expected NoOutcome, got {k:?}"),
    }
    assert_eq!(e.line, Some(line_of(src, line_at)), "{e:#?}");
}

/// The only error reported.
fn sole(errs: &[RulebookError]) -> &RulebookError {
    assert_eq!(errs.len(), 1, "expected exactly one error, got: {errs:#?}");
    &errs[0]
}

/// Asserts an error's path, kind and line.
fn check(e: &RulebookError, path: &str, kind: ErrorKind, line: Option<u32>) {
    assert_eq!(e.path, path, "{e:#?}");
    assert_eq!(e.kind, kind, "{e:#?}");
    assert_eq!(e.line, line, "{e:#?}");
}

fn q(id: &str) -> usize {
    RB.question_index(id).unwrap_or_else(|| panic!("no question {id}"))
}

fn opt(question: &str, option: &str) -> usize {
    RB.questions[q(question)]
        .options
        .iter()
        .position(|o| o.id.as_str() == option)
        .unwrap_or_else(|| panic!("no option {question}.{option}"))
}

fn tier(id: &str) -> usize {
    RB.tiers.iter().position(|t| t.id.as_str() == id).unwrap_or_else(|| panic!("no tier {id}"))
}

fn red_line(id: &str) -> usize {
    RB.red_lines.iter().position(|r| r.id.as_str() == id).unwrap_or_else(|| panic!("no red line {id}"))
}

fn factor(id: &str) -> usize {
    RB.factors.iter().position(|f| f.id.as_str() == id).unwrap_or_else(|| panic!("no factor {id}"))
}

fn element(id: &str) -> usize {
    RB.elements.iter().position(|e| e.id.as_str() == id).unwrap_or_else(|| panic!("no element {id}"))
}

fn band(id: &str) -> usize {
    RB.score.bands.iter().position(|b| b.id.as_str() == id).unwrap_or_else(|| panic!("no band {id}"))
}

fn decision(id: &str) -> usize {
    RB.decisions.iter().position(|d| d.id.as_str() == id).unwrap_or_else(|| panic!("no decision {id}"))
}

fn section(id: &str) -> usize {
    RB.sections.iter().position(|s| s.id.as_str() == id).unwrap_or_else(|| panic!("no section {id}"))
}

fn material(id: &str) -> usize {
    RB.materials.iter().position(|m| m.id.as_str() == id).unwrap_or_else(|| panic!("no material {id}"))
}

fn measure(id: &str) -> usize {
    RB.measures.iter().position(|m| m.id.as_str() == id).unwrap_or_else(|| panic!("no measure {id}"))
}

fn track(id: &str) -> usize {
    RB.tracks.iter().position(|t| t.id.as_str() == id).unwrap_or_else(|| panic!("no track {id}"))
}

// ------------------------------------------------------------------ sanity

#[test]
fn the_fixture_loads_without_errors() {
    let rb = match engine::load(engine::DEFAULT_RULEBOOK_FILE, DEFAULT_RULEBOOK) {
        Ok(rb) => rb,
        Err(e) => panic!("default rulebook has errors: {e:#?}"),
    };
    assert!(!rb.questions.is_empty());
    assert!(!rb.tiers.is_empty());
    assert!(!rb.red_lines.is_empty());
}

#[test]
fn helpers_refuse_a_missing_snippet() {
    let r = std::panic::catch_unwind(|| edit("this snippet is not in the rulebook", "x"));
    assert!(r.is_err(), "edit must fail loudly when the snippet is absent");
}

// ------------------------------------------------------------------ syntax

#[test]
fn malformed_toml_is_a_syntax_error_with_its_line() {
    let src = edit("minutes = 10\n", "minutes = = 10\n");
    let all = errors(&src);
    let e = all.first().expect("a syntax error").clone();
    assert!(all.iter().all(|e| matches!(e.kind, ErrorKind::Syntax { .. }) && e.line == Some(line_of(&src, "minutes = = 10"))), "{all:#?}");
    assert!(matches!(e.kind, ErrorKind::Syntax { ref message } if !message.is_empty()), "{e:#?}");
    assert_eq!(e.path, "");
    assert_eq!(e.span.map(|(a, _)| &src[a..a + 1]), Some("="), "the span points at the stray `=`");
}

#[test]
fn every_recoverable_syntax_error_is_reported_not_only_the_first() {
    let src = edit("minutes = 10\n", "minutes = = 10\n").replacen("version = \"", "version = = \"", 1);
    let all = errors(&src);
    let lines: Vec<Option<u32>> = all.iter().map(|e| e.line).collect();
    assert!(lines.contains(&Some(line_of(&src, "minutes = = 10"))), "{all:#?}");
    assert!(lines.contains(&Some(line_of(&src, "version = = "))), "{all:#?}");
    assert!(all.iter().all(|e| matches!(e.kind, ErrorKind::Syntax { .. })), "{all:#?}");
}

#[test]
fn unterminated_string_is_a_syntax_error_with_its_line() {
    let src = edit("id = \"c_reported\"\n", "id = \"c_reported\nsection_x = 1\n");
    let e = sole(&errors(&src)).clone();
    assert!(matches!(e.kind, ErrorKind::Syntax { .. }), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "id = \"c_reported\n")));
}

// ------------------------------------------------------------------ keys and types

#[test]
fn unknown_top_level_key() {
    let src = edit("[meta]\n", "verison = \"2\"\n\n[meta]\n");
    let errs = errors(&src);
    check(sole(&errs), "verison", ErrorKind::UnknownKey { key: "verison".into() }, Some(line_of(&src, "verison =")));
}

#[test]
fn unknown_nested_key_typo_in_an_option() {
    let anchor = "label.en = \"None of these\"\nexclusive = true\n\n[[questions]]\nid = \"r_response\"";
    let typo = "label.en = \"None of these\"\nexclusve = true\n\n[[questions]]\nid = \"r_response\"";
    let src = edit(anchor, typo);
    let errs = errors(&src);
    let path = format!("questions[{}].options[{}].exclusve", q("r_conditions"), opt("r_conditions", "none"));
    check(sole(&errs), &path, ErrorKind::UnknownKey { key: "exclusve".into() }, Some(line_of(&src, "exclusve = true")));
}

#[test]
fn unknown_nested_key_typo_in_a_track() {
    let src = edit("distinctions_apply = true", "distinction_apply = true");
    let errs = errors(&src);
    let path = format!("tracks[{}].distinction_apply", track("additional"));
    check(sole(&errs), &path, ErrorKind::UnknownKey { key: "distinction_apply".into() }, Some(line_of(&src, "distinction_apply")));
}

#[test]
fn missing_key_in_a_tier() {
    let anchor = "[[tiers]]\nid = \"out_of_scope\"\ntone = \"info\"\n";
    let src = edit(anchor, "[[tiers]]\nid = \"out_of_scope\"\n");
    let errs = errors(&src);
    let path = format!("tiers[{}]", tier("out_of_scope"));
    // Reported at the table itself, which starts at its `[[tiers]]` header.
    check(sole(&errs), &path, ErrorKind::MissingKey { key: "tone".into() }, Some(line_of(&src, "[[tiers]]\nid = \"out_of_scope\"")));
}

#[test]
fn missing_top_level_table() {
    let anchor = "[outcome]\nunknown_tier = \"more_info\"\n";
    let src = edit(anchor, "[outcomes]\nunknown_tier = \"more_info\"\n");
    let errs = errors(&src);
    assert!(errs.iter().any(|e| e.path.is_empty() && e.kind == ErrorKind::MissingKey { key: "outcome".into() }), "{errs:#?}");
    let e = at(&errs, "outcomes");
    assert_eq!(e.kind, ErrorKind::UnknownKey { key: "outcomes".into() });
    assert_eq!(e.line, Some(line_of(&src, "[outcomes]")));
}

#[test]
fn wrong_type_integer_given_a_string() {
    let src = edit("minutes = 10\n", "minutes = \"10\"\n");
    check(
        sole(&errors(&src)),
        "meta.minutes",
        ErrorKind::WrongType { expected: "integer", found: "string" },
        Some(line_of(&src, "minutes = \"10\"")),
    );
}

#[test]
fn wrong_type_boolean_and_array() {
    let src = edit("max_chars = 100000\n", "max_chars = 100000\nrequired = \"no\"\n");
    let src = edit_in(&src, "required = false\n# 允许", "# 允许");
    let src = edit_in(&src, "terms = [\"risk_filing\"]", "terms = \"risk_filing\"");
    let errs = errors(&src);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    check(
        at(&errs, &format!("questions[{}].required", q("description"))),
        &format!("questions[{}].required", q("description")),
        ErrorKind::WrongType { expected: "boolean", found: "string" },
        Some(line_of(&src, "required = \"no\"")),
    );
    let path = format!("questions[{}].terms", q("timing"));
    check(
        at(&errs, &path),
        &path,
        ErrorKind::WrongType { expected: "array", found: "string" },
        Some(line_of(&src, "terms = \"risk_filing\"")),
    );
}

#[test]
fn out_of_range_integer() {
    let src = edit("minutes = 10\n", "minutes = 0\n");
    check(sole(&errors(&src)), "meta.minutes", ErrorKind::OutOfRange { value: 0, min: 1, max: 120 }, Some(line_of(&src, "minutes = 0")));
}

// ------------------------------------------------------------------ enums, ids, dates

#[test]
fn bad_question_kind() {
    let src = edit("kind = \"date\"", "kind = \"datum\"");
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, format!("questions[{}].kind", q("happened_on")));
    assert!(matches!(e.kind, ErrorKind::BadValue { ref value, .. } if value == "datum"), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "kind = \"datum\"")));
}

#[test]
fn bad_tier_tone() {
    let src = edit("tone = \"favourable\"", "tone = \"happy\"");
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, format!("tiers[{}].tone", tier("exemption_likely")));
    assert!(matches!(e.kind, ErrorKind::BadValue { ref value, .. } if value == "happy"), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "tone = \"happy\"")));
}

#[test]
fn bad_element_status_in_a_decision() {
    let src = edit("{ element = \"motive\", is = \"met\" },", "{ element = \"motive\", is = \"done\" },");
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, format!("decisions[{}].when.all[0].is", decision("strong_case")));
    assert!(matches!(e.kind, ErrorKind::BadValue { ref value, .. } if value == "done"), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "is = \"done\"")));
}

#[test]
fn bad_id_with_a_hyphen() {
    let src = edit("id = \"after\"", "id = \"after-event\"");
    let path = format!("questions[{}].options[{}].id", q("timing"), opt("timing", "after"));
    check(sole(&errors(&src)), &path, ErrorKind::BadId { id: "after-event".into() }, Some(line_of(&src, "after-event")));
}

#[test]
fn bad_id_as_a_points_key() {
    let src = edit("points = { immediate = 2,", "points = { \"1mmediate\" = 2,");
    let path = format!("elements[{}].counts[2].points.1mmediate", element("circumstances"));
    check(sole(&errors(&src)), &path, ErrorKind::BadId { id: "1mmediate".into() }, Some(line_of(&src, "\"1mmediate\"")));
}

#[test]
fn bad_date_in_meta_effective() {
    let src = edit("effective = 2026-11-01", "effective = \"2026-13-01\"");
    check(sole(&errors(&src)), "meta.effective", ErrorKind::BadDate { value: "2026-13-01".into() }, Some(line_of(&src, "effective = ")));
}

#[test]
fn impossible_calendar_date_in_meta_effective() {
    let src = edit("effective = 2026-11-01", "effective = \"2026-02-29\"");
    check(sole(&errors(&src)), "meta.effective", ErrorKind::BadDate { value: "2026-02-29".into() }, Some(line_of(&src, "effective = ")));
}

// ------------------------------------------------------------------ duplicate ids

#[test]
fn duplicate_question_id() {
    let src = edit("id = \"c_reported\"", "id = \"c_losses\"");
    let errs = errors(&src);
    let path = format!("questions[{}].id", q("c_reported"));
    // The renamed question (the second `c_losses`) is the one without `allow_unsure`.
    let second = line_within(&src, "id = \"c_losses\"\nsection = \"correction\"\nkind = \"yes_no\"\nshow_if", "id");
    assert!(second > line_within(&src, "id = \"c_losses\"\nsection = \"correction\"\nkind = \"yes_no\"\nallow_unsure", "id"));
    check(at(&errs, &path), &path, ErrorKind::DuplicateId { id: "c_losses".into() }, Some(second));
    // The material that read the renamed question now names a question that is gone.
    let m = format!("materials[{}].when.question", material("report_record"));
    assert_eq!(at(&errs, &m).kind, ErrorKind::Unresolved { what: "question", id: "c_reported".into() });
}

#[test]
fn duplicate_option_id_within_a_question() {
    let src = edit("id = \"once\"", "id = \"never\"");
    let errs = errors(&src);
    let path = format!("questions[{}].options[{}].id", q("f_prior"), opt("f_prior", "once"));
    let line = line_within(&src, "id = \"never\"\nlabel.zh-CN = \"申请过一次\"", "id");
    check(at(&errs, &path), &path, ErrorKind::DuplicateId { id: "never".into() }, Some(line));
    // The factor's grade for `once` now names no option.
    let g = format!("factors[{}].grades.once", factor("prior"));
    assert_eq!(at(&errs, &g).kind, ErrorKind::Unresolved { what: "option", id: "once".into() });
}

#[test]
fn duplicate_tier_id() {
    let src = edit("id = \"accountability\"\ntone", "id = \"excluded\"\ntone");
    let errs = errors(&src);
    let path = format!("tiers[{}].id", tier("accountability"));
    let line = line_within(&src, "id = \"excluded\"\ntone = \"unfavourable\"\ntitle.zh-CN = \"必做", "id");
    assert_eq!(errs.len(), 2, "{errs:#?}");
    check(at(&errs, &path), &path, ErrorKind::DuplicateId { id: "excluded".into() }, Some(line));
    // The track that named the renamed tier is now unresolved.
    let t = format!("tracks[{}].tier", track("mandatory"));
    check(
        at(&errs, &t),
        &t,
        ErrorKind::Unresolved { what: "tier", id: "accountability".into() },
        Some(line_of(&src, "tier = \"accountability\"")),
    );
}

// ------------------------------------------------------------------ unresolved references

#[test]
fn unresolved_question_section() {
    let src = edit("id = \"c_reported\"\nsection = \"correction\"", "id = \"c_reported\"\nsection = \"corection\"");
    let path = format!("questions[{}].section", q("c_reported"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::Unresolved { what: "section", id: "corection".into() },
        Some(line_of(&src, "section = \"corection\"")),
    );
}

#[test]
fn unresolved_glossary_term() {
    let src = edit("terms = [\"risk_filing\"]", "terms = [\"risk_filling\"]");
    let path = format!("questions[{}].terms[0]", q("timing"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::Unresolved { what: "term", id: "risk_filling".into() },
        Some(line_of(&src, "risk_filling")),
    );
}

#[test]
fn unresolved_condition_question() {
    // `\nwhen` leaves out the distinction's `intolerable_when`, which reads the same question.
    let src = edit("\nwhen = { question = \"rl_ban\", is = \"yes\" }", "\nwhen = { question = \"rl_bann\", is = \"yes\" }");
    let path = format!("red_lines[{}].when.question", red_line("defied_ban"));
    check(sole(&errors(&src)), &path, ErrorKind::Unresolved { what: "question", id: "rl_bann".into() }, Some(line_of(&src, "rl_bann")));
}

#[test]
fn unresolved_condition_option_is() {
    let src = edit("when = { question = \"c_status\", is = \"refused\" }", "when = { question = \"c_status\", is = \"refuse\" }");
    let path = format!("red_lines[{}].when.is", red_line("refused_correction"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::Unresolved { what: "option", id: "refuse".into() },
        Some(line_of(&src, "is = \"refuse\"")),
    );
}

#[test]
fn unresolved_condition_option_in() {
    let src = edit(
        "required_when = { question = \"f_severity\", in = [\"moderate\", \"serious\"] }",
        "required_when = { question = \"f_severity\", in = [\"moderate\", \"grave\"] }",
    );
    let path = format!("measures[{}].required_when.in[1]", measure("remove_danger"));
    check(sole(&errors(&src)), &path, ErrorKind::Unresolved { what: "option", id: "grave".into() }, Some(line_of(&src, "\"grave\"")));
}

#[test]
fn unresolved_factor_grade_option() {
    let src = edit("grades = { never = 4, once = 2, repeated = 0 }", "grades = { never = 4, once = 2, repeatedly = 0 }");
    let errs = errors(&src);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    let f = factor("prior");
    let path = format!("factors[{f}].grades.repeatedly");
    check(at(&errs, &path), &path, ErrorKind::Unresolved { what: "option", id: "repeatedly".into() }, Some(line_of(&src, "repeatedly")));
    // And the real option is left without a grade.
    let path = format!("factors[{f}].grades");
    check(
        at(&errs, &path),
        &path,
        ErrorKind::MissingKey { key: "repeated".into() },
        Some(line_of(&src, "grades = { never = 4, once = 2, repeatedly")),
    );
}

#[test]
fn unresolved_element_count_option() {
    let src = edit("points = { immediate = 2, later = 1, none = 0 }", "points = { immediate = 2, later = 1, nothing = 0 }");
    let path = format!("elements[{}].counts[2].points.nothing", element("circumstances"));
    check(sole(&errors(&src)), &path, ErrorKind::Unresolved { what: "option", id: "nothing".into() }, Some(line_of(&src, "nothing = 0")));
}

#[test]
fn unresolved_element_count_question() {
    let src = edit("question = \"r_response\"\npoints", "question = \"r_respons\"\npoints");
    let path = format!("elements[{}].counts[2].question", element("circumstances"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::Unresolved { what: "question", id: "r_respons".into() },
        Some(line_of(&src, "r_respons\"")),
    );
}

#[test]
fn unresolved_red_line_tier() {
    let anchor = "when = { question = \"rl_falsify\", is = \"yes\" }\ntier = \"excluded\"";
    let src = edit(anchor, "when = { question = \"rl_falsify\", is = \"yes\" }\ntier = \"exclude\"");
    let path = format!("red_lines[{}].tier", red_line("falsification"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::Unresolved { what: "tier", id: "exclude".into() },
        Some(line_of(&src, "tier = \"exclude\"")),
    );
}

#[test]
fn unresolved_tier_next_step() {
    let src = edit("next_steps = [\"other_channels\"]", "next_steps = [\"other_channel\"]");
    let path = format!("tiers[{}].next_steps[0]", tier("out_of_scope"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::Unresolved { what: "next_step", id: "other_channel".into() },
        Some(line_of(&src, "\"other_channel\"")),
    );
}

#[test]
fn unresolved_outcome_unknown_tier() {
    let src = edit("unknown_tier = \"more_info\"", "unknown_tier = \"more_infos\"");
    check(
        sole(&errors(&src)),
        "outcome.unknown_tier",
        ErrorKind::Unresolved { what: "tier", id: "more_infos".into() },
        Some(line_of(&src, "unknown_tier = ")),
    );
}

#[test]
fn unresolved_decision_element() {
    let src = edit("{ element = \"motive\", is = \"met\" },", "{ element = \"motiv\", is = \"met\" },");
    let path = format!("decisions[{}].when.all[0].element", decision("strong_case"));
    check(sole(&errors(&src)), &path, ErrorKind::Unresolved { what: "element", id: "motiv".into() }, Some(line_of(&src, "\"motiv\"")));
}

#[test]
fn unresolved_decision_band() {
    let src = edit("when = { band = \"low\" }", "when = { band = \"lower\" }");
    let path = format!("decisions[{}].when.band", decision("score_low"));
    check(sole(&errors(&src)), &path, ErrorKind::Unresolved { what: "band", id: "lower".into() }, Some(line_of(&src, "band = \"lower\"")));
}

// ------------------------------------------------------------------ numbers

#[test]
fn weight_sum_not_100() {
    let src = edit("weight = 10\n", "weight = 15\n");
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, "factors");
    assert_eq!(e.kind, ErrorKind::WeightSum { sum: 105 });
    // Reported at the first `[[factors]]` table.
    assert_eq!(e.line, Some(line_of(&src, "[[factors]]\nid = \"nature\"")), "{e:#?}");
}

#[test]
fn weight_out_of_range() {
    let src = edit("weight = 10\n", "weight = 0\n");
    let path = format!("factors[{}].weight", factor("record"));
    check(sole(&errors(&src)), &path, ErrorKind::OutOfRange { value: 0, min: 1, max: 100 }, Some(line_of(&src, "weight = 0")));
    let src = edit("weight = 10\n", "weight = 101\n");
    check(sole(&errors(&src)), &path, ErrorKind::OutOfRange { value: 101, min: 1, max: 100 }, Some(line_of(&src, "weight = 101")));
}

#[test]
fn grade_above_grade_max() {
    let src = edit("grades = { frontline = 4,", "grades = { frontline = 5,");
    let path = format!("factors[{}].grades.frontline", factor("record"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::OutOfRange { value: 5, min: 0, max: RB.score.grade_max as i64 },
        Some(line_of(&src, "frontline = 5")),
    );
}

#[test]
fn band_overlap() {
    let src = edit("from = 50\nto = 80", "from = 50\nto = 85");
    let path = format!("score.bands[{}].from", band("high"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::BandOverlap { first: "middle".into(), second: "high".into() },
        Some(line_of(&src, "from = 80")),
    );
}

#[test]
fn band_gap_inside() {
    let src = edit("from = 50\nto = 80", "from = 55\nto = 80");
    let path = format!("score.bands[{}].from", band("middle"));
    check(sole(&errors(&src)), &path, ErrorKind::BandGap { from: 50, to: 55 }, Some(line_of(&src, "from = 55")));
}

#[test]
fn band_gap_at_the_top() {
    let src = edit("from = 80\nto = 100", "from = 80\nto = 95");
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, "score.bands");
    assert_eq!(e.kind, ErrorKind::BandGap { from: 95, to: 100 });
    assert_eq!(e.line, Some(line_of(&src, "[[score.bands]]\nid = \"high\"")), "{e:#?}");
}

#[test]
fn element_met_at_unreachable() {
    let src = edit("met_at = 3\npartly_at = 2", "met_at = 5\npartly_at = 2");
    let e = element("motive");
    let reachable: u32 = RB.elements[e].counts.iter().map(|c| c.points.iter().map(|p| p.1).max().unwrap_or(0)).sum();
    assert_eq!(reachable, 4, "motive: single-choice m_motive (max 3) plus d_for_development (1)");
    let path = format!("elements[{e}].met_at");
    check(sole(&errors(&src)), &path, ErrorKind::ElementThresholds { reachable }, Some(line_of(&src, "met_at = 5")));
}

#[test]
fn element_partly_at_not_below_met_at() {
    let src = edit("met_at = 3\npartly_at = 2", "met_at = 3\npartly_at = 3");
    let path = format!("elements[{}].met_at", element("motive"));
    check(sole(&errors(&src)), &path, ErrorKind::ElementThresholds { reachable: 4 }, Some(line_of(&src, "met_at = 3\npartly_at = 3")));
}

// ------------------------------------------------------------------ conditions

#[test]
fn forward_reference_in_show_if() {
    let anchor = "show_if = { question = \"timing\", is = \"after\" }\ntext.zh-CN = \"事情大约";
    let src = edit(anchor, "show_if = { question = \"c_status\", is = \"done\" }\ntext.zh-CN = \"事情大约");
    let path = format!("questions[{}].show_if.question", q("happened_on"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::ForwardReference { question: "c_status".into() },
        Some(line_of(&src, "question = \"c_status\", is = \"done\"")),
    );
}

#[test]
fn self_reference_in_show_if() {
    let anchor = "show_if = { question = \"timing\", is = \"after\" }\ntext.zh-CN = \"事情大约";
    let src = edit(anchor, "show_if = { question = \"happened_on\", answered = true }\ntext.zh-CN = \"事情大约");
    let path = format!("questions[{}].show_if.question", q("happened_on"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::ForwardReference { question: "happened_on".into() },
        Some(line_of(&src, "question = \"happened_on\"")),
    );
}

#[test]
fn question_that_can_never_be_shown() {
    let anchor = "show_if = { all = [{ question = \"task_kind\", is = \"mandatory\" }, { question = \"timing\", is = \"after\" }] }";
    let never = "show_if = { all = [{ question = \"timing\", is = \"before\" }, { question = \"timing\", is = \"after\" }] }";
    let src = edit(anchor, never);
    let path = format!("questions[{}].show_if", q("mandatory_done"));
    let errs = errors(&src);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    check(at(&errs, &path), &path, ErrorKind::NeverShown, Some(line_of(&src, never)));
    // With `mandatory_done` never asked, mandatory work after the event reaches no track.
    match &at(&errs, "tracks").kind {
        ErrorKind::NoOutcome { situation } => assert!(situation.contains("mandatory_done = (not asked)"), "{situation}"),
        k => panic!("expected NoOutcome, got {k:?}"),
    }
}

#[test]
fn decision_table_without_a_catch_all_row() {
    let start = DEFAULT_RULEBOOK.find("[[decisions]]\nid = \"partly_met\"").expect("partly_met row");
    let len = DEFAULT_RULEBOOK[start..].find("\n\n").expect("end of the row") + 2;
    let row = &DEFAULT_RULEBOOK[start..start + len];
    assert!(row.contains("when = \"always\""), "{row}");
    let src = edit(row, "");
    no_outcome(&src, "decisions", &["band = ", "motive = "], "[[decisions]]\nid = \"element_missing\"");
}

#[test]
fn tracks_leaving_an_answer_without_a_track() {
    let src = edit("  { question = \"mandatory_done\", is = \"yes\" },\n", "");
    no_outcome(&src, "tracks", &["task_kind = mandatory", "mandatory_done = yes", "timing = after"], "[[tracks]]\nid = \"mandatory\"");
}

#[test]
fn tracks_leaving_a_hidden_question_without_a_track() {
    // Without this branch, planned mandatory work reaches no track: `mandatory_done`
    // is only asked after the event, so it has no answer.
    let branch = "  { all = [{ question = \"task_kind\", is = \"mandatory\" }, { question = \"timing\", is = \"before\" }] },\n";
    let src = edit(branch, "");
    no_outcome(
        &src,
        "tracks",
        &["timing = before", "task_kind = mandatory", "mandatory_done = (not asked)"],
        "[[tracks]]\nid = \"mandatory\"",
    );
}

#[test]
fn facts_in_a_red_line_condition() {
    let src = edit("when = { question = \"rl_falsify\", is = \"yes\" }", "when = { element = \"motive\", is = \"not_met\" }");
    let path = format!("red_lines[{}].when", red_line("falsification"));
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, path);
    assert!(matches!(e.kind, ErrorKind::NotAllowedHere { .. }), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "when = { element = \"motive\", is = \"not_met\" }")));
}

#[test]
fn band_in_a_red_line_condition() {
    let src = edit(
        "when = { question = \"rl_falsify\", is = \"yes\" }",
        "when = { any = [{ question = \"rl_falsify\", is = \"yes\" }, { band = \"low\" }] }",
    );
    let path = format!("red_lines[{}].when.any[1]", red_line("falsification"));
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, path);
    assert!(matches!(e.kind, ErrorKind::NotAllowedHere { .. }), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "{ band = \"low\" }] }")));
}

#[test]
fn condition_on_a_text_question() {
    let anchor = "title.en = \"An account of what happened, with a timeline\"\n";
    let src =
        edit(anchor, "title.en = \"An account of what happened, with a timeline\"\nwhen = { question = \"description\", is = \"x\" }\n");
    let path = format!("materials[{}].when.question", material("timeline"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::NotTestable { question: "description".into(), kind: "text" },
        Some(line_of(&src, "question = \"description\"")),
    );
}

#[test]
fn answered_false_is_rejected() {
    let anchor = "title.en = \"An account of what happened, with a timeline\"\n";
    let src = edit(
        anchor,
        "title.en = \"An account of what happened, with a timeline\"\nwhen = { question = \"description\", answered = false }\n",
    );
    let path = format!("materials[{}].when.answered", material("timeline"));
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, path);
    assert!(matches!(e.kind, ErrorKind::BadValue { ref value, .. } if value == "false"), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "answered = false")));
}

#[test]
fn empty_all_list_in_a_condition() {
    let src = edit("when = { question = \"c_reported\", is = \"yes\" }", "when = { all = [] }");
    let path = format!("materials[{}].when.all", material("report_record"));
    check(sole(&errors(&src)), &path, ErrorKind::Empty, Some(line_of(&src, "when = { all = [] }")));
}

// ------------------------------------------------------------------ locales

#[test]
fn missing_english_wording() {
    let src = edit("title.en = \"Scope\"\n", "");
    let e = sole(&errors(&src)).clone();
    let path = format!("sections[{}].title.en", section("scope"));
    assert_eq!(e.path, path);
    assert_eq!(e.kind, ErrorKind::MissingLocale { locale: "en" });
    // Reported where the wording is written: its remaining line.
    assert_eq!(e.line, Some(line_of(&src, "title.zh-CN = \"适用范围\"")), "{e:#?}");
}

#[test]
fn empty_english_wording() {
    let src = edit("short.en = \"Kind of work\"", "short.en = \"  \"");
    let path = format!("questions[{}].short.en", q("task_kind"));
    check(sole(&errors(&src)), &path, ErrorKind::MissingLocale { locale: "en" }, Some(line_of(&src, "short.en = \"  \"")));
}

#[test]
fn unknown_locale_key() {
    let src = edit("title.zh-CN = \"适用范围\"", "title.zh-cn = \"适用范围\"");
    let errs = errors(&src);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    let s = section("scope");
    let path = format!("sections[{s}].title.zh-cn");
    check(at(&errs, &path), &path, ErrorKind::UnknownLocale { locale: "zh-cn".into() }, Some(line_of(&src, "title.zh-cn")));
    let path = format!("sections[{s}].title.zh-CN");
    assert_eq!(at(&errs, &path).kind, ErrorKind::MissingLocale { locale: "zh-CN" });
}

#[test]
fn undeclared_locale_is_unknown() {
    // Dropping `en` from meta.locales makes every `.en` wording unknown.
    let src = edit("locales = [\"zh-CN\", \"en\"]", "locales = [\"zh-CN\"]");
    let errs = errors(&src);
    assert!(errs.len() > 100, "every English wording is reported, got {}", errs.len());
    assert!(errs.iter().all(|e| e.kind == ErrorKind::UnknownLocale { locale: "en".into() }), "{errs:#?}");
    check(
        at(&errs, "meta.title.en"),
        "meta.title.en",
        ErrorKind::UnknownLocale { locale: "en".into() },
        Some(line_of(&src, "title.en = \"Fault-tolerance self-check\"")),
    );
}

#[test]
fn bad_locale_tag_in_meta() {
    let src = edit("locales = [\"zh-CN\", \"en\"]", "locales = [\"zh-CN\", \"en\", \"fr\"]");
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, "meta.locales[2]");
    assert!(matches!(e.kind, ErrorKind::BadValue { ref value, .. } if value == "fr"), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "\"fr\"")));
}

// ------------------------------------------------------------------ lists and options

#[test]
fn section_without_questions_is_empty() {
    let anchor = "# ---------------------------------------------------------------- 术语\n";
    let extra = "[[sections]]\nid = \"unused\"\ntitle.zh-CN = \"未用\"\ntitle.en = \"Unused\"\n\n";
    let src = edit(anchor, &format!("{extra}{anchor}"));
    let path = format!("sections[{}]", RB.sections.len());
    // Reported at the table, which starts at its `[[sections]]` header.
    check(sole(&errors(&src)), &path, ErrorKind::Empty, Some(line_of(&src, "[[sections]]\nid = \"unused\"")));
}

#[test]
fn empty_required_string() {
    let src = edit("version = \"2026.11\"", "version = \" \"");
    check(sole(&errors(&src)), "meta.version", ErrorKind::Empty, Some(line_of(&src, "version = \" \"")));
}

#[test]
fn empty_required_list_of_tables() {
    // `stages` written as an empty inline array instead of `[[stages]]` tables.
    let start = DEFAULT_RULEBOOK.find("[[stages]]").expect("stages");
    let end = DEFAULT_RULEBOOK.find("[[recipients]]").expect("recipients");
    let stages = &DEFAULT_RULEBOOK[start..end];
    let src = edit(stages, "");
    // A top-level key must come before the first table.
    let src = edit_in(&src, "[meta]\n", "stages = []\n\n[meta]\n");
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, "stages");
    assert_eq!(e.kind, ErrorKind::Empty);
    assert_eq!(e.line, Some(line_of(&src, "stages = []")));
}

#[test]
fn allow_unsure_on_a_single_choice_question() {
    let anchor = "id = \"timing\"\nsection = \"scope\"\nkind = \"single\"\n";
    let src = edit(anchor, "id = \"timing\"\nsection = \"scope\"\nkind = \"single\"\nallow_unsure = true\n");
    let path = format!("questions[{}].allow_unsure", q("timing"));
    check(
        sole(&errors(&src)),
        &path,
        ErrorKind::Options { reason: "allow_unsure_yes_no" },
        Some(line_of(&src, "allow_unsure = true\ntext.zh-CN = \"您想自查")),
    );
}

#[test]
fn options_on_a_yes_no_question() {
    let anchor = "why.en = \"Coming forward shows good faith, and decides what to do next.\"\n";
    let options = "\n[[questions.options]]\nid = \"maybe\"\nlabel.zh-CN = \"也许\"\nlabel.en = \"Maybe\"\n";
    let src = edit(anchor, &format!("{anchor}{options}"));
    let path = format!("questions[{}].options", q("c_reported"));
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, path);
    assert_eq!(e.kind, ErrorKind::Options { reason: "yes_no_options" });
    assert_eq!(e.line, Some(line_of(&src, "[[questions.options]]\nid = \"maybe\"")), "{e:#?}");
}

#[test]
fn options_on_a_date_question() {
    let anchor = "why.en = \"A timeline is part of any application and helps pace the correction.\"\n";
    let options = "\n[[questions.options]]\nid = \"today\"\nlabel.zh-CN = \"今天\"\nlabel.en = \"Today\"\n";
    let src = edit(anchor, &format!("{anchor}{options}"));
    let path = format!("questions[{}].options", q("happened_on"));
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, path);
    assert_eq!(e.kind, ErrorKind::Options { reason: "choice_only" });
    assert_eq!(e.line, Some(line_of(&src, "[[questions.options]]\nid = \"today\"")), "{e:#?}");
}

#[test]
fn exclusive_option_on_a_single_choice_question() {
    let anchor = "label.en = \"Never\"\n";
    let src = edit(anchor, "label.en = \"Never\"\nexclusive = true\n");
    let path = format!("questions[{}].options", q("f_prior"));
    let e = sole(&errors(&src)).clone();
    assert_eq!(e.path, path);
    assert_eq!(e.kind, ErrorKind::Options { reason: "exclusive_multi" });
    assert_eq!(e.line, Some(line_within(&src, "[[questions.options]]\nid = \"never\"", "[[")), "{e:#?}");
}

// ------------------------------------------------------------------ several at once, messages

#[test]
fn several_independent_problems_are_all_reported() {
    let src = edit("minutes = 10\n", "minutes = 10\nminutess = 11\n");
    let src = edit_in(&src, "tone = \"caution\"\n", "tone = \"caution\"\ncolour = \"amber\"\n");
    let src = edit_in(&src, "label.en = \"Twice or more\"\n", "");
    let errs = errors(&src);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    check(at(&errs, "meta.minutess"), "meta.minutess", ErrorKind::UnknownKey { key: "minutess".into() }, Some(line_of(&src, "minutess")));
    let path = format!("tiers[{}].colour", tier("lenient_possible"));
    check(at(&errs, &path), &path, ErrorKind::UnknownKey { key: "colour".into() }, Some(line_of(&src, "colour")));
    let path = format!("questions[{}].options[{}].label.en", q("f_prior"), opt("f_prior", "repeated"));
    check(at(&errs, &path), &path, ErrorKind::MissingLocale { locale: "en" }, Some(line_of(&src, "label.zh-CN = \"申请过两次或以上\"")));
}

#[test]
fn message_names_file_key_path_and_line() {
    let src = edit("tone = \"favourable\"", "tone = \"happy\"");
    let e = sole(&errors(&src)).clone();
    let line = line_of(&src, "tone = \"happy\"");
    for locale in Locale::all() {
        let msg = e.message(locale);
        assert!(msg.starts_with(&format!("{FILE}:{line}:")), "{msg}");
        assert!(msg.contains(FILE), "{msg}");
        assert!(msg.contains(&format!(":{line}:")), "{msg}");
        assert!(msg.contains(&e.path), "{msg}");
        assert!(msg.contains("happy"), "{msg}");
    }
    assert_eq!(e.to_string(), e.message(Locale::PRIMARY));
    assert!(e.message(Locale::from_tag("en").unwrap()).contains("is not allowed"), "{}", e.message(Locale::from_tag("en").unwrap()));
}

#[test]
fn an_empty_file_reports_missing_tables() {
    let errs = errors("");
    assert!(errs.iter().any(|e| e.kind == ErrorKind::MissingKey { key: "meta".into() }), "{errs:#?}");
    assert!(errs.iter().any(|e| e.kind == ErrorKind::MissingKey { key: "questions".into() }), "{errs:#?}");
}

#[test]
fn an_empty_in_list_can_never_hold_and_is_refused() {
    let src = rongcuo_engine::DEFAULT_RULEBOOK.replacen(
        r#"when = { question = "f_severity", in = ["moderate", "serious"] }"#,
        r#"when = { question = "f_severity", in = [] }"#,
        1,
    );
    assert_ne!(src, rongcuo_engine::DEFAULT_RULEBOOK, "the snippet must exist");
    let errors = rongcuo_engine::load("broken.toml", &src).unwrap_err();
    assert!(
        errors.iter().any(|e| matches!(e.kind, rongcuo_engine::ErrorKind::Empty) && e.path.ends_with(".required_when.in")),
        "{errors:?}"
    );
}

// ------------------------------------------------------------------ paths, consistency, risks

/// The fixture with one path for planned work, and `extra` appended.
fn with_path(extra: &str) -> String {
    format!(
        "{DEFAULT_RULEBOOK}\n[[paths]]\nid = \"plan\"\ntitle.zh-CN = \"事前\"\ntitle.en = \"Before\"\nwhen = {{ question = \"timing\", is = \"before\" }}\n{extra}"
    )
}

#[test]
fn a_path_needs_its_own_text_for_every_question_it_shows() {
    let src = with_path("");
    let errs = errors(&src);
    // Every question after `timing` that planned work can show lacks `on.plan.text`…
    assert!(errs.iter().all(|e| e.kind == ErrorKind::MissingKey { key: "on.plan.text".into() }), "{errs:#?}");
    let description = RB.question_index("description").unwrap();
    assert!(errs.iter().any(|e| e.path == format!("questions[{description}].on.plan.text")), "{errs:#?}");
    // …but not a question shown only after the event (never on this path).
    let after_only = RB.question_index("c_status").unwrap();
    assert!(!errs.iter().any(|e| e.path.starts_with(&format!("questions[{after_only}]."))), "{errs:#?}");
}

#[test]
fn wording_for_a_path_that_does_not_exist() {
    let src = edit("id = \"m_motive\"\n", "id = \"m_motive\"\non.nowhere.text.zh-CN = \"x\"\non.nowhere.text.en = \"x\"\n");
    let i = RB.question_index("m_motive").unwrap();
    let e = at(&errors(&src), &format!("questions[{i}].on.nowhere")).clone();
    assert_eq!(e.kind, ErrorKind::Unresolved { what: "path", id: "nowhere".into() });
}

#[test]
fn a_path_mapping_to_a_tier_that_does_not_exist() {
    let src = format!(
        "{DEFAULT_RULEBOOK}\n[[paths]]\nid = \"plan\"\ntitle.zh-CN = \"事前\"\ntitle.en = \"Before\"\nwhen = {{ question = \"c_reported\", is = \"yes\" }}\ntiers = {{ unlikely = \"nope\" }}\n"
    );
    let e = at(&errors(&src), "paths[0].tiers.unlikely").clone();
    assert_eq!(e.kind, ErrorKind::Unresolved { what: "tier", id: "nope".into() });
}

#[test]
fn consistency_checks_and_risks_read_answers_only() {
    let src = format!(
        "{DEFAULT_RULEBOOK}\n[[consistency]]\nid = \"c1\"\nwhen = {{ question = \"no_such\", is = \"yes\" }}\nmessage.zh-CN = \"x\"\nmessage.en = \"x\"\n\n[[risks]]\nid = \"r1\"\nwhen = {{ band = \"high\" }}\ntitle.zh-CN = \"x\"\ntitle.en = \"x\"\nadvice.zh-CN = \"x\"\nadvice.en = \"x\"\n"
    );
    let errs = errors(&src);
    assert_eq!(at(&errs, "consistency[0].when.question").kind, ErrorKind::Unresolved { what: "question", id: "no_such".into() });
    assert_eq!(at(&errs, "risks[0].when").kind, ErrorKind::NotAllowedHere { what: "facts_here" });
}

#[test]
fn materials_for_a_tier_that_does_not_exist() {
    let src = edit("id = \"timeline\"\n", "id = \"timeline\"\ntiers = [\"exemption_likely\", \"no_such_tier\"]\n");
    let i = RB.materials.iter().position(|m| m.id.as_str() == "timeline").unwrap();
    assert_eq!(
        at(&errors(&src), &format!("materials[{i}].tiers[1]")).kind,
        ErrorKind::Unresolved { what: "tier", id: "no_such_tier".into() }
    );
}

#[test]
fn a_document_placeholder_must_name_a_question_or_a_field() {
    let doc = "\n[[documents]]\nid = \"d\"\ntitle.zh-CN = \"x\"\ntitle.en = \"x\"\nintro.zh-CN = \"x\"\nintro.en = \"x\"\n[[documents.sections]]\nheading.zh-CN = \"x\"\nheading.en = \"x\"\nbody.zh-CN = \"{answer:no_such} {tier} {weather}\"\nbody.en = \"{answer:description}\"\n";
    let errs = errors(&format!("{DEFAULT_RULEBOOK}{doc}"));
    let found: Vec<&ErrorKind> =
        errs.iter().filter(|e| e.path == "documents[0].sections[0].parts[0].text.zh-CN").map(|e| &e.kind).collect();
    assert_eq!(
        found,
        [
            &ErrorKind::Unresolved { what: "placeholder", id: "answer:no_such".into() },
            &ErrorKind::Unresolved { what: "placeholder", id: "weather".into() }
        ],
        "{errs:#?}"
    );
    assert_eq!(errs.len(), 2, "{errs:#?}");
}

/// The one `OverLimit` error of `src`: its key path, what it counted, the limit and the line.
fn over_limit(src: &str, path: &str, what: &str, max: usize, line: u32) {
    let errs = errors(src);
    let e = errs.iter().find(|e| matches!(e.kind, ErrorKind::OverLimit { .. })).unwrap_or_else(|| panic!("no OverLimit in {errs:#?}"));
    assert_eq!(e.path, path, "{e:#?}");
    let ErrorKind::OverLimit { what: w, max: m, found } = &e.kind else { unreachable!() };
    assert_eq!((*w, *m), (what, max), "{e:#?}");
    assert!(*found > max, "{e:#?}");
    assert_eq!(e.line, Some(line), "{e:#?}");
    // The message names the limit.
    assert!(e.message(Locale::PRIMARY).contains(&max.to_string()), "{}", e.message(Locale::PRIMARY));
}

#[test]
fn a_rulebook_over_the_question_limit_is_refused_naming_the_limit() {
    use engine::model::limits;
    let extra: String = (0..limits::LIST + 10)
        .map(|i| format!("\n[[questions]]\nid = \"extra_{i}\"\nsection = \"scope\"\nkind = \"yes_no\"\ntext = \"?\"\n"))
        .collect();
    let src = format!("{DEFAULT_RULEBOOK}{extra}");
    // Refused where the list starts, before anything in it is read or checked.
    over_limit(&src, "questions", "entries", limits::LIST, line_of(&src, "[[questions]]\nid = \"timing\""));
}

#[test]
fn a_question_with_too_many_options_is_refused() {
    use engine::model::limits;
    let anchor = "[[questions.options]]\nid = \"before\"";
    let more: String = (0..limits::OPTIONS).map(|i| format!("[[questions.options]]\nid = \"o{i}\"\nlabel = \"{i}\"\n\n")).collect();
    let src = edit(anchor, &format!("{more}{anchor}"));
    let e = errors(&src);
    let e = e.iter().find(|e| matches!(e.kind, ErrorKind::OverLimit { .. })).expect("an OverLimit error");
    assert_eq!(e.path, format!("questions[{}].options", q("timing")));
    assert!(matches!(e.kind, ErrorKind::OverLimit { what: "options", max: limits::OPTIONS, found } if found == limits::OPTIONS + 2));
}

#[test]
fn a_wording_over_the_length_limit_is_refused_at_its_key() {
    use engine::model::limits;
    let long = "长".repeat(limits::TEXT_CHARS + 1);
    let src = edit("text.zh-CN = \"您想自查的是哪种情况？\"", &format!("text.zh-CN = \"{long}\""));
    let path = format!("questions[{}].text.zh-CN", q("timing"));
    over_limit(&src, &path, "text_chars", limits::TEXT_CHARS, line_of(&src, &format!("text.zh-CN = \"{}", &long[..30])));
}

#[test]
fn conditions_nested_too_deep_are_refused() {
    use engine::model::limits;
    let depth = limits::CONDITION_DEPTH as usize + 4;
    let deep = format!("{}{{ question = \"task_kind\", is = \"mandatory\" }}{}", "{ not = ".repeat(depth), " }".repeat(depth));
    let src = edit(
        "show_if = { all = [{ question = \"task_kind\", is = \"mandatory\" }, { question = \"timing\", is = \"after\" }] }",
        &format!("show_if = {deep}"),
    );
    let errs = errors(&src);
    let e = errs.iter().find(|e| matches!(e.kind, ErrorKind::OverLimit { .. })).unwrap_or_else(|| panic!("{errs:#?}"));
    assert!(
        matches!(e.kind, ErrorKind::OverLimit { what: "condition_depth", max, .. } if max == limits::CONDITION_DEPTH as usize),
        "{e:#?}"
    );
    assert!(e.path.starts_with(&format!("questions[{}].show_if.not.not", q("mandatory_done"))), "{e:#?}");
    assert_eq!(e.line, Some(line_of(&src, "show_if = { not = { not")));
}
