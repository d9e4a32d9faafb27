#![cfg(not(target_arch = "wasm32"))]
//! The app core (`rongcuo_engine::app`) step by step, natively: what each
//! action does to the state and which effects it asks the shell for, as
//! quinn-proto's tests drive its state machine. No browser, no Yew.

use std::rc::Rc;

use rongcuo_engine::app::{Action, App, Dialog, Effect, Focus, Notice, Print};
use rongcuo_engine::cases;
use rongcuo_engine::flow::Step;
use rongcuo_engine::view::{self, Section};
use rongcuo_engine::{self as engine, Answer, Answers, Locale, Rulebook};

fn rulebook() -> Rc<Rulebook> {
    Rc::new(engine::load(engine::DEFAULT_RULEBOOK_FILE, engine::DEFAULT_RULEBOOK).unwrap())
}

fn case(rb: &Rulebook, id: &str) -> Answers {
    let src = include_str!("../../../rulebooks/default.cases.toml");
    cases::load_cases("cases.toml", src, rb).unwrap().into_iter().find(|c| c.id == id).unwrap().answers
}

/// Walks the run from the start, answering from `answers`, until a page that is not a question.
fn walk(app: &mut App, answers: &Answers) -> usize {
    let mut n = 0;
    while let Step::Question(i) = app.session.step {
        let q = app.rb.questions[i].id.clone();
        app.apply(Action::Submit { index: i, answer: answers.get(&q.0).cloned() });
        n += 1;
        assert!(n < 60, "the run does not end");
    }
    n
}

#[test]
fn start_arms_the_history_entry_and_focuses_the_first_question() {
    let mut app = App::new(rulebook(), Locale::PRIMARY);
    app.apply(Action::Start);
    assert!(matches!(app.session.step, Step::Question(0)));
    assert!(app.effects.contains(&Effect::Arm));
    assert!(app.effects.contains(&Effect::Focus(Focus::Heading)));
    assert!(app.effects.contains(&Effect::ScrollTop));
    let seq = app.seq;
    // An action that changes nothing on screen asks for nothing.
    app.apply(Action::CancelDrop);
    assert!(app.effects.is_empty());
    assert_eq!(app.seq, seq);
}

#[test]
fn submit_refuses_an_empty_answer_then_goes_on() {
    let mut app = App::new(rulebook(), Locale::PRIMARY);
    app.apply(Action::Start);
    app.apply(Action::Submit { index: 0, answer: None });
    assert!(app.error.is_some());
    assert_eq!(app.effects, [Effect::Focus(Focus::ErrorSummary)]);
    app.apply(Action::Submit { index: 0, answer: Some(Answer::choice("after")) });
    assert!(app.error.is_none());
    assert_eq!(app.session.step, Step::Question(1));
    assert_eq!(app.trail, [Step::Start, Step::Question(0)]);
}

#[test]
fn back_steps_back_within_the_run_then_leaves_from_the_start() {
    let rb = rulebook();
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    app.apply(Action::Submit { index: 0, answer: Some(Answer::choice("after")) });
    app.apply(Action::Submit { index: 1, answer: Some(Answer::choice("reform")) });
    let here = app.session.step;
    app.apply(Action::Back);
    assert_eq!(app.session.step, Step::Question(1));
    assert!(app.effects.contains(&Effect::Focus(Focus::Heading)));
    app.apply(Action::Back);
    assert_eq!(app.session.step, Step::Question(0));
    app.apply(Action::Back);
    assert_eq!(app.session.step, Step::Start);
    assert!(!app.can_go_back(), "from the start, Back leaves the tool");
    // The answers are still there: going on again lands where the user was.
    app.apply(Action::Start);
    app.apply(Action::Submit { index: 0, answer: Some(Answer::choice("after")) });
    app.apply(Action::Submit { index: 1, answer: Some(Answer::choice("reform")) });
    assert_eq!(app.session.step, here);
}

#[test]
fn a_change_that_would_drop_answers_asks_first() {
    let rb = rulebook();
    let answers = case(&rb, "pilot_land_transfer");
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    walk(&mut app, &answers);
    assert_eq!(app.session.step, Step::Review);
    let timing = rb.question_index("timing").unwrap();
    app.apply(Action::Change(timing));
    app.apply(Action::Submit { index: timing, answer: Some(Answer::choice("before")) });
    let pending = app.pending.clone().expect("asks before dropping");
    assert!(pending.drops.iter().any(|q| q.as_str() == "f_nature"));
    assert_eq!(app.effects, [Effect::Focus(Focus::DropConfirm)]);
    app.apply(Action::CancelDrop);
    assert!(app.pending.is_none());
    assert_eq!(app.session.answers.get("timing"), Some(&Answer::choice("after")));
    app.apply(Action::Submit { index: timing, answer: Some(Answer::choice("before")) });
    app.apply(Action::ConfirmDrop);
    assert!(app.session.answers.get("f_nature").is_none());
    assert_eq!(app.path().map(|p| p.as_str()), Some("before"));
}

#[test]
fn a_change_that_alters_no_path_returns_to_the_check_page_in_one_step() {
    let rb = rulebook();
    let answers = case(&rb, "pilot_land_transfer");
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    walk(&mut app, &answers);
    app.apply(Action::ShowResult);
    assert_eq!(app.session.step, Step::Result);
    for q in ["context", "f_severity"] {
        let i = rb.question_index(q).unwrap();
        app.apply(Action::Change(i));
        assert_eq!(app.session.step, Step::Question(i));
        let current = app.session.answers.get(q).cloned();
        app.apply(Action::Submit { index: i, answer: current });
        assert_eq!(app.session.step, Step::Review, "{q}: one Continue back to the check page");
    }
}

#[test]
fn the_result_is_worked_out_once_and_seeds_the_plan() {
    let rb = rulebook();
    let answers = case(&rb, "pilot_land_transfer");
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    walk(&mut app, &answers);
    assert!(app.result.is_none(), "no assessment on the check page");
    assert!(app.clashes.is_empty());
    app.apply(Action::ShowResult);
    let a = app.result.clone().expect("the result's assessment");
    assert_eq!(a.tier.as_str(), "exemption_likely");
    assert!(a.measures.iter().all(|m| app.session.plan.has(&m.0)));
    // Plan edits keep the same assessment (not worked out again).
    app.apply(Action::TogglePlan(a.measures[0].clone(), false));
    assert!(Rc::ptr_eq(&a, app.result.as_ref().unwrap()));
    assert!(!app.session.plan.has(&a.measures[0].0));
    // Leaving and coming back does not undo the user's own plan.
    app.apply(Action::Back);
    app.apply(Action::ShowResult);
    assert!(!app.session.plan.has(&a.measures[0].0));
}

#[test]
fn what_if_shows_another_tier_and_goes_back() {
    let rb = rulebook();
    let answers = case(&rb, "waiting_for_instructions");
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    walk(&mut app, &answers);
    app.apply(Action::ShowResult);
    let before = app.result.clone().unwrap();
    assert_eq!(before.tier.as_str(), "lenient_possible");
    let change = before.changes.first().cloned().expect("a change would help");
    app.apply(Action::WhatIf(Some((change.question.clone(), change.option.clone()))));
    assert_eq!(app.result.as_ref().unwrap().tier, change.tier);
    assert_eq!(app.session.answers, answers_after(&app), "the real answers are untouched");
    app.apply(Action::WhatIf(None));
    assert_eq!(app.result.as_ref().unwrap().tier.as_str(), "lenient_possible");
}

fn answers_after(app: &App) -> Answers {
    app.session.answers.clone()
}

#[test]
fn an_early_outcome_then_going_on_asks_only_what_the_plan_needs() {
    let rb = rulebook();
    let answers = case(&rb, "red_line_private_gain");
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    let before_outcome = walk(&mut app, &answers);
    assert_eq!(app.session.step, Step::Outcome);
    assert_eq!(app.result.as_ref().unwrap().tier.as_str(), "excluded");
    let v = view::result_view(&rb, app.result.as_ref().unwrap(), app.session.step).unwrap();
    assert!(v.early && !v.sections.contains(&Section::Plan));
    assert_eq!(v.next_steps.0.first().map(|n| n.id.as_str()), Some("return_gains"), "a red line's first step is its own");
    app.apply(Action::GoOn);
    let after = walk(&mut app, &answers);
    assert_eq!(app.session.step, Step::Review);
    assert!(after < 10, "going on after a red line asked {after} more questions (before it: {before_outcome})");
}

#[test]
fn a_change_from_an_early_outcome_returns_to_it_while_it_still_decides() {
    let rb = rulebook();
    let answers = case(&rb, "red_line_private_gain");
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    walk(&mut app, &answers);
    assert_eq!(app.session.step, Step::Outcome);
    let i = rb.question_index("rl_private_gain").unwrap();
    // The same answer again: the outcome still stands, and shows again.
    app.apply(Action::Change(i));
    assert_eq!(app.session.step, Step::Question(i));
    app.apply(Action::Submit { index: i, answer: answers.get("rl_private_gain").cloned() });
    assert_eq!(app.session.step, Step::Outcome);
    // Another answer: the run goes on from the question after it.
    app.apply(Action::Change(i));
    app.apply(Action::Submit { index: i, answer: Some(Answer::choice("no")) });
    assert!(matches!(app.session.step, Step::Question(j) if j > i), "{:?}", app.session.step);
}

#[test]
fn restart_and_opening_a_file_over_answers_ask_in_the_page() {
    let rb = rulebook();
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    // Nothing to lose: no question asked.
    app.apply(Action::Restart);
    assert!(app.dialog.is_none());
    app.apply(Action::Start);
    app.apply(Action::Submit { index: 0, answer: Some(Answer::choice("after")) });
    app.apply(Action::Restart);
    assert_eq!(app.dialog, Some(Dialog::Restart));
    assert_eq!(app.effects, [Effect::Focus(Focus::Dialog)]);
    app.apply(Action::Confirm(false));
    assert!(app.dialog.is_none() && !app.session.answers.is_empty());
    app.apply(Action::Restart);
    app.apply(Action::Confirm(true));
    assert!(app.session.answers.is_empty());
    assert_eq!(app.session.step, Step::Start);
    // A file over answers: asked first, then opened onto the check page.
    let answers = case(&rb, "pilot_land_transfer");
    let text = engine::save::encode(&rb, &answers, &Default::default(), &Default::default(), "2026-12-01");
    app.apply(Action::Start);
    app.apply(Action::Submit { index: 0, answer: Some(Answer::choice("after")) });
    app.apply(Action::Opened(engine::save::open(&rb, &text).map_err(Some)));
    assert!(matches!(app.dialog, Some(Dialog::Replace(_))));
    app.apply(Action::Confirm(true));
    assert_eq!(app.session.step, Step::Review);
    assert_eq!(app.session.answers, answers);
    assert!(matches!(app.notice, Some(Notice::Opened(_))));
    // Opened from the start page, the run has its history entry and Back leads to the start.
    let mut fresh = App::new(rb.clone(), Locale::PRIMARY);
    fresh.apply(Action::Opened(engine::save::open(&rb, &text).map_err(Some)));
    assert!(fresh.effects.contains(&Effect::Arm), "{:?}", fresh.effects);
    fresh.apply(Action::Back);
    assert_eq!(fresh.session.step, Step::Start);
}

#[test]
fn saving_offers_a_download_and_says_where_it_went() {
    let rb = rulebook();
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    app.apply(Action::Submit { index: 0, answer: Some(Answer::choice("after")) });
    app.apply(Action::Save { today: "2026-12-01".into(), name: "self-check-2026-12-01.json".into() });
    let Some(Effect::Download { name, text }) = app.effects.first() else { panic!("{:?}", app.effects) };
    assert_eq!(name, "self-check-2026-12-01.json");
    assert!(engine::save::open(&rb, text).is_ok());
    assert_eq!(app.notice, Some(Notice::Saved));
    app.apply(Action::Print(Print::Talk));
    assert_eq!(app.effects, [Effect::Print(Print::Talk)]);
}

#[test]
fn a_locale_switch_and_a_reworded_rulebook_keep_the_run() {
    let rb = rulebook();
    let mut app = App::new(rb.clone(), Locale::PRIMARY);
    app.apply(Action::Start);
    app.apply(Action::Submit { index: 0, answer: Some(Answer::choice("after")) });
    let step = app.session.step;
    let en = Locale::from_tag("en").unwrap();
    app.apply(Action::Rulebook(Rc::new((*rb).clone())));
    app.apply(Action::SetLocale(en));
    assert_eq!(app.locale, en);
    assert_eq!(app.session.step, step);
    app.apply(Action::LocaleFailed(en));
    assert_eq!(app.notice, Some(Notice::LocaleFailed(en)));
}

#[test]
fn the_result_view_leads_with_what_to_do_and_shows_only_what_applies() {
    let rb = rulebook();
    for (id, plan, risks, procedure) in [
        ("pilot_land_transfer", true, false, true),
        ("motive_personal", true, false, false),
        ("plan_without_collective_decision", false, true, false),
        ("red_line_private_gain", true, false, false),
    ] {
        let a = engine::assess(&rb, &case(&rb, id));
        let v = view::result_view(&rb, &a, Step::Result).unwrap();
        assert_eq!(v.sections[..3], [Section::Outcome, Section::Reasons, Section::NextSteps], "{id}");
        assert_eq!(v.sections.contains(&Section::Plan), plan, "{id}: plan");
        assert_eq!(v.sections.contains(&Section::Risks), risks, "{id}: risks");
        assert_eq!(v.sections.contains(&Section::Procedure), procedure, "{id}: procedure");
        assert!(v.next_steps.0.len() <= view::FIRST_STEPS);
        // The papers offered never include the talk version, which prints from the result.
        assert!(v.documents.iter().all(|(_, d)| !d.talk));
        assert!(v.talk.is_some(), "{id}: a talk summary");
        if plan {
            let at = |s: &Section| v.sections.iter().position(|x| x == s).unwrap();
            assert!(at(&Section::Plan) < at(&Section::Details), "{id}");
        }
    }
}

#[test]
fn a_saved_file_opens_with_a_byte_order_mark_and_an_oversized_one_is_refused_unread() {
    let rb = rulebook();
    let answers = case(&rb, "pilot_land_transfer");
    let text = engine::save::encode(&rb, &answers, &Default::default(), &Default::default(), "2026-12-01");
    let opened = engine::save::open(&rb, &format!("\u{feff}{text}")).expect("a file re-saved with a BOM still opens");
    assert_eq!(opened.answers, answers);
    let huge = format!("{text}{}", " ".repeat(engine::save::MAX_FILE_BYTES));
    assert_eq!(engine::save::open(&rb, &huge), Err(engine::save::OpenError::TooLarge));
    // A paper's section keeps at most its limit.
    let mut drafts = engine::documents::Drafts::default();
    let doc = rb.documents[0].id.clone();
    drafts.set(&doc, 0, "長".repeat(engine::documents::MAX_DRAFT_CHARS + 5));
    assert_eq!(drafts.get(&doc, 0).unwrap().chars().count(), engine::documents::MAX_DRAFT_CHARS);
}
