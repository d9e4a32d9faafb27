//! Scenario cases as data: answers with the expected tier and the rules that
//! decided it. A rulebook may carry its own `[[cases]]`; a separate cases file
//! holds only `[[cases]]`. Cases compare ids, never wording.

use super::answers::{Answer, Answers};
use super::assess::{AnswerIssue, assess};
use super::diag::Cx;
use super::error::{ErrorKind, RulebookError};
use super::model::{OptionId, QuestionId, QuestionKind, Rulebook};
use super::reader::{self, Tab};

/// One scenario.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Case {
    pub id: String,
    pub answers: Answers,
    pub tier: String,
    /// Keys of the reasons expected, e.g. `red_line.private_gain` (compared as a set).
    pub decisive: Vec<String>,
    /// For not-enough-information cases: the questions expected to be named.
    pub unknowns: Option<Vec<String>>,
    /// Expected sides of distinctions, e.g. `experience = "tolerable"`.
    pub sides: Vec<(String, String)>,
    /// Expected element statuses, e.g. `motive = "met"`.
    pub elements: Vec<(String, String)>,
    /// Expected "what would change the outcome" routes, as `question=option` (exact list, in order).
    pub changes: Option<Vec<String>>,
    /// Expected failed consistency checks (exact list).
    pub clashes: Option<Vec<String>>,
    /// Expected risk points (exact list).
    pub risks: Option<Vec<String>>,
    /// Only the answers that decide the case are given: the missing ones are
    /// not problems, and the tier must already be decided without them.
    pub partial: bool,
}

/// The result of running one case.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CaseResult {
    pub id: String,
    pub passed: bool,
    /// What differed, in English, for the CLI and test output.
    pub detail: String,
}

/// Reads the `[[cases]]` of a TOML document, resolving answers against `rb`.
pub fn load_cases(file: &str, src: &str, rb: &Rulebook) -> Result<Vec<Case>, Vec<RulebookError>> {
    let mut cx = Cx::new(file, src);
    let Some(doc) = reader::parse(&mut cx, src) else { return Err(cx.errors) };
    let mut root = Tab::root(&doc);
    let is_rulebook = root.has("meta");
    let tables = root.tables(&mut cx, "cases", !is_rulebook);
    let read = |cx: &mut Cx<'_>, mut t: Tab<'_, '_>| {
        let id = t.req(cx, "id", reader::string);
        let tier = t.req(cx, "tier", reader::string);
        let decisive = t.req(cx, "decisive", string_list);
        let unknowns = t.opt(cx, "unknowns", string_list);
        let sides = t.opt(cx, "sides", string_map).unwrap_or_default();
        let elements = t.opt(cx, "elements", string_map).unwrap_or_default();
        let changes = t.opt(cx, "changes", string_list);
        let clashes = t.opt(cx, "clashes", string_list);
        let risks = t.opt(cx, "risks", string_list);
        let partial = t.opt(cx, "partial", |cx, v, p| match v.get_ref() {
            toml::de::DeValue::Boolean(b) => Some(*b),
            _ => {
                cx.error_at(p, Some(v.span()), ErrorKind::WrongType { expected: "boolean", found: "other" });
                None
            }
        });
        let extends = t.opt(cx, "extends", reader::string);
        let remove = t.opt(cx, "remove", string_list).unwrap_or_default();
        let at = t.path.clone();
        let answers = t.req(cx, "answers", |cx, v, p| {
            let mut at = reader::table(cx, v, p)?;
            let mut out = Answers::default();
            let mut ok = true;
            at.entries(cx, |cx, key, offset, v, p| match rb.question(key) {
                Some(q) => match answer(cx, v, p, q.kind) {
                    Some(a) => out.set(&q.id, a),
                    None => ok = false,
                },
                None => {
                    cx.error_at(p, Some(offset), ErrorKind::Unresolved { what: "question", id: key.to_owned() });
                    ok = false;
                }
            });
            ok.then_some(out)
        });
        t.finish(cx);
        let case = Case {
            id: id?,
            answers: answers?,
            tier: tier?,
            decisive: decisive?,
            unknowns,
            sides,
            elements,
            changes,
            clashes,
            risks,
            partial: partial.unwrap_or(false),
        };
        Some((case, extends, remove, at))
    };
    let cases_raw: Vec<_> = tables.into_iter().filter_map(|t| read(&mut cx, t)).collect();
    // `extends` starts from an earlier case's answers; `remove` drops some of them.
    let mut cases: Vec<Case> = Vec::with_capacity(cases_raw.len());
    for (mut case, extends, remove, at) in cases_raw {
        if let Some(base) = extends {
            match cases.iter().find(|c| c.id == base) {
                Some(b) => {
                    let mut merged = b.answers.clone();
                    for (q, a) in case.answers.0 {
                        merged.set(&q, a);
                    }
                    case.answers = merged;
                }
                None => cx.error(&format!("{at}.extends"), ErrorKind::Unresolved { what: "case", id: base }),
            }
        }
        for q in remove {
            case.answers.remove(&q);
        }
        cases.push(case);
    }
    if !is_rulebook {
        root.finish(&mut cx);
    }
    if cx.errors.is_empty() { Ok(cases) } else { Err(cx.errors) }
}

fn string_list(cx: &mut Cx<'_>, v: &toml::Spanned<toml::de::DeValue<'_>>, p: &str) -> Option<Vec<String>> {
    match v.get_ref() {
        toml::de::DeValue::Array(items) => items.iter().enumerate().map(|(i, x)| reader::string(cx, x, &format!("{p}[{i}]"))).collect(),
        _ => {
            cx.error_at(p, Some(v.span()), ErrorKind::WrongType { expected: "array", found: "other" });
            None
        }
    }
}

fn string_map(cx: &mut Cx<'_>, v: &toml::Spanned<toml::de::DeValue<'_>>, p: &str) -> Option<Vec<(String, String)>> {
    let mut t = reader::table(cx, v, p)?;
    let mut out = Vec::new();
    t.entries(cx, |cx, k, _, v, p| {
        if let Some(s) = reader::string(cx, v, p) {
            out.push((k.to_owned(), s));
        }
    });
    Some(out)
}

fn answer(cx: &mut Cx<'_>, v: &toml::Spanned<toml::de::DeValue<'_>>, p: &str, kind: QuestionKind) -> Option<Answer> {
    match kind {
        QuestionKind::Multi => string_list(cx, v, p).map(|os| Answer::Choices(os.into_iter().map(OptionId).collect())),
        QuestionKind::Date => reader::date(cx, v, p).map(Answer::Date),
        QuestionKind::Text => reader::string(cx, v, p).map(Answer::Text),
        _ => reader::string(cx, v, p).map(|o| Answer::Choice(OptionId(o))),
    }
}

/// The answers a run collects from a case: those to the questions the page
/// asks. A question none of whose answers can change the outcome, the plan,
/// the materials, the risks or a paper is passed by, so an answer the case
/// gives to it never reaches the result (see [`crate::flow::asked`]).
pub fn collected(rb: &Rulebook, answers: &Answers) -> Answers {
    let asked = crate::flow::asked(rb, answers);
    let mut out = answers.clone();
    for (i, q) in rb.questions.iter().enumerate() {
        if !asked[i] {
            out.remove(&q.id.0);
        }
    }
    out
}

/// Runs a case against the rulebook, as the page would: on the answers the
/// run collects.
pub fn run_case(rb: &Rulebook, case: &Case) -> CaseResult {
    let a = assess(rb, &collected(rb, &case.answers));
    let mut got: Vec<String> = a.reasons.iter().map(|r| r.rule.key()).collect();
    got.sort();
    got.dedup();
    let mut want = case.decisive.clone();
    want.sort();
    want.dedup();
    let mut problems = Vec::new();
    if a.tier.0 != case.tier {
        problems.push(format!("tier: expected {}, got {}", case.tier, a.tier));
    }
    if got != want {
        problems.push(format!("decisive: expected [{}], got [{}]", want.join(", "), got.join(", ")));
    }
    if let Some(u) = &case.unknowns {
        let got_u: Vec<&str> = a.unknowns.iter().map(QuestionId::as_str).collect();
        if got_u != u.iter().map(String::as_str).collect::<Vec<_>>() {
            problems.push(format!("unknowns: expected [{}], got [{}]", u.join(", "), got_u.join(", ")));
        }
    }
    for (d, want) in &case.sides {
        let got = a.distinctions.iter().find(|x| x.id.as_str() == d).map(|x| x.side.as_str());
        if got != Some(want.as_str()) {
            problems.push(format!("side of {d}: expected {want}, got {}", got.unwrap_or("(no such distinction)")));
        }
    }
    for (e, want) in &case.elements {
        let got = a.elements.iter().find(|x| x.id.as_str() == e).map(|x| x.status.as_str());
        if got != Some(want.as_str()) {
            problems.push(format!("element {e}: expected {want}, got {}", got.unwrap_or("(no such element)")));
        }
    }
    let list = |name: &str, want: &Option<Vec<String>>, got: Vec<String>, problems: &mut Vec<String>| {
        if let Some(w) = want
            && *w != got
        {
            problems.push(format!("{name}: expected [{}], got [{}]", w.join(", "), got.join(", ")));
        }
    };
    list("changes", &case.changes, a.changes.iter().map(|c| format!("{}={}", c.question, c.option)).collect(), &mut problems);
    list("clashes", &case.clashes, a.clashes.iter().map(|c| c.0.clone()).collect(), &mut problems);
    list("risks", &case.risks, a.risks.iter().map(|r| r.0.clone()).collect(), &mut problems);
    let issues: Vec<&AnswerIssue> = a.issues.iter().filter(|i| !(case.partial && matches!(i, AnswerIssue::Missing(_)))).collect();
    if !issues.is_empty() {
        problems.push(format!("answer issues: {issues:?}"));
    }
    CaseResult { id: case.id.clone(), passed: problems.is_empty(), detail: problems.join("; ") }
}

/// How many questions a run with these answers is asked before its first
/// outcome page (the result, or an early outcome): the run is walked as the
/// page walks it, each question answered from `answers` (or left blank).
pub fn questions_asked(rb: &Rulebook, answers: &Answers) -> usize {
    use crate::flow::{Session, Step, Submit};
    let mut s = Session::default();
    s.start(rb);
    let mut asked = 0;
    while let Step::Question(i) = s.step {
        asked += 1;
        let q = &rb.questions[i];
        if s.submit(rb, i, answers.get(&q.id.0).cloned(), true) != Submit::Done || asked > rb.questions.len() {
            break;
        }
    }
    asked
}
