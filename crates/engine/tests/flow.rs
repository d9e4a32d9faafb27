#![cfg(not(target_arch = "wasm32"))]
//! The run state of one self-check (`flow::Session`), step by step, natively:
//! which page follows an answer, what is refused, what a change drops, where
//! a change from the review page returns, and how the browser history maps
//! onto steps. The Yew shell only renders this state.

use rongcuo_engine::flow::{FieldError, Session, Step, Submit};
use rongcuo_engine::model::OptionId;
use rongcuo_engine::{self as engine, Answer, Rulebook};

/// The minimal example rulebook, plus a text, a date and a multiple-choice
/// question, so that every kind of answer goes through the session (a paper
/// and a material read them, so they are asked), and a question nothing
/// reads, which is never asked.
fn rulebook() -> Rulebook {
    let base = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulebooks/minimal.toml")).unwrap();
    let extra = r#"
[[questions]]
id = "what"
section = "main"
kind = "text"
required = false
max_chars = 10
text = "经过"
short = "经过"
why = "记下来。"

[[questions]]
id = "when"
section = "main"
kind = "date"
required = false
text = "日期"
short = "日期"
why = "时间线。"

[[questions]]
id = "basis"
section = "main"
kind = "multi"
text = "依据"
short = "依据"
why = "依据。"
[[questions.options]]
id = "policy"
label = "政策"
[[questions.options]]
id = "collective"
label = "集体决策"
[[questions.options]]
id = "none"
label = "都没有"
exclusive = true

[[questions]]
id = "aside"
section = "main"
kind = "yes_no"
text = "无关的题"
short = "无关"
why = "什么都不读它：不会被问到。"

[[materials]]
id = "basis_papers"
title = "依据文件"
when = { question = "basis", is = "policy" }

[[documents]]
id = "note"
title = "说明"
intro = "草稿。"
tiers = ["possible", "unlikely"]
[[documents.sections]]
heading = "经过"
body = "{answer:what}（{answer:when}）"
"#;
    // The red-line outcome stops the run as soon as it is certain.
    let base = base.replacen("summary = \"触及负面清单。\"", "summary = \"触及负面清单。\"\nstop_early = true", 1);
    engine::load("flow.toml", &format!("{base}{extra}")).unwrap_or_else(|e| panic!("{e:#?}"))
}

fn idx(rb: &Rulebook, id: &str) -> usize {
    rb.question_index(id).unwrap()
}

fn choice(o: &str) -> Option<Answer> {
    Some(Answer::choice(o))
}

/// A session that has answered up to (not including) `until`, with concrete answers.
fn answered(rb: &Rulebook, answers: &[(&str, Option<Answer>)]) -> Session {
    let mut s = Session::default();
    s.start(rb);
    for (q, a) in answers {
        assert_eq!(s.step, Step::Question(idx(rb, q)), "expected {q} next");
        assert_eq!(s.submit(rb, idx(rb, q), a.clone(), false), Submit::Done);
    }
    s
}

#[test]
fn start_shows_the_first_question_and_each_answer_leads_to_the_next_shown_one() {
    let rb = rulebook();
    let mut s = Session::default();
    assert_eq!(s.step, Step::Start);
    s.start(&rb);
    assert_eq!(s.step, Step::Question(idx(&rb, "gain")));
    assert_eq!(s.submit(&rb, idx(&rb, "gain"), choice("no"), false), Submit::Done);
    assert_eq!(s.step, Step::Question(idx(&rb, "kind")));
    // "undone" hides the motive question, and decides the outcome
    // (accountability), for which no paper is drafted: the next page skips
    // the motive and the paper's questions, and asks what the materials need.
    assert_eq!(s.submit(&rb, idx(&rb, "kind"), choice("undone"), false), Submit::Done);
    assert_eq!(s.step, Step::Question(idx(&rb, "basis")));
    assert_eq!(s.previous(&rb), Step::Question(idx(&rb, "kind")));
    // "other" shows the motive question, and the papers' questions follow it.
    let mut s = answered(&rb, &[("gain", choice("no")), ("kind", choice("other"))]);
    assert_eq!(s.step, Step::Question(idx(&rb, "motive")));
    s.submit(&rb, idx(&rb, "motive"), choice("public"), false);
    assert_eq!(s.step, Step::Question(idx(&rb, "what")));
}

#[test]
fn invalid_answers_are_refused_and_change_nothing() {
    let rb = rulebook();
    let mut s = answered(&rb, &[("gain", choice("no")), ("kind", choice("other")), ("motive", choice("public"))]);
    let before = s.clone();
    let what = idx(&rb, "what");
    assert_eq!(
        s.submit(&rb, what, Some(Answer::Text("12345678901".into())), false),
        Submit::Invalid(FieldError::TooLong { max: 10, got: 11 })
    );
    assert_eq!(s, before);
    // An optional question may be left blank; blank text is no answer.
    assert_eq!(s.submit(&rb, what, Some(Answer::Text("   ".into())), false), Submit::Done);
    assert!(s.answers.get("what").is_none());
    let when = idx(&rb, "when");
    assert_eq!(s.submit(&rb, when, Some(Answer::Date("2026-02-30".into())), false), Submit::Invalid(FieldError::BadDate));
    assert_eq!(s.submit(&rb, when, Some(Answer::Date(" 2026-02-28 ".into())), false), Submit::Done);
    assert_eq!(s.answers.get("when"), Some(&Answer::Date("2026-02-28".into())), "dates are trimmed");
    let basis = idx(&rb, "basis");
    assert_eq!(s.submit(&rb, basis, Some(Answer::Choices(vec![])), false), Submit::Invalid(FieldError::Required { multi: true }));
    assert_eq!(s.submit(&rb, basis, None, false), Submit::Invalid(FieldError::Required { multi: true }));
    assert_eq!(s.step, Step::Question(basis));
    assert_eq!(s.submit(&rb, basis, Some(Answer::Choices(vec![OptionId("policy".into())])), false), Submit::Done);
    assert_eq!(s.step, Step::Review);
}

#[test]
fn a_change_that_hides_later_questions_asks_before_dropping_their_answers() {
    let rb = rulebook();
    let mut s = answered(&rb, &[("gain", choice("no")), ("kind", choice("other")), ("motive", choice("public"))]);
    s.review(&rb);
    assert_eq!(s.step, Step::Question(idx(&rb, "basis")), "review sends to the first required question still open");
    s.submit(&rb, idx(&rb, "basis"), Some(Answer::Choices(vec![OptionId("none".into())])), false);
    assert_eq!(s.step, Step::Review);
    s.change(&rb, idx(&rb, "kind"));
    assert!(s.changing);
    let kind = idx(&rb, "kind");
    assert_eq!(s.submit(&rb, kind, choice("undone"), false), Submit::WouldDrop(vec!["motive".into()]));
    assert_eq!(s.answers.get("motive"), Some(&Answer::choice("public")), "nothing dropped before confirming");
    assert_eq!(s.submit(&rb, kind, choice("undone"), true), Submit::Done);
    assert_eq!(s.answers.get("motive"), None);
    assert_eq!(s.step, Step::Review, "a confirmed change returns to the review page");
    // Changing back reveals the motive question again, which needs an answer first.
    s.change(&rb, kind);
    assert_eq!(s.submit(&rb, kind, choice("other"), false), Submit::Done);
    assert_eq!(s.step, Step::Question(idx(&rb, "motive")));
    s.submit(&rb, idx(&rb, "motive"), choice("personal"), false);
    assert_eq!(s.step, Step::Review);
    assert!(!s.changing);
}

#[test]
fn the_result_needs_every_required_answer_and_starts_the_plan_with_required_measures() {
    let rb = rulebook();
    let mut s = answered(&rb, &[("gain", choice("no")), ("kind", choice("other"))]);
    s.result(&rb);
    assert_eq!(s.step, Step::Question(idx(&rb, "motive")), "the first unanswered required question comes first");
    s.submit(&rb, idx(&rb, "motive"), choice("public"), false);
    s.submit(&rb, idx(&rb, "what"), None, false);
    s.submit(&rb, idx(&rb, "when"), None, false);
    s.submit(&rb, idx(&rb, "basis"), Some(Answer::Choices(vec![OptionId("policy".into())])), false);
    s.result(&rb);
    assert_eq!(s.step, Step::Result);
    assert!(s.plan.has("report"), "the measure the rulebook requires always is in the plan: {:?}", s.plan);
    // A plan the user changed is not seeded again.
    s.plan.toggle(&"report".into(), false);
    s.result(&rb);
    assert!(s.plan.0.is_empty());
}

#[test]
fn steps_from_the_browser_history_fall_back_to_what_can_be_shown() {
    let rb = rulebook();
    let mut s = answered(&rb, &[("gain", choice("no")), ("kind", choice("undone"))]);
    let motive = idx(&rb, "motive");
    // The motive question is hidden for these answers: the history entry lands on the one before.
    s.go_to(&rb, Step::Question(motive));
    assert_eq!(s.step, Step::Question(idx(&rb, "kind")));
    s.go_to(&rb, Step::Result);
    assert_eq!(s.step, Step::Review, "no result while a required answer is missing");
    let mut empty = Session::default();
    empty.go_to(&rb, Step::Review);
    assert_eq!(empty.step, Step::Start, "nothing to review without answers");
    for step in [Step::Start, Step::Review, Step::Result, Step::Question(motive)] {
        assert_eq!(Step::from_key(&rb, &step.key(&rb)), Some(step));
    }
    assert_eq!(Step::from_key(&rb, "q:nope"), None);
    assert!(!Step::Question(motive).key(&rb).contains("public"), "history keys name steps, never answers");
}

#[test]
fn opening_a_file_replaces_answers_and_plan_and_shows_the_review() {
    let rb = rulebook();
    let mut s = answered(&rb, &[("gain", choice("yes"))]);
    let mut other = engine::Answers::default();
    other.set(&"gain".into(), Answer::choice("no"));
    let mut plan = engine::flow::Plan::default();
    plan.toggle(&"report".into(), true);
    s.open(&rb, other.clone(), plan.clone(), Default::default());
    assert_eq!((s.answers.clone(), s.plan.clone()), (other, plan));
    assert_eq!(s.step, Step::Question(idx(&rb, "kind")), "the first open required question");
}

#[test]
fn exclusive_options_clear_the_others_and_are_cleared_by_them() {
    let rb = rulebook();
    let q = &rb.questions[idx(&rb, "basis")];
    let o = |s: &str| OptionId(s.into());
    let t = engine::answers::toggle_choice;
    assert_eq!(t(q, &[o("policy")], &o("collective"), true), vec![o("policy"), o("collective")]);
    assert_eq!(t(q, &[o("collective"), o("policy")], &o("none"), true), vec![o("none")]);
    assert_eq!(t(q, &[o("none")], &o("policy"), true), vec![o("policy")]);
    assert_eq!(t(q, &[o("policy"), o("collective")], &o("policy"), false), vec![o("collective")]);
    // Rulebook order is kept whatever the order of ticking.
    assert_eq!(t(q, &[o("collective")], &o("policy"), true), vec![o("policy"), o("collective")]);
}

#[test]
fn an_outcome_decided_early_is_shown_at_once_and_the_user_may_go_on() {
    let rb = rulebook();
    let mut s = Session::default();
    s.start(&rb);
    assert_eq!(s.submit(&rb, idx(&rb, "gain"), choice("yes"), false), Submit::Done);
    assert_eq!(s.step, Step::Outcome, "a red line answered yes decides the outcome at once");
    assert_eq!(s.resume_at, idx(&rb, "basis"), "the questions only the rules read are passed by");
    assert_eq!(engine::assess::assess_at(&rb, &s.answers, s.resume_at).tier.as_str(), "excluded");
    assert_eq!(s.previous(&rb), Step::Question(idx(&rb, "gain")));
    // Going on asks what the plan and the materials still need (the
    // outcome is decided, so the questions only the rules read are passed by),
    // with no second stop.
    s.go_on(&rb);
    assert_eq!(s.step, Step::Question(idx(&rb, "basis")));
    s.submit(&rb, idx(&rb, "basis"), Some(Answer::Choices(vec![OptionId("policy".into())])), false);
    assert_eq!(s.step, Step::Review);
}

#[test]
fn an_undecided_answer_does_not_stop_and_a_changed_answer_leaves_the_outcome() {
    let rb = rulebook();
    let mut s = Session::default();
    s.start(&rb);
    // "Not sure" about the red line decides nothing yet.
    s.submit(&rb, idx(&rb, "gain"), choice("unsure"), false);
    assert_eq!(s.step, Step::Question(idx(&rb, "kind")));
    // Back to the red line, answered yes: the outcome; then changed to no: the outcome no longer holds.
    s.go_to(&rb, Step::Question(idx(&rb, "gain")));
    s.submit(&rb, idx(&rb, "gain"), choice("yes"), false);
    assert_eq!(s.step, Step::Outcome);
    s.go_to(&rb, Step::Question(idx(&rb, "gain")));
    s.submit(&rb, idx(&rb, "gain"), choice("no"), false);
    assert_eq!(s.step, Step::Question(idx(&rb, "kind")));
    s.go_to(&rb, Step::Outcome);
    assert_ne!(s.step, Step::Outcome, "history cannot bring back an outcome the answers no longer decide");
}

#[test]
fn a_change_from_the_review_page_returns_there_even_when_it_decides_the_outcome() {
    let rb = rulebook();
    let mut s = Session::default();
    s.start(&rb);
    s.submit(&rb, idx(&rb, "gain"), choice("no"), false);
    s.submit(&rb, idx(&rb, "kind"), choice("other"), false);
    s.submit(&rb, idx(&rb, "motive"), choice("public"), false);
    s.submit(&rb, idx(&rb, "what"), None, false);
    s.submit(&rb, idx(&rb, "when"), None, false);
    s.submit(&rb, idx(&rb, "basis"), Some(Answer::Choices(vec![OptionId("policy".into())])), false);
    assert_eq!(s.step, Step::Review);
    s.change(&rb, idx(&rb, "gain"));
    assert_eq!(s.submit(&rb, idx(&rb, "gain"), choice("yes"), false), Submit::Done);
    assert_eq!(s.step, Step::Review, "the result follows from the review page, not an early stop");
}

#[test]
fn a_question_that_can_change_nothing_is_not_asked() {
    let rb = rulebook();
    let aside = idx(&rb, "aside");
    // Nothing reads it: passed by, not required for the result, not "missing".
    let mut s = answered(
        &rb,
        &[
            ("gain", choice("no")),
            ("kind", choice("other")),
            ("motive", choice("public")),
            ("what", None),
            ("when", None),
            ("basis", Some(Answer::Choices(vec![OptionId("policy".into())]))),
        ],
    );
    assert_eq!(s.step, Step::Review);
    assert!(!engine::flow::asked(&rb, &s.answers)[aside]);
    s.result(&rb);
    assert_eq!(s.step, Step::Result);
    let a = engine::assess(&rb, &s.answers);
    assert!(a.issues.is_empty(), "{:?}", a.issues);
    // Once the tier is decided, a question only the rules read is passed by
    // too: after a red line, going on asks only what the plan and papers need.
    let motive = idx(&rb, "motive");
    let mut s = answered(&rb, &[("gain", choice("yes"))]);
    assert_eq!(s.step, Step::Outcome);
    s.go_on(&rb);
    assert_ne!(s.step, Step::Question(motive));
    assert!(!engine::flow::asked(&rb, &s.answers)[motive]);
}
