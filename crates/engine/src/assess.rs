//! The assessment: from a validated rulebook and an answer set to an
//! explained indication. Pure, deterministic and total: any answer set,
//! including answers to unknown or hidden questions, gives exactly one tier.
//!
//! The stages run in a fixed order, their contents come from the rulebook:
//! scope → red lines → task track → the three distinctions → decision table
//! (over the constituent elements and the score band).
//!
//! **Decided as soon as it is decided.** Answers still open (not given yet,
//! "not sure", or on a question that may not be shown) are never guessed.
//! Each rule is evaluated in three-valued logic over what is known, and the
//! facts (element statuses, score band) as the ranges the open answers allow;
//! a rule that may or may not hold opens both branches. When every branch
//! reaches the same tier the tier is decided, whatever the open answers turn
//! out to be, stage by stage and without trying combinations. Otherwise, when
//! the open answers are few, each concrete way they could settle is tried;
//! if the tier still depends on them the result is the rulebook's
//! not-enough-information tier, naming the questions that matter.

use super::answers::{Answer, Answers};
use super::condition::{FactRange, Knowledge, Tri, eval, holds_with, knowledge, visible};
use super::model::*;

/// Concrete ways of settling open answers tried before giving up and naming them.
const MAX_RESOLUTIONS: usize = 4096;

/// Which rule decided, or contributed to, the outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleRef {
    Scope(ScopeId),
    RedLine(RedLineId),
    Track(TrackId),
    Distinction(DistinctionId),
    Decision(DecisionId),
    /// The outcome depends on answers given as "not sure" or not given.
    Unknown,
}

impl RuleRef {
    /// A stable key such as `red_line.private_gain`, used by scenario cases.
    pub fn key(&self) -> String {
        match self {
            RuleRef::Scope(id) => format!("scope.{id}"),
            RuleRef::RedLine(id) => format!("red_line.{id}"),
            RuleRef::Track(id) => format!("track.{id}"),
            RuleRef::Distinction(id) => format!("distinction.{id}"),
            RuleRef::Decision(id) => format!("decision.{id}"),
            RuleRef::Unknown => "unknown".to_owned(),
        }
    }
}

/// A rule by its stable key, for the CLI's JSON outputs.
#[cfg(feature = "serde")]
impl serde::Serialize for RuleRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

/// The stage of the assessment that decided the tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Stage {
    Scope,
    RedLine,
    Track,
    Distinction,
    Decision,
    /// Not decided: the tier depends on open answers.
    Unknown,
}

impl Stage {
    /// Whether the three distinctions were reached (and so apply to the result).
    pub fn reached_distinctions(self) -> bool {
        matches!(self, Stage::Distinction | Stage::Decision | Stage::Unknown)
    }

    /// Whether the elements and the score were reached.
    pub fn reached_decision(self) -> bool {
        matches!(self, Stage::Decision | Stage::Unknown)
    }
}

/// What a reason says beyond its rule: which element falls short, where the
/// score stands and which factors lost the most points.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Detail {
    /// An element that is not fully met.
    Element { element: ElementId, status: ElementStatus },
    /// The score (lowest and highest the open answers allow) and its band.
    Score { low: u32, high: u32, band: Option<BandId> },
    /// A factor that lost points, with how many (thousandths of a point), most first.
    Lost { factor: FactorId, milli: u32 },
}

/// A step of the reasons trace: a rule, the answers that decided it and what it found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Reason {
    pub rule: RuleRef,
    /// The questions whose answers decided the rule: changing any one of them
    /// would change the rule's result. In rulebook order.
    pub questions: Vec<QuestionId>,
    pub details: Vec<Detail>,
}

/// Where the user stands on one of the three distinctions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Side {
    Tolerable,
    Intolerable,
    /// Neither side clearly applies.
    Neither,
    /// Depends on "not sure" or missing answers.
    Unknown,
    /// Not applicable on this task track.
    NotApplicable,
}

impl Side {
    /// A stable spelling for tests and styling.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Tolerable => "tolerable",
            Side::Intolerable => "intolerable",
            Side::Neither => "neither",
            Side::Unknown => "unknown",
            Side::NotApplicable => "not_applicable",
        }
    }
}

/// A distinction with the user's side.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DistinctionResult {
    pub id: DistinctionId,
    pub side: Side,
    pub questions: Vec<QuestionId>,
}

/// A constituent element with its verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ElementResult {
    pub id: ElementId,
    pub status: ElementStatus,
    /// Points from settled answers (open ones count nothing).
    pub points: u32,
    /// Points if every open answer were the best one.
    pub best_points: u32,
    pub met_at: u32,
    pub partly_at: u32,
    pub questions: Vec<QuestionId>,
}

/// One factor of the score.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FactorResult {
    pub id: FactorId,
    pub question: QuestionId,
    pub weight: u32,
    /// The grade from the answer; `None` when open or not applicable.
    pub grade: Option<u32>,
    /// False when the question is hidden for these answers (weight redistributed).
    pub applies: bool,
    /// Contribution to the total, in thousandths of a point (open grades count nothing).
    pub milli: u32,
    /// Greatest possible contribution, in thousandths of a point.
    pub max_milli: u32,
}

/// The weighted score with its breakdown (0–100, kept in thousandths).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ScoreResult {
    /// The lowest score the open answers allow.
    pub milli: u32,
    /// The highest score the open answers allow.
    pub best_milli: u32,
    pub factors: Vec<FactorResult>,
    /// The band, when the open answers cannot move the score across a boundary.
    pub band: Option<BandId>,
    /// Whether some factor may count (there may be a score at all).
    pub counted: bool,
    /// Whether possibly no factor counts (there may be no score).
    pub uncounted: bool,
}

/// A problem with the answer set. Reported, never crashed on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AnswerIssue {
    /// No question has this id.
    UnknownQuestion(String),
    /// The answer does not fit the question (wrong kind, unknown option, too long, bad date).
    DoesNotFit(QuestionId),
    /// The question is not shown for these answers; the answer is ignored.
    Hidden(QuestionId),
    /// A shown, required question has no answer.
    Missing(QuestionId),
}

/// Something the cadre can still do that would move the outcome: answering
/// `question` with `option` (whose rulebook `action` says what to do) gives `tier`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Change {
    pub question: QuestionId,
    pub option: OptionId,
    pub tier: TierId,
}

/// The whole result of a self-check.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Assessment {
    pub tier: TierId,
    /// The stage that decided the tier.
    pub stage: Stage,
    /// The reasons trace, in the order the rules were applied.
    pub reasons: Vec<Reason>,
    /// When the tier is the not-enough-information tier: the questions whose answers would decide.
    pub unknowns: Vec<QuestionId>,
    /// Red lines hit by the settled answers.
    pub red_lines: Vec<Reason>,
    /// Red lines that would be hit if some open answer settled a certain way.
    pub possible_red_lines: Vec<RedLineId>,
    pub track: Option<TrackId>,
    pub distinctions: Vec<DistinctionResult>,
    pub elements: Vec<ElementResult>,
    pub score: ScoreResult,
    /// Correction measures required by the answers.
    pub measures: Vec<MeasureId>,
    /// Correction measures that can apply to the answers but are not required.
    pub optional_measures: Vec<MeasureId>,
    pub materials: Vec<MaterialId>,
    pub next_steps: Vec<NextStepId>,
    /// Things still to do that would lead to a more favourable tier.
    pub changes: Vec<Change>,
    /// Consistency checks the answers fail.
    pub clashes: Vec<ConsistencyId>,
    /// The path the answers take, if the rulebook has paths.
    pub path: Option<PathId>,
    /// Risk points whose condition holds (planned work).
    pub risks: Vec<RiskId>,
    pub issues: Vec<AnswerIssue>,
}

/// The questions a condition depends on, expanding facts to the questions behind them.
fn behind(rb: &Rulebook, c: &Condition, out: &mut Vec<QuestionId>) {
    match c {
        Condition::Element { element, .. } => {
            for e in rb.elements.iter().filter(|e| &e.id == element) {
                out.extend(e.counts.iter().map(|c| c.question.clone()));
            }
        }
        Condition::Band { .. } => out.extend(rb.factors.iter().map(|f| f.question.clone())),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| behind(rb, c, out)),
        Condition::Not(c) => behind(rb, c, out),
        _ => c.questions(&mut |q| out.push(q.clone())),
    }
}

fn in_order(rb: &Rulebook, qs: impl Iterator<Item = QuestionId>) -> Vec<QuestionId> {
    let qs: Vec<QuestionId> = qs.collect();
    rb.questions.iter().filter(|q| qs.contains(&q.id)).map(|q| q.id.clone()).collect()
}

fn points_of(points: &[(OptionId, u32)], a: Option<&Answer>) -> u32 {
    let p = |o: &OptionId| points.iter().find(|(id, _)| id == o).map_or(0, |(_, n)| *n);
    match a {
        Some(Answer::Choice(o)) => p(o),
        Some(Answer::Choices(os)) => os.iter().map(p).sum(),
        _ => 0,
    }
}

/// The most points an answer to this question could bring.
fn best_points(q: &Question, points: &[(OptionId, u32)]) -> u32 {
    let p = |o: &OptionId| points.iter().find(|(id, _)| id == o).map_or(0, |(_, n)| *n);
    match q.kind {
        QuestionKind::Multi => {
            let shared: u32 = q.options.iter().filter(|o| !o.exclusive).map(|o| p(&o.id)).sum();
            q.options.iter().filter(|o| o.exclusive).map(|o| p(&o.id)).fold(shared, u32::max)
        }
        _ => q.options.iter().map(|o| p(&o.id)).max().unwrap_or(0),
    }
}

/// The fewest points an answer to this question could bring (0 if it may stay unanswered).
fn least_points(q: &Question, points: &[(OptionId, u32)], must_answer: bool) -> u32 {
    if !must_answer || q.kind == QuestionKind::Multi {
        return 0;
    }
    let p = |o: &OptionId| points.iter().find(|(id, _)| id == o).map_or(0, |(_, n)| *n);
    q.options.iter().filter(|o| !o.unsure).map(|o| p(&o.id)).min().unwrap_or(0)
}

fn status_for(e: &Element, points: u32) -> ElementStatus {
    if points >= e.met_at {
        ElementStatus::Met
    } else if points >= e.partly_at {
        ElementStatus::Partly
    } else {
        ElementStatus::NotMet
    }
}

/// Whether an open question must still get a concrete answer (shown for sure and required).
fn must_answer(q: &Question, k: &Knowledge, i: usize) -> bool {
    k.shown[i] == Tri::Yes && q.required
}

fn elements(rb: &Rulebook, k: &Knowledge) -> Vec<ElementResult> {
    rb.elements
        .iter()
        .map(|e| {
            let (mut low, mut high) = (0, 0);
            for c in &e.counts {
                let Some(i) = rb.question_index(&c.question.0) else { continue };
                let q = &rb.questions[i];
                // A count that may not apply counts nothing at worst.
                let applies = c.when.as_ref().map_or(Tri::Yes, |w| eval(rb, w, k, None));
                if applies == Tri::No {
                    continue;
                }
                if applies == Tri::Maybe {
                    if k.shown[i] != Tri::No {
                        high += if k.open[i] { best_points(q, &c.points) } else { points_of(&c.points, k.get(&c.question.0)) };
                    }
                } else if k.open[i] {
                    low += least_points(q, &c.points, must_answer(q, k, i));
                    high += best_points(q, &c.points);
                } else if k.shown[i] == Tri::Yes {
                    let got = points_of(&c.points, k.get(&c.question.0));
                    low += got;
                    high += got;
                }
            }
            let (lo, hi) = (status_for(e, low), status_for(e, high));
            ElementResult {
                id: e.id.clone(),
                status: if lo == hi { lo } else { ElementStatus::Unknown },
                points: low,
                best_points: high,
                met_at: e.met_at,
                partly_at: e.partly_at,
                questions: in_order(rb, e.counts.iter().map(|c| c.question.clone())),
            }
        })
        .collect()
}

/// The statuses an element may have: those between its lowest and highest points.
fn possible_statuses(rb: &Rulebook, r: &ElementResult) -> Vec<ElementStatus> {
    let Some(e) = rb.elements.iter().find(|e| e.id == r.id) else { return vec![] };
    let (lo, hi) = (status_for(e, r.points), status_for(e, r.best_points));
    ElementStatus::CONCRETE.into_iter().filter(|s| *s >= hi && *s <= lo).collect()
}

fn band_of(rb: &Rulebook, milli: u32) -> Option<&BandId> {
    rb.score.bands.iter().find(|b| milli >= b.from * 1000 && (milli < b.to * 1000 || (b.to == 100 && milli == 100_000))).map(|b| &b.id)
}

/// Factors whose question may or may not be shown beyond which the score
/// range is not worked out (every band is then possible).
const MAX_MAYBE_FACTORS: usize = 10;

fn score(rb: &Rulebook, k: &Knowledge) -> ScoreResult {
    let g = rb.score.grade_max.max(1) as u64;
    // A factor counts when its question is shown and its condition holds.
    let shown = |f: &Factor| {
        let q = rb.question_index(&f.question.0).map_or(Tri::No, |i| k.shown[i]);
        match (q, f.when.as_ref().map_or(Tri::Yes, |w| eval(rb, w, k, None))) {
            (Tri::No, _) | (_, Tri::No) => Tri::No,
            (Tri::Yes, Tri::Yes) => Tri::Yes,
            _ => Tri::Maybe,
        }
    };
    // Grade range of each factor.
    let range = |f: &Factor| -> (u64, u64) {
        let Some(i) = rb.question_index(&f.question.0) else { return (0, 0) };
        let q = &rb.questions[i];
        if k.open[i] {
            (least_points(q, &f.grades, must_answer(q, k, i)) as u64, best_points(q, &f.grades) as u64)
        } else {
            let got = points_of(&f.grades, k.get(&f.question.0)) as u64;
            (got, got)
        }
    };
    let maybe: Vec<usize> = rb.factors.iter().enumerate().filter(|(_, f)| shown(f) == Tri::Maybe).map(|(i, _)| i).collect();
    let total = |n: u64, w: u64| if w == 0 { 0 } else { (n * 100_000 / (g * w)) as u32 };
    let (mut low, mut high) = (u32::MAX, 0u32);
    // Whether some way the open answers settle leaves no factor counting (no score).
    let (mut none_possible, mut some_possible) = (false, false);
    if maybe.len() <= MAX_MAYBE_FACTORS {
        for mask in 0..(1u32 << maybe.len()) {
            let applies = |i: usize, f: &Factor| match shown(f) {
                Tri::Yes => true,
                Tri::No => false,
                Tri::Maybe => mask & (1 << maybe.iter().position(|m| *m == i).unwrap_or(0)) != 0,
            };
            let (mut lo, mut hi, mut w) = (0u64, 0u64, 0u64);
            for (_, f) in rb.factors.iter().enumerate().filter(|(i, f)| applies(*i, f)) {
                let (a, b) = range(f);
                lo += f.weight as u64 * a;
                hi += f.weight as u64 * b;
                w += f.weight as u64;
            }
            if w == 0 {
                none_possible = true;
                continue;
            }
            some_possible = true;
            low = low.min(total(lo, w));
            high = high.max(total(hi, w));
        }
    } else {
        (low, high) = (0, 100_000);
        (none_possible, some_possible) = (true, true);
    }
    if !some_possible {
        (low, high) = (0, 0);
    }
    let total_w: u64 = rb.factors.iter().filter(|f| shown(f) == Tri::Yes).map(|f| f.weight as u64).sum();
    let scale = |w: u32, grade: u32| -> u32 { if total_w == 0 { 0 } else { (w as u64 * grade as u64 * 100_000 / (g * total_w)) as u32 } };
    let factors = rb
        .factors
        .iter()
        .map(|f| {
            let on = shown(f) == Tri::Yes;
            let settled = rb.question_index(&f.question.0).is_some_and(|i| !k.open[i]);
            let grade = (on && settled).then(|| range(f).0 as u32);
            FactorResult {
                id: f.id.clone(),
                question: f.question.clone(),
                weight: f.weight,
                grade,
                applies: on,
                milli: if on { scale(f.weight, grade.unwrap_or(0)) } else { 0 },
                max_milli: if on { scale(f.weight, rb.score.grade_max) } else { 0 },
            }
        })
        .collect();
    let (lo, hi) = (band_of(rb, low), band_of(rb, high));
    let band = if lo == hi && !none_possible { lo.cloned() } else { None };
    ScoreResult { milli: low, best_milli: high, factors, band, counted: some_possible, uncounted: none_possible }
}

/// The facts as ranges: the statuses each element may have, the bands the
/// score may fall in, whether each risk point is listed.
fn fact_range<'a>(rb: &'a Rulebook, k: &Knowledge, els: &[ElementResult], sc: &ScoreResult) -> FactRange<'a> {
    let elements = rb.elements.iter().zip(els).map(|(e, r)| (&e.id, possible_statuses(rb, r))).collect();
    let bands = if sc.counted {
        rb.score
            .bands
            .iter()
            .filter(|b| {
                let (from, to) = (b.from * 1000, if b.to == 100 { 100_001 } else { b.to * 1000 });
                from <= sc.best_milli && sc.milli < to
            })
            .map(|b| &b.id)
            .collect()
    } else {
        vec![]
    };
    let lit = if rb.risks.is_empty() { None } else { Some(k.literal(rb)) };
    let risks = rb.risks.iter().map(|r| (&r.id, lit.as_ref().map_or(Tri::No, |l| eval(rb, &r.when, l, None)))).collect();
    FactRange { elements, bands, no_score_possible: sc.uncounted, risks, tiers: None, plan: Tri::Maybe }
}

/// One way the stages can end: a tier, the stage, and the rules on the way
/// (`sure` when the rule that ended it holds for certain).
struct Branch {
    tier: TierId,
    stage: Stage,
    rules: Vec<RuleRef>,
    sure: bool,
}

/// Runs the stages over what is known. Every tier the open answers could
/// still lead to is among the branches; the questions of the rules that may
/// or may not hold are collected in `doubts`.
fn decide(rb: &Rulebook, k: &Knowledge, facts: &FactRange<'_>, doubts: &mut Vec<QuestionId>) -> Vec<Branch> {
    let mut out = Vec::new();
    let sure = true;
    let doubt = |c: &Condition, out: &mut Vec<QuestionId>| behind(rb, c, out);
    for s in &rb.scope {
        match eval(rb, &s.when, k, None) {
            Tri::Yes => {
                out.push(Branch { tier: s.tier.clone(), stage: Stage::Scope, rules: vec![RuleRef::Scope(s.id.clone())], sure });
                return out;
            }
            Tri::Maybe => {
                doubt(&s.when, doubts);
                out.push(Branch { tier: s.tier.clone(), stage: Stage::Scope, rules: vec![RuleRef::Scope(s.id.clone())], sure: false });
            }
            Tri::No => {}
        }
    }
    // Red lines: the first that holds gives the tier; every one that holds is a reason.
    let values: Vec<Tri> = rb.red_lines.iter().map(|r| eval(rb, &r.when, k, None)).collect();
    let held: Vec<RuleRef> =
        rb.red_lines.iter().zip(&values).filter(|(_, v)| **v == Tri::Yes).map(|(r, _)| RuleRef::RedLine(r.id.clone())).collect();
    for (r, v) in rb.red_lines.iter().zip(&values) {
        match v {
            Tri::Yes => {
                out.push(Branch { tier: r.tier.clone(), stage: Stage::RedLine, rules: held, sure });
                return out;
            }
            Tri::Maybe => {
                doubt(&r.when, doubts);
                out.push(Branch { tier: r.tier.clone(), stage: Stage::RedLine, rules: vec![RuleRef::RedLine(r.id.clone())], sure: false });
            }
            Tri::No => {}
        }
    }
    // Tracks: the first that holds applies; one that may hold is followed as well as the rest.
    for t in &rb.tracks {
        let v = eval(rb, &t.when, k, None);
        if v == Tri::No {
            continue;
        }
        if v == Tri::Maybe {
            doubt(&t.when, doubts);
        }
        let rules = [RuleRef::Track(t.id.clone())];
        follow_track(rb, t, k, facts, &rules, v == Tri::Yes, &mut out, doubts);
        if v == Tri::Yes {
            return out;
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn follow_track(
    rb: &Rulebook,
    t: &Track,
    k: &Knowledge,
    facts: &FactRange<'_>,
    rules: &[RuleRef],
    sure: bool,
    out: &mut Vec<Branch>,
    doubts: &mut Vec<QuestionId>,
) {
    if let Some(tier) = &t.tier {
        out.push(Branch { tier: tier.clone(), stage: Stage::Track, rules: rules.to_vec(), sure });
        return;
    }
    if t.distinctions_apply {
        for d in &rb.distinctions {
            match eval(rb, &d.intolerable_when, k, None) {
                Tri::Yes => {
                    let mut r = rules.to_vec();
                    r.push(RuleRef::Distinction(d.id.clone()));
                    out.push(Branch { tier: d.tier.clone(), stage: Stage::Distinction, rules: r, sure });
                    return;
                }
                Tri::Maybe => {
                    behind(rb, &d.intolerable_when, doubts);
                    let mut r = rules.to_vec();
                    r.push(RuleRef::Distinction(d.id.clone()));
                    out.push(Branch { tier: d.tier.clone(), stage: Stage::Distinction, rules: r, sure: false });
                }
                Tri::No => {}
            }
        }
    }
    let range = decision_range(rb, k, facts);
    if range.tiers.len() > 1 {
        // Caps first, and the answers a row reads directly before those behind its facts.
        let mut rows: Vec<&&Decision> = range.maybe.iter().filter(|d| d.cap).collect();
        rows.extend(range.maybe.iter().filter(|d| !d.cap));
        for row in &rows {
            row.when.questions(&mut |q| doubts.push(q.clone()));
        }
        for row in &rows {
            behind(rb, &row.when, doubts);
        }
    }
    let decided = range.tiers.len() == 1;
    for (tier, rows) in range.tiers {
        let mut r = rules.to_vec();
        r.extend(rows.into_iter().map(|d| RuleRef::Decision(d.id.clone())));
        out.push(Branch { tier: tier.clone(), stage: Stage::Decision, rules: r, sure: sure && decided });
    }
}

/// What the decision table may give over what is known.
struct DecisionRange<'a> {
    /// Every tier the rows may give, each with the rows behind it: when a
    /// single tier is left, the reasons in the order they are shown (the caps
    /// that bind, then a better grant they override; or the grants that give it).
    tiers: Vec<(&'a TierId, Vec<&'a Decision>)>,
    /// The rows that may or may not hold.
    maybe: Vec<&'a Decision>,
}

/// The decision table as grants and caps: the tier is the most favourable
/// tier granted by a row that holds, limited by every cap that holds. Over
/// what is known, a row may or may not hold; every tier the open answers
/// could still lead to is returned.
fn decision_range<'a>(rb: &'a Rulebook, k: &Knowledge, facts: &FactRange<'_>) -> DecisionRange<'a> {
    let rank = |t: &TierId| rb.rank(t);
    let mut yes: Vec<&Decision> = Vec::new();
    let mut maybe: Vec<&Decision> = Vec::new();
    for row in &rb.decisions {
        match eval(rb, &row.when, k, Some(facts)) {
            Tri::Yes => yes.push(row),
            Tri::Maybe => maybe.push(row),
            Tri::No => {}
        }
    }
    let grants = |list: &[&'a Decision]| list.iter().filter(|d| !d.cap).map(|d| rank(&d.tier)).collect::<Vec<_>>();
    let caps = |list: &[&'a Decision]| list.iter().filter(|d| d.cap).map(|d| rank(&d.tier)).collect::<Vec<_>>();
    let (g_yes, g_maybe, c_yes, c_maybe) = (grants(&yes), grants(&maybe), caps(&yes), caps(&maybe));
    // The best grant lies between the best that may hold and the best that
    // surely holds (or, failing one, the worst that may: some grant always holds).
    let g_lo = g_yes.iter().chain(&g_maybe).copied().min().unwrap_or(usize::MAX);
    let g_hi = g_yes.iter().copied().min().or_else(|| g_maybe.iter().copied().max()).unwrap_or(usize::MAX);
    let c_lo = c_yes.iter().copied().max().unwrap_or(0);
    let c_hi = c_yes.iter().chain(&c_maybe).copied().max().unwrap_or(0);
    let (lo, hi) = (g_lo.max(c_lo), g_hi.max(c_hi));
    let mut tiers: Vec<(&TierId, Vec<&Decision>)> = Vec::new();
    for d in yes.iter().chain(&maybe) {
        let r = rank(&d.tier);
        if r < lo || r > hi {
            continue;
        }
        match tiers.iter_mut().find(|(t, _)| *t == &d.tier) {
            Some((_, rows)) => rows.push(d),
            None => tiers.push((&d.tier, vec![d])),
        }
    }
    if let [(tier, rows)] = tiers.as_mut_slice() {
        // Decided: the reasons are the rows that surely hold and decide.
        let r = rank(tier);
        let binding: Vec<&Decision> = yes.iter().filter(|d| d.cap && rank(&d.tier) == r).copied().collect();
        let best = g_yes.iter().copied().min();
        let granted = |at: usize| yes.iter().filter(move |d| !d.cap && rank(&d.tier) == at).copied();
        let chosen: Vec<&Decision> = if binding.is_empty() {
            granted(r).collect()
        } else {
            binding.into_iter().chain(best.filter(|b| *b < r).into_iter().flat_map(granted)).collect()
        };
        if !chosen.is_empty() {
            *rows = chosen;
        }
    }
    crate::text::sort_small(&mut tiers, |a, b| rank(a.0) > rank(b.0));
    DecisionRange { tiers, maybe }
}

/// The concrete answers an open choice question could settle to (no answer
/// included when it may stay unanswered).
fn resolutions(q: &Question, may_be_none: bool) -> Vec<Option<Answer>> {
    let concrete: Vec<&Choice> = q.options.iter().filter(|o| !o.unsure).collect();
    let mut out: Vec<Option<Answer>> = match q.kind {
        QuestionKind::Multi => {
            let mut v: Vec<Option<Answer>> = concrete.iter().map(|o| Some(Answer::Choices(vec![o.id.clone()]))).collect();
            let all: Vec<OptionId> = concrete.iter().filter(|o| !o.exclusive).map(|o| o.id.clone()).collect();
            if all.len() > 1 {
                v.push(Some(Answer::Choices(all)));
            }
            v
        }
        QuestionKind::Single | QuestionKind::YesNo => concrete.iter().map(|o| Some(Answer::Choice(o.id.clone()))).collect(),
        QuestionKind::Date | QuestionKind::Text => vec![],
    };
    if may_be_none {
        out.push(None);
    }
    out
}

/// True when the question is read by any rule, element or factor.
fn is_read(rb: &Rulebook, q: &QuestionId) -> bool {
    let mut found = false;
    let mut check = |c: &Condition| c.questions(&mut |x| found |= x == q);
    rb.scope.iter().for_each(|s| check(&s.when));
    rb.red_lines.iter().for_each(|r| check(&r.when));
    rb.tracks.iter().for_each(|t| check(&t.when));
    rb.distinctions.iter().for_each(|d| check(&d.intolerable_when));
    rb.decisions.iter().for_each(|d| check(&d.when));
    rb.risks.iter().for_each(|r| check(&r.when));
    rb.paths.iter().for_each(|p| check(&p.when));
    rb.questions.iter().filter_map(|x| x.show_if.as_ref()).for_each(&mut check);
    rb.elements.iter().flat_map(|e| &e.counts).filter_map(|c| c.when.as_ref()).for_each(&mut check);
    rb.factors.iter().filter_map(|f| f.when.as_ref()).for_each(&mut check);
    found || rb.elements.iter().any(|e| e.counts.iter().any(|c| &c.question == q)) || rb.factors.iter().any(|f| &f.question == q)
}

/// Whether question `i`, about to be asked, can still change what the
/// result shows, given the answers to the questions before it: the tier,
/// the correction plan, the materials, the risk points or a paper. A
/// question that cannot is not asked. While the tier is undecided every
/// question the rules read matters; once it is decided, only what the
/// result for that tier shows. A question that decides whether a later
/// one is shown always matters.
pub fn matters(rb: &Rulebook, given: &Answers, i: usize) -> bool {
    if i >= rb.questions.len() {
        return false;
    }
    let mut before = Answers::default();
    for x in &rb.questions[..i] {
        if let Some(a) = given.get(&x.id.0) {
            before.set(&x.id, a.clone());
        }
    }
    let k = knowledge(rb, &before, i);
    let decided = outcome(rb, &k).tier.map(|t| rb.shown_tier(rb.path_for(&k.answers).map(|p| &p.id), &t));
    let tier = decided.as_ref().and_then(|t| rb.tier(&t.0));
    let lit = k.literal(rb);
    // From the last question back: a question matters when the rules still
    // read it (undecided), the result shows what it decides, or it decides
    // whether a later question that matters is shown.
    let n = rb.questions.len();
    let mut relevant = vec![false; n];
    for j in (i..n).rev() {
        let id = &rb.questions[j].id;
        let reads = |c: &Condition| {
            let mut found = false;
            c.questions(&mut |x| found |= x == id);
            found
        };
        relevant[j] = (decided.is_none() && is_read(rb, id))
            || shows(rb, id, tier, &lit)
            || (j + 1..n).any(|m| relevant[m] && rb.questions[m].show_if.as_ref().is_some_and(reads));
    }
    relevant[i]
}

/// Whether a result for `tier` (any tier when `None`) shows something the
/// answer to `q` decides: a measure of the plan, a material, a risk point, a
/// paper's sentence, a next step. A condition the answers so far (`k`)
/// already settle as false decides nothing, whatever `q` is.
fn shows(rb: &Rulebook, q: &QuestionId, tier: Option<&Tier>, k: &Knowledge) -> bool {
    let reads = |c: &Condition| {
        let mut found = false;
        c.questions(&mut |x| found |= x == q);
        found && eval(rb, c, k, None) != Tri::No
    };
    let plan = tier.is_none_or(|t| t.correction);
    let for_tier = |tiers: &[TierId]| tier.is_none_or(|t| tiers.is_empty() || tiers.contains(&t.id));
    (plan && rb.measures.iter().any(|m| m.required_when.as_ref().is_some_and(reads) || m.offer_when.as_ref().is_some_and(reads)))
        || rb.materials.iter().any(|m| for_tier(&m.tiers) && m.when.as_ref().is_some_and(reads))
        || rb.risks.iter().any(|r| reads(&r.when))
        || rb.documents.iter().any(|d| {
            (tier.is_none() || for_tier(&d.tiers))
                && d.sections.iter().flat_map(|s| &s.parts).any(|p| {
                    let named = crate::documents::part_reads(p, q);
                    match &p.when {
                        Some(c) => (named || reads(c)) && eval(rb, c, k, None) != Tri::No,
                        None => named,
                    }
                })
        })
        || rb.next_steps.iter().any(|n| tier.is_none_or(|t| t.next_steps.contains(&n.id)) && n.when.as_ref().is_some_and(reads))
}

/// The outcome of the stages on a settled (or partly settled) answer set.
struct Outcome {
    tier: Option<TierId>,
    stage: Stage,
    rules: Vec<RuleRef>,
    doubts: Vec<QuestionId>,
}

fn outcome(rb: &Rulebook, k: &Knowledge) -> Outcome {
    let els = elements(rb, k);
    let sc = score(rb, k);
    let facts = fact_range(rb, k, &els, &sc);
    let mut doubts = Vec::new();
    let branches = decide(rb, k, &facts, &mut doubts);
    let first = branches.first();
    let same = first.is_some_and(|f| branches.iter().all(|b| b.tier == f.tier));
    if !same {
        return Outcome { tier: None, stage: Stage::Unknown, rules: vec![], doubts };
    }
    let chosen = branches.iter().find(|b| b.sure).or(first).expect("checked above");
    Outcome { tier: Some(chosen.tier.clone()), stage: chosen.stage, rules: chosen.rules.clone(), doubts }
}

/// The facts over what is known, and every tier the stages may still reach
/// (one when the tier is decided). For the invariant checker.
/// Also the questions behind the rules that may or may not hold, those the
/// rules read directly first.
#[cfg_attr(not(feature = "toml"), allow(dead_code))]
pub(crate) fn fact_range_and_tiers<'a>(rb: &'a Rulebook, k: &Knowledge) -> (FactRange<'a>, Vec<TierId>, Vec<QuestionId>) {
    let els = elements(rb, k);
    let sc = score(rb, k);
    let facts = fact_range(rb, k, &els, &sc);
    let mut doubts = Vec::new();
    let mut tiers: Vec<TierId> = Vec::new();
    for b in decide(rb, k, &facts, &mut doubts) {
        if !tiers.contains(&b.tier) {
            tiers.push(b.tier);
        }
    }
    (facts, tiers, doubts)
}

/// The tier a finished run shows, as [`assess`] gives it, without the rest of the assessment.
pub fn final_tier(rb: &Rulebook, given: &Answers) -> TierId {
    let k = knowledge(rb, given, rb.questions.len());
    let tier = match outcome(rb, &k).tier {
        Some(t) => t,
        None => match resolve(rb, &k, &k.answers) {
            Some(Ok(t)) => t,
            _ => rb.outcome.unknown_tier.clone(),
        },
    };
    rb.shown_tier(rb.path_for(&k.answers).map(|p| &p.id), &tier)
}

/// The knowledge of a concrete answer set (everything settled).
fn settled(rb: &Rulebook, a: &Answers) -> Knowledge {
    let mut k = knowledge(rb, a, rb.questions.len());
    // Required questions left without an answer count as unanswered here.
    k.open.iter_mut().for_each(|o| *o = false);
    k
}

/// The tier of the settled stages for a concrete answer set.
fn tier_of(rb: &Rulebook, a: &Answers) -> Option<TierId> {
    outcome(rb, &settled(rb, a)).tier
}

/// Tries every concrete way the open answers read by the rules could settle.
/// `Some(Ok(tier))` when all agree, `Some(Err(matters))` naming the questions
/// whose answer alone changes the tier, `None` when there are too many ways.
fn resolve(rb: &Rulebook, k: &Knowledge, given: &Answers) -> Option<Result<TierId, Vec<QuestionId>>> {
    let open: Vec<(usize, Vec<Option<Answer>>)> = rb
        .questions
        .iter()
        .enumerate()
        .filter(|(i, q)| k.open[*i] && q.kind.is_choice() && is_read(rb, &q.id))
        .map(|(i, q)| (i, resolutions(q, !must_answer(q, k, i))))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    let n = open.iter().try_fold(1usize, |n, (_, r)| n.checked_mul(r.len()).filter(|n| *n <= MAX_RESOLUTIONS))?;
    let mut tiers: Vec<Option<TierId>> = Vec::with_capacity(n);
    for combo in 0..n {
        let mut a = given.clone();
        let mut rest = combo;
        for (i, r) in &open {
            let id = &rb.questions[*i].id;
            match &r[rest % r.len()] {
                Some(x) => a.set(id, x.clone()),
                None => {
                    a.remove(&id.0);
                }
            }
            rest /= r.len();
        }
        tiers.push(tier_of(rb, &a));
    }
    if tiers.iter().all(|t| t == &tiers[0]) {
        return tiers[0].clone().map(Ok);
    }
    // A question matters when changing only its answer changes the tier.
    let mut matters = Vec::new();
    let mut stride = 1;
    for (i, r) in &open {
        let size = r.len();
        let differs = (0..n).any(|c| {
            let digit = (c / stride) % size;
            let base = c - digit * stride;
            (0..size).any(|d| tiers[base + d * stride] != tiers[c])
        });
        if differs {
            matters.push(rb.questions[*i].id.clone());
        }
        stride *= size;
    }
    Some(Err(matters))
}

/// Whether a rule gives the same result as before on another answer set.
fn rule_holds(rb: &Rulebook, rule: &RuleRef, a: &Answers) -> bool {
    let k = settled(rb, a);
    let facts_of = || {
        let els = elements(rb, &k);
        let sc = score(rb, &k);
        (els, sc)
    };
    let yes = |c: &Condition, facts: Option<&FactRange<'_>>| eval(rb, c, &k, facts) == Tri::Yes;
    match rule {
        RuleRef::Scope(id) => rb.scope.iter().find(|s| &s.id == id).is_some_and(|s| yes(&s.when, None)),
        RuleRef::RedLine(id) => rb.red_lines.iter().find(|r| &r.id == id).is_some_and(|r| yes(&r.when, None)),
        // A track "holds" when it is still the one chosen.
        RuleRef::Track(id) => rb.tracks.iter().find(|t| yes(&t.when, None)).is_some_and(|t| &t.id == id),
        RuleRef::Distinction(id) => rb.distinctions.iter().find(|d| &d.id == id).is_some_and(|d| yes(&d.intolerable_when, None)),
        RuleRef::Decision(id) => {
            let (els, sc) = facts_of();
            let facts = fact_range(rb, &k, &els, &sc);
            // A row "holds" while its condition does (rows are grants and caps, not an order).
            rb.decisions.iter().find(|d| &d.id == id).is_some_and(|d| yes(&d.when, Some(&facts)))
        }
        RuleRef::Unknown => true,
    }
}

/// The questions whose answer decided a rule: those for which another
/// concrete answer changes the rule's result.
fn decisive(rb: &Rulebook, rule: &RuleRef, a: &Answers, k: &Knowledge) -> Vec<QuestionId> {
    let cond: Option<Vec<&Condition>> = match rule {
        RuleRef::Scope(id) => rb.scope.iter().find(|s| &s.id == id).map(|s| vec![&s.when]),
        RuleRef::RedLine(id) => rb.red_lines.iter().find(|r| &r.id == id).map(|r| vec![&r.when]),
        RuleRef::Track(_) => Some(rb.tracks.iter().map(|t| &t.when).collect()),
        RuleRef::Distinction(id) => rb.distinctions.iter().find(|d| &d.id == id).map(|d| vec![&d.intolerable_when]),
        RuleRef::Decision(_) => Some(rb.decisions.iter().map(|d| &d.when).collect()),
        RuleRef::Unknown => None,
    };
    let mut qs = Vec::new();
    for c in cond.unwrap_or_default() {
        behind(rb, c, &mut qs);
    }
    let qs = in_order(rb, qs.into_iter());
    // The questions that choose the path (after the fact, or planned work)
    // say which self-check this is, not why the outcome is what it is.
    let mut path_qs = Vec::new();
    for p in &rb.paths {
        behind(rb, &p.when, &mut path_qs);
    }
    let mut out = Vec::new();
    for id in qs {
        if path_qs.contains(&id) {
            continue;
        }
        let Some(i) = rb.question_index(&id.0) else { continue };
        // Only settled answers can be "behind" a rule; open ones are named elsewhere.
        if k.open[i] || k.shown[i] != Tri::Yes {
            continue;
        }
        let q = &rb.questions[i];
        let current = a.get(&id.0);
        let changes = resolutions(q, !q.required).into_iter().filter(|r| r.as_ref() != current).any(|r| {
            let mut b = a.clone();
            match r {
                Some(x) => b.set(&id, x),
                None => {
                    b.remove(&id.0);
                }
            }
            !rule_holds(rb, rule, &b)
        });
        if changes {
            out.push(id);
        }
    }
    out
}

/// What a decision reason found: elements not fully met, the score and the
/// factors that lost the most points.
fn decision_details(rb: &Rulebook, els: &[ElementResult], sc: &ScoreResult) -> Vec<Detail> {
    let mut out: Vec<Detail> = els
        .iter()
        .filter(|e| e.status != ElementStatus::Met)
        .map(|e| Detail::Element { element: e.id.clone(), status: e.status })
        .collect();
    if !sc.counted {
        return out;
    }
    out.push(Detail::Score { low: sc.milli, high: sc.best_milli, band: sc.band.clone() });
    let top = rb.score.bands.iter().max_by_key(|b| b.to).map(|b| &b.id);
    if sc.band.as_ref() != top {
        let mut lost: Vec<(&FactorResult, u32)> =
            sc.factors.iter().filter(|f| f.applies && f.grade.is_some()).map(|f| (f, f.max_milli.saturating_sub(f.milli))).collect();
        // Most lost first, ties in factor order.
        crate::text::sort_small(&mut lost, |a, b| a.1 < b.1);
        out.extend(lost.into_iter().filter(|(_, l)| *l > 0).take(2).map(|(f, l)| Detail::Lost { factor: f.id.clone(), milli: l }));
    }
    out
}

/// Assesses a finished run against a validated rulebook.
pub fn assess(rb: &Rulebook, given: &Answers) -> Assessment {
    assess_at(rb, given, rb.questions.len())
}

/// Assesses a run whose answers are settled up to question `next` (the
/// questions from `next` on are still to come): the tier is given whenever
/// it is already decided, otherwise the not-enough-information tier.
pub fn assess_at(rb: &Rulebook, given: &Answers, next: usize) -> Assessment {
    let mut issues = Vec::new();
    let shown = visible(rb, given);
    for (id, a) in given.iter() {
        match rb.question_index(&id.0) {
            None => issues.push(AnswerIssue::UnknownQuestion(id.0.clone())),
            Some(i) if !a.fits(&rb.questions[i]) => issues.push(AnswerIssue::DoesNotFit(id.clone())),
            Some(i) if !shown[i] => issues.push(AnswerIssue::Hidden(id.clone())),
            Some(_) => {}
        }
    }
    let k = knowledge(rb, given, next);
    for (i, q) in rb.questions.iter().enumerate() {
        if i < next
            && k.shown[i] == Tri::Yes
            && q.required
            && given.get(&q.id.0).is_none_or(|a| !a.fits(q) || a.is_blank())
            && matters(rb, given, i)
        {
            issues.push(AnswerIssue::Missing(q.id.clone()));
        }
    }
    let els = elements(rb, &k);
    let sc = score(rb, &k);
    let a = k.answers.clone();

    let first = outcome(rb, &k);
    let unknown_tier = rb.outcome.unknown_tier.clone();
    let (tier, stage, rules, unknowns) = match first.tier {
        Some(t) => (t, first.stage, first.rules, vec![]),
        None => match resolve(rb, &k, &a) {
            Some(Ok(t)) => {
                // Decided after all: the reasons are those of the settled stages under any resolution.
                let o = outcome(rb, &settled(rb, &a));
                (t, if o.tier.is_some() { o.stage } else { Stage::Decision }, o.rules, vec![])
            }
            Some(Err(matters)) if !matters.is_empty() => {
                // Name the questions the user has seen; one hidden behind an open answer comes second.
                let seen: Vec<QuestionId> =
                    matters.iter().filter(|q| rb.question_index(&q.0).is_some_and(|i| k.shown[i] == Tri::Yes)).cloned().collect();
                (unknown_tier, Stage::Unknown, vec![RuleRef::Unknown], if seen.is_empty() { matters } else { seen })
            }
            _ => {
                let qs = in_order(rb, first.doubts.into_iter().filter(|q| rb.question_index(&q.0).is_some_and(|i| k.open[i])));
                (unknown_tier, Stage::Unknown, vec![RuleRef::Unknown], qs)
            }
        },
    };
    // What the elements and the score found goes with the first decision reason only.
    let first_row = rules.iter().position(|r| matches!(r, RuleRef::Decision(_)));
    let reasons: Vec<Reason> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| Reason {
            rule: r.clone(),
            questions: if *r == RuleRef::Unknown { unknowns.clone() } else { decisive(rb, r, &a, &k) },
            details: if Some(i) == first_row { decision_details(rb, &els, &sc) } else { vec![] },
        })
        .collect();

    let red_lines: Vec<Reason> = rb
        .red_lines
        .iter()
        .filter(|r| eval(rb, &r.when, &k, None) == Tri::Yes)
        .map(|r| {
            let rule = RuleRef::RedLine(r.id.clone());
            Reason { questions: decisive(rb, &rule, &a, &k), rule, details: vec![] }
        })
        .collect();
    // Possible only through an answer given as "not sure": a red line whose
    // question has not been asked yet (an early outcome) is not named.
    let given_unsure = |r: &crate::model::RedLine| {
        let mut qs = Vec::new();
        behind(rb, &r.when, &mut qs);
        qs.iter()
            .any(|id| rb.question_index(&id.0).is_some_and(|i| shown[i] && given.get(&id.0).is_some_and(|x| x.is_unsure(&rb.questions[i]))))
    };
    let possible_red_lines =
        rb.red_lines.iter().filter(|r| eval(rb, &r.when, &k, None) == Tri::Maybe && given_unsure(r)).map(|r| r.id.clone()).collect();

    let get = |id: &str| a.get(id);
    let track_def = rb.tracks.iter().find(|t| eval(rb, &t.when, &k, None) == Tri::Yes);
    let distinctions = rb
        .distinctions
        .iter()
        .map(|d| {
            let mut qs = Vec::new();
            behind(rb, &d.tolerable_when, &mut qs);
            behind(rb, &d.intolerable_when, &mut qs);
            let questions = in_order(rb, qs.into_iter());
            let side = if track_def.is_some_and(|t| !t.distinctions_apply) {
                Side::NotApplicable
            } else {
                match (eval(rb, &d.intolerable_when, &k, None), eval(rb, &d.tolerable_when, &k, None)) {
                    (Tri::Yes, _) => Side::Intolerable,
                    (Tri::Maybe, _) | (_, Tri::Maybe) => Side::Unknown,
                    (Tri::No, Tri::Yes) => Side::Tolerable,
                    (Tri::No, Tri::No) => Side::Neither,
                }
            };
            DistinctionResult { id: d.id.clone(), side, questions }
        })
        .collect();

    // On a path with outcomes of its own, the tier reached is shown as that path's tier.
    let path = rb.path_for(&a).map(|p| p.id.clone());
    let tier = rb.shown_tier(path.as_ref(), &tier);
    let lit = k.literal(rb);
    let required = |m: &Measure| m.required_when.as_ref().is_some_and(|c| holds_with(c, &get, None));
    let offered = |m: &Measure| m.offer_when.as_ref().is_none_or(|c| holds_with(c, &get, None));
    let measures = rb.measures.iter().filter(|m| required(m)).map(|m| m.id.clone()).collect();
    let optional_measures = rb.measures.iter().filter(|m| !required(m) && offered(m)).map(|m| m.id.clone()).collect();
    let materials = rb
        .materials
        .iter()
        .filter(|m| m.tiers.is_empty() || m.tiers.contains(&tier))
        .filter(|m| m.when.as_ref().is_none_or(|c| holds_with(c, &get, None)))
        .map(|m| m.id.clone())
        .collect();
    let next_steps = rb
        .tier(&tier.0)
        .map(|t| {
            t.next_steps
                .iter()
                .filter(|id| {
                    rb.next_steps
                        .iter()
                        .find(|n| &n.id == *id)
                        .is_some_and(|n| n.when.as_ref().is_none_or(|c| eval(rb, c, &lit, None) == Tri::Yes))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let clashes = rb.consistency.iter().filter(|c| eval(rb, &c.when, &k, None) == Tri::Yes).map(|c| c.id.clone()).collect();
    let changes = if next >= rb.questions.len() { changes(rb, &a, &k, &tier, path.as_ref()) } else { vec![] };
    let risks = rb.risks.iter().filter(|r| eval(rb, &r.when, &lit, None) == Tri::Yes).map(|r| r.id.clone()).collect();

    Assessment {
        reasons,
        stage,
        unknowns,
        red_lines,
        possible_red_lines,
        track: track_def.map(|t| t.id.clone()),
        distinctions,
        elements: els,
        score: sc,
        measures,
        optional_measures,
        materials,
        next_steps,
        changes,
        clashes,
        path,
        risks,
        issues,
        tier,
    }
}

/// The consistency checks a finished run's answers fail (for the check page,
/// without the rest of the assessment).
pub fn clashes(rb: &Rulebook, given: &Answers) -> Vec<ConsistencyId> {
    let k = knowledge(rb, given, rb.questions.len());
    rb.consistency.iter().filter(|c| eval(rb, &c.when, &k, None) == Tri::Yes).map(|c| c.id.clone()).collect()
}

/// The things the cadre can still do that lead to a more favourable tier:
/// answers to shown questions whose options carry an `action`, each tried
/// alone. Tiers are listed in the rulebook from the most favourable; the
/// not-enough-information tier is never an improvement.
fn changes(rb: &Rulebook, a: &Answers, k: &Knowledge, tier: &TierId, path: Option<&PathId>) -> Vec<Change> {
    let rank = |t: &TierId| rb.tiers.iter().position(|x| &x.id == t).unwrap_or(usize::MAX);
    let now = rank(tier);
    let mut out = Vec::new();
    for (i, q) in rb.questions.iter().enumerate() {
        if k.shown[i] != Tri::Yes || !q.options.iter().any(|o| o.action.is_some()) {
            continue;
        }
        for o in q.options.iter().filter(|o| o.action.is_some()) {
            let answer = if q.kind == QuestionKind::Multi { Answer::Choices(vec![o.id.clone()]) } else { Answer::Choice(o.id.clone()) };
            if a.get(&q.id.0) == Some(&answer) {
                continue;
            }
            let mut b = a.clone();
            b.set(&q.id, answer);
            let kb = knowledge(rb, &b, rb.questions.len());
            if let Some(t) = outcome(rb, &kb).tier.filter(|t| *t != rb.outcome.unknown_tier).map(|t| rb.shown_tier(path, &t))
                && rank(&t) < now
            {
                out.push(Change { question: q.id.clone(), option: o.id.clone(), tier: t });
            }
        }
    }
    out
}

/// The tier a run has already reached at question `next`, when it is decided
/// whatever the questions still to come are answered, and the rulebook says
/// a run stops there. The flow then shows the outcome at once.
pub fn decided_early(rb: &Rulebook, given: &Answers, next: usize) -> Option<TierId> {
    let k = knowledge(rb, given, next);
    let t = outcome(rb, &k).tier?;
    let t = rb.shown_tier(rb.path_for(&k.answers).map(|p| &p.id), &t);
    rb.tier(&t.0).filter(|x| x.stop_early && t != rb.outcome.unknown_tier).map(|x| x.id.clone())
}
