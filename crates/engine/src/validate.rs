//! Semantic checks on a decoded rulebook: ids, references, ranges, where
//! each kind of condition may appear, whether every question can be shown and
//! whether every answer set reaches an outcome. All problems are reported.

use std::collections::HashSet;

use super::answers::Answer;
use super::condition::holds_with;
use super::diag::Cx;
use super::error::ErrorKind;
use super::model::*;

/// Combinations tried when checking a condition or a table exhaustively.
const MAX_COMBINATIONS: usize = 200_000;

pub(crate) fn validate(cx: &mut Cx<'_>, rb: &Rulebook) {
    duplicates(cx, rb);
    references(cx, rb);
    conditions(cx, rb);
    numbers(cx, rb);
    visibility(cx, rb);
    coverage(cx, rb);
    paths(cx, rb);
    documents(cx, rb);
}

fn dup<'a>(cx: &mut Cx<'_>, list: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            cx.error(&format!("{list}[{i}].id"), ErrorKind::DuplicateId { id: id.to_owned() });
        }
    }
}

fn duplicates(cx: &mut Cx<'_>, rb: &Rulebook) {
    dup(cx, "sections", rb.sections.iter().map(|x| x.id.as_str()));
    dup(cx, "questions", rb.questions.iter().map(|x| x.id.as_str()));
    for (i, q) in rb.questions.iter().enumerate() {
        if q.kind != QuestionKind::YesNo {
            dup(cx, &format!("questions[{i}].options"), q.options.iter().map(|x| x.id.as_str()));
        }
    }
    dup(cx, "glossary", rb.glossary.iter().map(|x| x.id.as_str()));
    dup(cx, "scope", rb.scope.iter().map(|x| x.id.as_str()));
    dup(cx, "red_lines", rb.red_lines.iter().map(|x| x.id.as_str()));
    dup(cx, "distinctions", rb.distinctions.iter().map(|x| x.id.as_str()));
    dup(cx, "tracks", rb.tracks.iter().map(|x| x.id.as_str()));
    dup(cx, "elements", rb.elements.iter().map(|x| x.id.as_str()));
    dup(cx, "score.bands", rb.score.bands.iter().map(|x| x.id.as_str()));
    dup(cx, "factors", rb.factors.iter().map(|x| x.id.as_str()));
    dup(cx, "tiers", rb.tiers.iter().map(|x| x.id.as_str()));
    dup(cx, "decisions", rb.decisions.iter().map(|x| x.id.as_str()));
    dup(cx, "measures", rb.measures.iter().map(|x| x.id.as_str()));
    dup(cx, "materials", rb.materials.iter().map(|x| x.id.as_str()));
    dup(cx, "next_steps", rb.next_steps.iter().map(|x| x.id.as_str()));
    dup(cx, "stages", rb.stages.iter().map(|x| x.id.as_str()));
    dup(cx, "recipients", rb.recipients.iter().map(|x| x.id.as_str()));
    dup(cx, "references", rb.references.iter().map(|x| x.id.as_str()));
    dup(cx, "consistency", rb.consistency.iter().map(|x| x.id.as_str()));
    dup(cx, "paths", rb.paths.iter().map(|x| x.id.as_str()));
    dup(cx, "risks", rb.risks.iter().map(|x| x.id.as_str()));
    dup(cx, "documents", rb.documents.iter().map(|x| x.id.as_str()));
    dup(cx, "invariants", rb.invariants.iter().map(|x| x.id.as_str()));
    // `risk = "any"` means every risk point, so no risk may be called that.
    for (i, r) in rb.risks.iter().enumerate().filter(|(_, r)| r.id.as_str() == "any") {
        cx.error(&format!("risks[{i}].id"), ErrorKind::BadValue { value: r.id.0.clone(), allowed: "an id other than any" });
    }
}

fn tier_ref(cx: &mut Cx<'_>, rb: &Rulebook, path: String, id: &TierId) {
    if rb.tier(&id.0).is_none() {
        cx.error(&path, ErrorKind::Unresolved { what: "tier", id: id.0.clone() });
    }
}

/// Checks that option points name real options of a choice question.
fn option_points(cx: &mut Cx<'_>, rb: &Rulebook, path: &str, q: &QuestionId, points: &[(OptionId, u32)], need_all: bool) {
    let Some(question) = rb.question(&q.0) else {
        cx.error(&format!("{path}.question"), ErrorKind::Unresolved { what: "question", id: q.0.clone() });
        return;
    };
    if !question.kind.is_choice() {
        cx.error(&format!("{path}.question"), ErrorKind::NotTestable { question: q.0.clone(), kind: question.kind.as_str() });
        return;
    }
    let key = if need_all { "grades" } else { "points" };
    for (o, _) in points {
        if question.option(&o.0).is_none() {
            cx.error(&format!("{path}.{key}.{o}"), ErrorKind::Unresolved { what: "option", id: o.0.clone() });
        }
    }
    if need_all {
        if question.kind == QuestionKind::Multi {
            cx.error(&format!("{path}.question"), ErrorKind::NotTestable { question: q.0.clone(), kind: "multi" });
        }
        for o in question.options.iter().filter(|o| !o.unsure) {
            if !points.iter().any(|(id, _)| id == &o.id) {
                cx.error(&format!("{path}.{key}"), ErrorKind::MissingKey { key: o.id.0.clone() });
            }
        }
    }
}

fn references(cx: &mut Cx<'_>, rb: &Rulebook) {
    for (i, q) in rb.questions.iter().enumerate() {
        if rb.section(&q.section.0).is_none() {
            cx.error(&format!("questions[{i}].section"), ErrorKind::Unresolved { what: "section", id: q.section.0.clone() });
        }
        for (j, t) in q.terms.iter().enumerate() {
            if rb.term(&t.0).is_none() {
                cx.error(&format!("questions[{i}].terms[{j}]"), ErrorKind::Unresolved { what: "term", id: t.0.clone() });
            }
        }
    }
    for (i, s) in rb.sections.iter().enumerate() {
        if !rb.questions.iter().any(|q| q.section == s.id) {
            cx.error(&format!("sections[{i}]"), ErrorKind::Empty);
        }
    }
    for (i, s) in rb.scope.iter().enumerate() {
        tier_ref(cx, rb, format!("scope[{i}].tier"), &s.tier);
    }
    for (i, r) in rb.red_lines.iter().enumerate() {
        tier_ref(cx, rb, format!("red_lines[{i}].tier"), &r.tier);
    }
    for (i, d) in rb.distinctions.iter().enumerate() {
        tier_ref(cx, rb, format!("distinctions[{i}].tier"), &d.tier);
    }
    for (i, t) in rb.tracks.iter().enumerate() {
        if let Some(tier) = &t.tier {
            tier_ref(cx, rb, format!("tracks[{i}].tier"), tier);
        }
    }
    for (i, d) in rb.decisions.iter().enumerate() {
        tier_ref(cx, rb, format!("decisions[{i}].tier"), &d.tier);
    }
    tier_ref(cx, rb, "outcome.unknown_tier".into(), &rb.outcome.unknown_tier);
    for (i, t) in rb.tiers.iter().enumerate() {
        for (j, n) in t.next_steps.iter().enumerate() {
            if !rb.next_steps.iter().any(|s| &s.id == n) {
                cx.error(&format!("tiers[{i}].next_steps[{j}]"), ErrorKind::Unresolved { what: "next_step", id: n.0.clone() });
            }
        }
    }
    for (i, m) in rb.materials.iter().enumerate() {
        for (j, t) in m.tiers.iter().enumerate() {
            tier_ref(cx, rb, format!("materials[{i}].tiers[{j}]"), t);
        }
        if let Some(d) = &m.document
            && !rb.documents.iter().any(|x| &x.id == d)
        {
            cx.error(&format!("materials[{i}].document"), ErrorKind::Unresolved { what: "document", id: d.0.clone() });
        }
    }
    for (i, e) in rb.elements.iter().enumerate() {
        for (j, c) in e.counts.iter().enumerate() {
            option_points(cx, rb, &format!("elements[{i}].counts[{j}]"), &c.question, &c.points, false);
        }
    }
    for (i, f) in rb.factors.iter().enumerate() {
        option_points(cx, rb, &format!("factors[{i}]"), &f.question, &f.grades, true);
    }
}

/// Where a condition sits decides what it may read.
#[derive(Clone, Copy, PartialEq)]
enum Reads {
    Answers,
    /// Grant rows: facts and answers.
    Grant,
    /// Cap rows: facts, answers and risk points.
    Cap,
    /// Invariants: everything, the tier shown and the plan included.
    Invariant,
    /// Parts of a paper: answers, the tier shown and risk points.
    Paper,
}

fn check_condition(cx: &mut Cx<'_>, rb: &Rulebook, path: &str, c: &Condition, reads: Reads, before: Option<usize>) {
    match c {
        Condition::Always => {}
        Condition::Is { question, .. } | Condition::In { question, .. } | Condition::Answered { question } => {
            let Some(qi) = rb.question_index(&question.0) else {
                cx.error(&format!("{path}.question"), ErrorKind::Unresolved { what: "question", id: question.0.clone() });
                return;
            };
            let q = &rb.questions[qi];
            if !q.kind.is_choice() && !matches!(c, Condition::Answered { .. }) {
                cx.error(&format!("{path}.question"), ErrorKind::NotTestable { question: question.0.clone(), kind: q.kind.as_str() });
            }
            if before.is_some_and(|b| qi >= b) {
                cx.error(&format!("{path}.question"), ErrorKind::ForwardReference { question: question.0.clone() });
            }
            let opts: Vec<&OptionId> = match c {
                Condition::Is { option, .. } => vec![option],
                Condition::In { options, .. } => options.iter().collect(),
                _ => vec![],
            };
            for (k, o) in opts.into_iter().enumerate() {
                if q.kind.is_choice() && q.option(&o.0).is_none() {
                    let p = if matches!(c, Condition::In { .. }) { format!("{path}.in[{k}]") } else { format!("{path}.is") };
                    cx.error(&p, ErrorKind::Unresolved { what: "option", id: o.0.clone() });
                }
            }
        }
        Condition::Tier { tiers } => {
            if !matches!(reads, Reads::Invariant | Reads::Paper) {
                cx.error(path, ErrorKind::NotAllowedHere { what: "tier_here" });
            }
            for t in tiers {
                tier_ref(cx, rb, format!("{path}.tier"), t);
            }
        }
        Condition::Plan => {
            if reads != Reads::Invariant {
                cx.error(path, ErrorKind::NotAllowedHere { what: "tier_here" });
            }
        }
        Condition::Risk { risk } => {
            if !matches!(reads, Reads::Cap | Reads::Invariant | Reads::Paper) {
                cx.error(path, ErrorKind::NotAllowedHere { what: "risk_here" });
            }
            if let Some(r) = risk
                && !rb.risks.iter().any(|x| &x.id == r)
            {
                cx.error(&format!("{path}.risk"), ErrorKind::Unresolved { what: "risk", id: r.0.clone() });
            }
        }
        Condition::Element { element, .. } => {
            if matches!(reads, Reads::Answers | Reads::Paper) {
                cx.error(path, ErrorKind::NotAllowedHere { what: "facts_here" });
            } else if !rb.elements.iter().any(|e| &e.id == element) {
                cx.error(&format!("{path}.element"), ErrorKind::Unresolved { what: "element", id: element.0.clone() });
            }
        }
        Condition::Band { bands } => {
            if matches!(reads, Reads::Answers | Reads::Paper) {
                cx.error(path, ErrorKind::NotAllowedHere { what: "facts_here" });
            } else {
                for b in bands {
                    if !rb.score.bands.iter().any(|x| &x.id == b) {
                        cx.error(&format!("{path}.band"), ErrorKind::Unresolved { what: "band", id: b.0.clone() });
                    }
                }
            }
        }
        Condition::All(cs) | Condition::Any(cs) => {
            let key = if matches!(c, Condition::All(_)) { "all" } else { "any" };
            for (k, c) in cs.iter().enumerate() {
                check_condition(cx, rb, &format!("{path}.{key}[{k}]"), c, reads, before);
            }
        }
        Condition::Not(c) => check_condition(cx, rb, &format!("{path}.not"), c, reads, before),
    }
}

fn conditions(cx: &mut Cx<'_>, rb: &Rulebook) {
    for (i, q) in rb.questions.iter().enumerate() {
        if let Some(c) = &q.show_if {
            check_condition(cx, rb, &format!("questions[{i}].show_if"), c, Reads::Answers, Some(i));
        }
    }
    for (i, s) in rb.scope.iter().enumerate() {
        check_condition(cx, rb, &format!("scope[{i}].when"), &s.when, Reads::Answers, None);
    }
    for (i, r) in rb.red_lines.iter().enumerate() {
        check_condition(cx, rb, &format!("red_lines[{i}].when"), &r.when, Reads::Answers, None);
    }
    for (i, d) in rb.distinctions.iter().enumerate() {
        check_condition(cx, rb, &format!("distinctions[{i}].tolerable_when"), &d.tolerable_when, Reads::Answers, None);
        check_condition(cx, rb, &format!("distinctions[{i}].intolerable_when"), &d.intolerable_when, Reads::Answers, None);
    }
    for (i, t) in rb.tracks.iter().enumerate() {
        check_condition(cx, rb, &format!("tracks[{i}].when"), &t.when, Reads::Answers, None);
    }
    for (i, d) in rb.decisions.iter().enumerate() {
        let reads = if d.cap { Reads::Cap } else { Reads::Grant };
        check_condition(cx, rb, &format!("decisions[{i}].when"), &d.when, reads, None);
    }
    for (i, f) in rb.factors.iter().enumerate() {
        if let Some(c) = &f.when {
            check_condition(cx, rb, &format!("factors[{i}].when"), c, Reads::Answers, None);
        }
    }
    for (i, e) in rb.elements.iter().enumerate() {
        for (j, c) in e.counts.iter().enumerate() {
            if let Some(w) = &c.when {
                check_condition(cx, rb, &format!("elements[{i}].counts[{j}].when"), w, Reads::Answers, None);
            }
        }
    }
    for (i, v) in rb.invariants.iter().enumerate() {
        let key = if v.reachable { "reachable" } else { "never" };
        check_condition(cx, rb, &format!("invariants[{i}].{key}"), &v.condition, Reads::Invariant, None);
    }
    for (i, m) in rb.measures.iter().enumerate() {
        if let Some(c) = &m.required_when {
            check_condition(cx, rb, &format!("measures[{i}].required_when"), c, Reads::Answers, None);
        }
        if let Some(c) = &m.offer_when {
            check_condition(cx, rb, &format!("measures[{i}].offer_when"), c, Reads::Answers, None);
        }
    }
    for (i, m) in rb.materials.iter().enumerate() {
        if let Some(c) = &m.when {
            check_condition(cx, rb, &format!("materials[{i}].when"), c, Reads::Answers, None);
        }
    }
    for (i, c) in rb.consistency.iter().enumerate() {
        check_condition(cx, rb, &format!("consistency[{i}].when"), &c.when, Reads::Answers, None);
    }
    for (i, n) in rb.next_steps.iter().enumerate() {
        if let Some(c) = &n.when {
            check_condition(cx, rb, &format!("next_steps[{i}].when"), c, Reads::Answers, None);
        }
    }
    for (i, p) in rb.paths.iter().enumerate() {
        check_condition(cx, rb, &format!("paths[{i}].when"), &p.when, Reads::Answers, None);
    }
    for (i, r) in rb.risks.iter().enumerate() {
        check_condition(cx, rb, &format!("risks[{i}].when"), &r.when, Reads::Answers, None);
    }
}

fn numbers(cx: &mut Cx<'_>, rb: &Rulebook) {
    let sum: u32 = rb.factors.iter().map(|f| f.weight).sum();
    if !rb.factors.is_empty() && sum != 100 {
        cx.error("factors", ErrorKind::WeightSum { sum });
    }
    // Bands must tile 0–100: sorted by `from`, each starts where the last ended.
    let mut bands: Vec<(usize, &Band)> = rb.score.bands.iter().enumerate().collect();
    bands.sort_unstable_by_key(|(_, b)| (b.from, b.to));
    let mut reached = 0;
    let mut last: Option<&Band> = None;
    for (i, b) in &bands {
        if b.to <= b.from {
            cx.error(&format!("score.bands[{i}].to"), ErrorKind::OutOfRange { value: b.to as i64, min: b.from as i64 + 1, max: 100 });
            continue;
        }
        if b.from < reached {
            let first = last.map_or(String::new(), |l| l.id.0.clone());
            cx.error(&format!("score.bands[{i}].from"), ErrorKind::BandOverlap { first, second: b.id.0.clone() });
        } else if b.from > reached {
            cx.error(&format!("score.bands[{i}].from"), ErrorKind::BandGap { from: reached, to: b.from });
        }
        reached = reached.max(b.to);
        last = Some(b);
    }
    if !bands.is_empty() && reached < 100 {
        cx.error("score.bands", ErrorKind::BandGap { from: reached, to: 100 });
    }
    for (i, e) in rb.elements.iter().enumerate() {
        let reachable: u32 = e
            .counts
            .iter()
            .filter_map(|c| rb.question(&c.question.0).map(|q| (q, c)))
            .map(|(q, c)| match q.kind {
                QuestionKind::Multi => c.points.iter().map(|p| p.1).sum(),
                _ => c.points.iter().map(|p| p.1).max().unwrap_or(0),
            })
            .sum();
        if e.partly_at >= e.met_at || e.met_at > reachable {
            cx.error(&format!("elements[{i}].met_at"), ErrorKind::ElementThresholds { reachable });
        }
    }
}

/// Every value a question's answer could take, for exhaustive checks; `None` = no answer.
fn domain(q: &Question, can_show: bool) -> Vec<Option<Answer>> {
    let mut d = vec![None];
    if can_show {
        match q.kind {
            QuestionKind::Multi => d.extend(q.options.iter().map(|o| Some(Answer::Choices(vec![o.id.clone()])))),
            QuestionKind::Single | QuestionKind::YesNo => d.extend(q.options.iter().map(|o| Some(Answer::Choice(o.id.clone())))),
            QuestionKind::Date => d.push(Some(Answer::Date("2000-01-01".into()))),
            QuestionKind::Text => d.push(Some(Answer::Text("x".into()))),
        }
    }
    d
}

/// Calls `f` on every assignment of the given questions; stops early when `f` returns true.
/// Looks up the answer to a question by id, within one assignment.
type Lookup<'g> = dyn Fn(&str) -> Option<&'g Answer> + 'g;

fn any_assignment(
    rb: &Rulebook,
    qs: &[usize],
    can_show: &[bool],
    with_none: bool,
    f: &mut dyn for<'g> FnMut(&Lookup<'g>) -> bool,
) -> Option<bool> {
    let domains: Vec<Vec<Option<Answer>>> = qs
        .iter()
        .map(|&i| {
            let d = domain(&rb.questions[i], can_show[i]);
            if with_none || d.len() == 1 { d } else { d.into_iter().skip(1).collect() }
        })
        .collect();
    let n = domains.iter().try_fold(1usize, |n, d| n.checked_mul(d.len()).filter(|n| *n <= MAX_COMBINATIONS))?;
    for k in 0..n {
        let mut rest = k;
        let picked: Vec<(&str, Option<&Answer>)> = qs
            .iter()
            .zip(&domains)
            .map(|(&i, d)| {
                let a = d[rest % d.len()].as_ref();
                rest /= d.len();
                (rb.questions[i].id.as_str(), a)
            })
            .collect();
        let get = |id: &str| picked.iter().find(|(q, _)| *q == id).and_then(|(_, a)| *a);
        if f(&get) {
            return Some(true);
        }
    }
    Some(false)
}

fn read_by(c: &Condition, rb: &Rulebook) -> Vec<usize> {
    let mut qs = Vec::new();
    c.questions(&mut |q| {
        if let Some(i) = rb.question_index(&q.0)
            && !qs.contains(&i)
        {
            qs.push(i);
        }
    });
    qs
}

fn visibility(cx: &mut Cx<'_>, rb: &Rulebook) {
    let mut can_show = vec![true; rb.questions.len()];
    for (i, q) in rb.questions.iter().enumerate() {
        let Some(c) = &q.show_if else { continue };
        let qs = read_by(c, rb);
        if qs.iter().any(|&j| j >= i) {
            continue; // already reported as a forward reference
        }
        let possible = any_assignment(rb, &qs, &can_show, true, &mut |get| holds_with(c, get, None));
        if possible == Some(false) {
            can_show[i] = false;
            cx.error(&format!("questions[{i}].show_if"), ErrorKind::NeverShown);
        }
    }
}

/// The answers of one assignment in words, for a `NoOutcome` problem:
/// `q = option`, `q = a+b`, or `q = <none>` for no answer.
fn describe(rb: &Rulebook, qs: &[usize], get: &Lookup<'_>, none: &str) -> String {
    let mut parts = Vec::new();
    for &i in qs {
        let id = rb.questions[i].id.as_str();
        parts.push(match get(id) {
            Some(Answer::Choice(o)) => format!("{id} = {o}"),
            Some(Answer::Choices(os)) => format!("{id} = {}", os.iter().map(|o| o.as_str()).collect::<Vec<_>>().join("+")),
            Some(_) => format!("{id} = ?"),
            None => format!("{id} = {none}"),
        });
    }
    parts.join(", ")
}

fn coverage(cx: &mut Cx<'_>, rb: &Rulebook) {
    // Tracks: every concrete answer to the questions they read must select one.
    let mut qs: Vec<usize> = Vec::new();
    for t in &rb.tracks {
        for i in read_by(&t.when, rb) {
            if !qs.contains(&i) {
                qs.push(i);
            }
        }
    }
    // The questions deciding whether those are shown are read too: a hidden
    // question has no answer, which no track may be left without.
    let mut k = 0;
    while k < qs.len() {
        if let Some(c) = &rb.questions[qs[k]].show_if {
            for i in read_by(c, rb) {
                if !qs.contains(&i) {
                    qs.push(i);
                }
            }
        }
        k += 1;
    }
    qs.sort_unstable();
    let all = vec![true; rb.questions.len()];
    let mut situation = String::new();
    let uncovered = any_assignment(rb, &qs, &all, false, &mut |get| {
        let mut shown: Vec<usize> = Vec::new();
        for &i in &qs {
            let read = |id: &str| rb.question_index(id).filter(|j| shown.contains(j)).and_then(|_| get(id));
            if rb.questions[i].show_if.as_ref().is_none_or(|c| holds_with(c, &read, None)) {
                shown.push(i);
            }
        }
        let get = |id: &str| rb.question_index(id).filter(|j| shown.contains(j)).and_then(|_| get(id));
        let concrete = shown.iter().all(|&i| {
            let q = &rb.questions[i];
            get(q.id.as_str()).is_some_and(|a| !a.is_unsure(q))
        });
        if concrete && !rb.tracks.iter().any(|t| holds_with(&t.when, &get, None)) {
            situation = describe(rb, &qs, &get, "(not asked)");
            return true;
        }
        false
    });
    if uncovered == Some(true) {
        cx.error("tracks", ErrorKind::NoOutcome { situation });
    }

    // Decision rows: every combination of element statuses, score band and the
    // answers the rows read (including no answer) must match a grant (caps
    // only ever limit what is granted).
    if rb.elements.is_empty() || rb.score.bands.is_empty() {
        return;
    }
    let grants: Vec<&Decision> = rb.decisions.iter().filter(|d| !d.cap).collect();
    if grants.is_empty() {
        cx.error("decisions", ErrorKind::NoOutcome { situation: "(no grant row)".into() });
        return;
    }
    let mut qs: Vec<usize> = Vec::new();
    for d in &grants {
        for i in read_by(&d.when, rb) {
            if !qs.contains(&i) {
                qs.push(i);
            }
        }
    }
    let sizes: Vec<usize> = rb.elements.iter().map(|_| ElementStatus::CONCRETE.len()).chain([rb.score.bands.len()]).collect();
    let Some(n) = sizes.iter().try_fold(1usize, |n, s| n.checked_mul(*s).filter(|n| *n <= MAX_COMBINATIONS)) else { return };
    for k in 0..n {
        let mut rest = k;
        let elements: Vec<(&ElementId, ElementStatus)> = rb
            .elements
            .iter()
            .map(|e| {
                let st = ElementStatus::CONCRETE[rest % 3];
                rest /= 3;
                (&e.id, st)
            })
            .collect();
        let band = &rb.score.bands[rest % rb.score.bands.len()].id;
        let facts = super::condition::Facts { elements, band: Some(band) };
        // A row that reads no answers and holds covers every answer at once
        // (a catch-all row, say): no need to try the answers one by one.
        if grants.iter().any(|d| !d.when.reads_answers() && holds_with(&d.when, &|_| None, Some(&facts))) {
            continue;
        }
        let mut answers = String::new();
        let uncovered = any_assignment(rb, &qs, &all, true, &mut |get| {
            if grants.iter().any(|d| holds_with(&d.when, get, Some(&facts))) {
                return false;
            }
            answers = describe(rb, &qs, get, "(none)");
            true
        });
        if uncovered == Some(true) {
            let mut s: Vec<String> = facts.elements.iter().map(|(e, st)| format!("{e} = {}", st.as_str())).collect();
            s.push(format!("band = {band}"));
            if !answers.is_empty() {
                s.push(answers);
            }
            cx.error("decisions", ErrorKind::NoOutcome { situation: s.join(", ") });
            return;
        }
    }
}

/// Paths: their tiers resolve, wording is only given for real paths, and
/// every question a path can show after the questions that choose it has
/// that path's own text.
fn paths(cx: &mut Cx<'_>, rb: &Rulebook) {
    for (i, p) in rb.paths.iter().enumerate() {
        for (from, to) in &p.tiers {
            tier_ref(cx, rb, format!("paths[{i}].tiers.{from}"), from);
            tier_ref(cx, rb, format!("paths[{i}].tiers.{from}"), to);
        }
    }
    let known = |id: &PathId| rb.paths.iter().any(|p| &p.id == id);
    for (i, q) in rb.questions.iter().enumerate() {
        for w in q.on.iter().filter(|w| !known(&w.path)) {
            cx.error(&format!("questions[{i}].on.{}", w.path), ErrorKind::Unresolved { what: "path", id: w.path.0.clone() });
        }
        for (j, o) in q.options.iter().enumerate() {
            for w in o.on.iter().filter(|w| !known(&w.path)) {
                cx.error(
                    &format!("questions[{i}].options[{j}].on.{}", w.path),
                    ErrorKind::Unresolved { what: "path", id: w.path.0.clone() },
                );
            }
        }
    }
    let all = vec![true; rb.questions.len()];
    for p in &rb.paths {
        // The questions that choose the path, and every answer to them that takes it.
        let choosers = read_by(&p.when, rb);
        let Some(last) = choosers.iter().max().copied() else { continue };
        for (i, q) in rb.questions.iter().enumerate().skip(last + 1) {
            if q.on.iter().any(|w| w.path == p.id && w.text.is_some()) {
                continue;
            }
            // Shown on the path, and also elsewhere (a question only ever shown
            // on the path is worded for it already).
            let (on_path, elsewhere) = match &q.show_if {
                None => (true, true),
                Some(c) => {
                    let mut qs = choosers.clone();
                    for j in read_by(c, rb) {
                        if !qs.contains(&j) {
                            qs.push(j);
                        }
                    }
                    let can = |on: bool| {
                        any_assignment(rb, &qs, &all, true, &mut |get| holds_with(&p.when, get, None) == on && holds_with(c, get, None))
                            != Some(false)
                    };
                    (can(true), can(false))
                }
            };
            if on_path && elsewhere {
                cx.error(&format!("questions[{i}].on.{}.text", p.id), ErrorKind::MissingKey { key: format!("on.{}.text", p.id) });
            }
        }
    }
}

/// The placeholders a document template may use, besides `answer:<question id>`.
pub const DOCUMENT_FIELDS: [&str; 5] = ["tier", "plan", "risks", "materials", "today"];

/// Documents: tiers resolve, parts read what a paper may read, every
/// placeholder names a question or a field of the assessment, and at most
/// one paper is the version for a first talk.
fn documents(cx: &mut Cx<'_>, rb: &Rulebook) {
    for (i, d) in rb.documents.iter().enumerate() {
        for (j, t) in d.tiers.iter().enumerate() {
            tier_ref(cx, rb, format!("documents[{i}].tiers[{j}]"), t);
        }
        for (j, a) in d.attaches.iter().enumerate() {
            if !rb.documents.iter().any(|x| &x.id == a) {
                cx.error(&format!("documents[{i}].attaches[{j}]"), ErrorKind::Unresolved { what: "document", id: a.0.clone() });
            }
        }
        if d.talk && rb.documents[..i].iter().any(|x| x.talk) {
            cx.error(&format!("documents[{i}].talk"), ErrorKind::DuplicateId { id: "talk".into() });
        }
        for (j, s) in d.sections.iter().enumerate() {
            for (k, part) in s.parts.iter().enumerate() {
                let at = format!("documents[{i}].sections[{j}].parts[{k}]");
                if let Some(c) = &part.when {
                    check_condition(cx, rb, &format!("{at}.when"), c, Reads::Paper, None);
                }
                for l in crate::text::Locale::all() {
                    if !part.text.has(l) {
                        continue;
                    }
                    for name in crate::text::placeholders(part.text.get(l)) {
                        let ok = match name.strip_prefix("answer:") {
                            Some(q) => rb.question(q).is_some(),
                            None => DOCUMENT_FIELDS.contains(&name.as_str()),
                        };
                        if !ok {
                            cx.error(&format!("{at}.text.{}", l.tag()), ErrorKind::Unresolved { what: "placeholder", id: name });
                        }
                    }
                }
            }
        }
    }
}
