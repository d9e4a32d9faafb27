#![cfg(not(target_arch = "wasm32"))]
//! The scenario cases of the default rulebook: all pass, and together they
//! cover every red line, track, tier and both sides of each distinction.

use std::collections::BTreeSet;

use rongcuo_engine::cases::{self, Case};
use rongcuo_engine::{self as engine, Rulebook};

const CASES_FILE: &str = "rulebooks/default.cases.toml";
const CASES: &str = include_str!("../../../rulebooks/default.cases.toml");

fn rulebook() -> Rulebook {
    match engine::load(engine::DEFAULT_RULEBOOK_FILE, engine::DEFAULT_RULEBOOK) {
        Ok(rb) => rb,
        Err(e) => panic!("the default rulebook must load: {e:#?}"),
    }
}

fn load(rb: &Rulebook) -> Vec<Case> {
    match cases::load_cases(CASES_FILE, CASES, rb) {
        Ok(c) => c,
        Err(e) => panic!("the cases must load: {e:#?}"),
    }
}

#[test]
fn every_case_passes() {
    let rb = rulebook();
    let all = load(&rb);
    let failures: Vec<String> =
        all.iter().map(|c| cases::run_case(&rb, c)).filter(|r| !r.passed).map(|r| format!("{}: {}", r.id, r.detail)).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn there_are_at_least_twenty_cases_with_unique_ids() {
    let all = load(&rulebook());
    assert!(all.len() >= 20, "only {} cases", all.len());
    let ids: BTreeSet<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "case ids must be unique");
}

#[test]
fn cases_cover_every_red_line() {
    let rb = rulebook();
    let all = load(&rb);
    let missing: Vec<&str> = rb
        .red_lines
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| {
            let key = format!("red_line.{id}");
            !all.iter().any(|c| c.decisive.contains(&key))
        })
        .collect();
    assert!(missing.is_empty(), "no case decided by red line(s): {missing:?}");
}

#[test]
fn cases_cover_every_track() {
    let rb = rulebook();
    let all = load(&rb);
    assert!(rb.tracks.len() >= 2, "the default rulebook has two tracks");
    for t in &rb.tracks {
        let key = format!("track.{}", t.id);
        assert!(all.iter().any(|c| c.decisive.contains(&key)), "no case on track {}", t.id);
        // And the case really lands on that track.
        let c = all.iter().find(|c| c.decisive.contains(&key)).expect("found above");
        let a = engine::assess(&rb, &c.answers);
        assert_eq!(a.track.as_ref(), Some(&t.id), "case {}", c.id);
    }
}

#[test]
fn cases_cover_every_tier() {
    let rb = rulebook();
    let all = load(&rb);
    let expected: BTreeSet<&str> = all.iter().map(|c| c.tier.as_str()).collect();
    let missing: Vec<&str> = rb.tiers.iter().map(|t| t.id.as_str()).filter(|t| !expected.contains(t)).collect();
    assert!(missing.is_empty(), "no case expects tier(s): {missing:?}");
    // Every expected tier exists.
    for t in &expected {
        assert!(rb.tier(t).is_some(), "a case expects unknown tier {t}");
    }
}

#[test]
fn cases_cover_both_sides_of_every_distinction() {
    let rb = rulebook();
    let all = load(&rb);
    for d in &rb.distinctions {
        for side in ["tolerable", "intolerable"] {
            let covered = all.iter().any(|c| c.sides.iter().any(|(id, s)| id == d.id.as_str() && s == side));
            assert!(covered, "no case expects distinction {} on the {side} side", d.id);
        }
    }
}

#[test]
fn the_runner_can_fail() {
    let rb = rulebook();
    let all = load(&rb);
    let case = all.iter().find(|c| c.id == "eligible_clear").unwrap_or(&all[0]);
    assert!(cases::run_case(&rb, case).passed, "the original case passes");
    let other = rb.tiers.iter().find(|t| t.id.as_str() != case.tier).expect("another tier");
    let mut wrong = case.clone();
    wrong.tier = other.id.as_str().to_owned();
    let r = cases::run_case(&rb, &wrong);
    assert!(!r.passed, "a case expecting {} must fail", other.id);
    assert_eq!(r.id, case.id);
    assert!(r.detail.contains("tier"), "{}", r.detail);
    assert!(r.detail.contains(other.id.as_str()), "{}", r.detail);

    // A wrong decisive rule or side fails too.
    let mut wrong = case.clone();
    wrong.decisive.push("red_line.private_gain".into());
    assert!(!cases::run_case(&rb, &wrong).passed);
    let mut wrong = case.clone();
    wrong.sides.push((rb.distinctions[0].id.as_str().to_owned(), "intolerable".into()));
    assert!(!cases::run_case(&rb, &wrong).passed);
}

/// The documented minimal example (docs/rulebook.md) is valid and its own cases pass.
#[test]
fn the_minimal_example_is_valid_and_its_cases_pass() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulebooks/minimal.toml");
    let src = std::fs::read_to_string(path).unwrap();
    let rb = rongcuo_engine::load("minimal.toml", &src).unwrap_or_else(|e| panic!("{e:?}"));
    let cases = rongcuo_engine::cases::load_cases("minimal.toml", &src, &rb).unwrap();
    assert_eq!(cases.len(), 2);
    for c in &cases {
        let r = rongcuo_engine::cases::run_case(&rb, c);
        assert!(r.passed, "{}: {}", r.id, r.detail);
    }
}

/// Every paper a case is offered (and the version for a talk) reads as a
/// person wrote it, in both locales: no placeholder left, no "not provided",
/// no form label of a question ("label：answer"), no word addressed to the
/// cadre ("您"), no empty section; the talk version names no red-line
/// question, answer or advice and no score.
#[test]
fn every_paper_reads_as_written_by_a_person() {
    let rb = rulebook();
    let en = engine::Locale::from_tag("en").unwrap();
    let mut papers = 0;
    for c in load(&rb) {
        let a = engine::assess(&rb, &c.answers);
        let mut plan = engine::flow::Plan::default();
        for m in &a.measures {
            plan.toggle(m, true);
        }
        for l in [engine::Locale::PRIMARY, en] {
            let f = engine::documents::Filling {
                rb: &rb,
                answers: &c.answers,
                assessment: &a,
                plan: &plan,
                today: "2026-12-01",
                locale: l,
                path: a.path.as_ref(),
                doc: None,
            };
            for d in rb.documents.iter().filter(|d| d.tiers.contains(&a.tier)) {
                papers += 1;
                let filled = engine::documents::fill_document(d, &f);
                assert!(!filled.is_empty(), "case {}: {} is empty", c.id, d.id);
                let mut all = String::new();
                for s in &filled {
                    assert!(!s.text.is_empty() || !s.fields.is_empty() || s.lines > 0, "case {}: {} has an empty section", c.id, d.id);
                    all.push_str(s.heading.as_deref().unwrap_or(""));
                    all.push('\n');
                    all.push_str(&s.text);
                    all.push('\n');
                }
                let at = format!("case {}, {} ({l}):\n{all}", c.id, d.id);
                assert!(!all.contains('{') && !all.contains('}'), "a placeholder is left: {at}");
                assert!(!all.contains(rb.labels.not_provided.get(l)), "\"not provided\": {at}");
                assert!(!all.contains('您'), "addressed to the cadre: {at}");
                for q in &rb.questions {
                    let short = q.short.get(l);
                    assert!(!all.contains(&format!("{short}：")) && !all.contains(&format!("{short}:")), "form label {short}: {at}");
                }
                if d.talk {
                    for q in rb.questions.iter().filter(|q| q.id.as_str().starts_with("rl_")) {
                        assert!(!all.contains(q.text.get(l)) && !all.contains(q.short.get(l)), "red-line question {}: {at}", q.id);
                    }
                    for r in &rb.red_lines {
                        assert!(!all.contains(r.title.get(l)), "red line {}: {at}", r.id);
                    }
                    for n in &rb.next_steps {
                        assert!(!all.contains(n.text.get(l)), "advice {}: {at}", n.id);
                    }
                    if l.is_primary() {
                        for fct in &rb.factors {
                            assert!(!all.contains(fct.title.get(l)), "score factor {}: {at}", fct.id);
                        }
                        assert!(!all.contains("评分") && !all.contains("分数"), "a score: {at}");
                    }
                }
            }
        }
    }
    assert!(papers > 40, "only {papers} papers drafted");
    // The statement carries the description as typed.
    let c = load(&rb).into_iter().find(|c| c.id == "pilot_land_transfer").unwrap();
    let a = engine::assess(&rb, &c.answers);
    let plan = engine::flow::Plan::default();
    let f = engine::documents::Filling {
        rb: &rb,
        answers: &c.answers,
        assessment: &a,
        plan: &plan,
        today: "2026-12-01",
        locale: engine::Locale::PRIMARY,
        path: None,
        doc: None,
    };
    let statement = rb.documents.iter().find(|d| d.id.as_str() == "statement").unwrap();
    let text: Vec<String> = engine::documents::fill_document(statement, &f).into_iter().map(|s| s.text).collect();
    assert!(text.join("\n").contains("流转合同的分红条款测算有误"), "{text:?}");
}

/// The answers listed behind a reason explain the outcome: the question that
/// chooses the path (which self-check this is) is never among them, while the
/// outcome-deciding answers are.
#[test]
fn reasons_list_no_path_question() {
    let rb = rulebook();
    let path_qs: BTreeSet<&str> = ["timing"].into_iter().filter(|q| rb.paths.iter().any(|p| format!("{:?}", p.when).contains(q))).collect();
    assert!(!path_qs.is_empty(), "the default rulebook chooses its path by `timing`");
    let mut listed = 0;
    for c in load(&rb) {
        let a = engine::assess(&rb, &c.answers);
        for r in &a.reasons {
            for q in &r.questions {
                assert!(!path_qs.contains(q.0.as_str()), "case {}: reason {:?} lists the path question {}", c.id, r.rule, q.0);
                listed += 1;
            }
        }
    }
    assert!(listed > 0, "no reason lists any answer: the check would be empty");
}

/// "Could also hit" names only red lines answered "not sure", never those not
/// asked yet: an outcome decided after three questions names no other.
#[test]
fn possible_red_lines_come_only_from_answers_given_as_not_sure() {
    let rb = rulebook();
    let all = load(&rb);
    let case = |id: &str| all.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("case {id}"));
    let ids = |a: &engine::Assessment| a.possible_red_lines.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
    let early = engine::assess(&rb, &case("red_line_at_once").answers);
    assert_eq!(early.tier.0, "excluded");
    assert!(ids(&early).is_empty(), "unasked red lines named as possible: {:?}", ids(&early));
    let unsure = engine::assess(&rb, &case("red_line_with_another_unsure").answers);
    assert_eq!(ids(&unsure), ["private_gain"]);
}

/// A cadre cannot know "the lecture" behind the rulebook: no text a user
/// sees calls it that (the notice names it as the Party lecture this check
/// draws on). TOML comments, which no user sees, are left out.
#[test]
fn no_user_visible_text_speaks_of_the_lecture() {
    let rb = rulebook();
    let json = format!("{rb:?}");
    assert!(!json.contains("讲稿"), "a rulebook text speaks of 讲稿");
    for src in [include_str!("../../../locales/zh-CN.toml"), include_str!("../../../locales/en.toml")] {
        for line in src.lines().filter(|l| !l.trim_start().starts_with('#')) {
            assert!(!line.contains("讲稿") && !line.contains("the lecture"), "{line}");
        }
    }
}
