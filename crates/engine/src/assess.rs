//! The assessment: from a validated rulebook and an answer set to an
//! explained indication. Pure, deterministic and total: any answer set,
//! including answers to unknown or hidden questions, gives exactly one tier.
//!
//! The stages run in a fixed order, their contents come from the rulebook:
//! scope → red lines → task track → the three distinctions → decision table
//! (over the constituent elements and the score band). "Not sure" answers are
//! never guessed: every concrete resolution of them is tried, and when the
//! tier depends on which one is true the result is the rulebook's
//! not-enough-information tier, naming the questions that matter.

use super::answers::{Answer, Answers};
use super::condition::{Facts, effective, holds_with, visible};
use super::model::*;

/// Resolutions of "not sure" answers tried before giving up and naming them all.
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

/// A step of the reasons trace: a rule and the answers behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Reason {
    pub rule: RuleRef,
    /// The questions whose answers made the rule apply, in rulebook order.
    pub questions: Vec<QuestionId>,
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
    /// Points from concrete answers.
    pub points: u32,
    /// Points if every unknown answer were the best one.
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
    /// The grade from the answer; `None` when unknown or not applicable.
    pub grade: Option<u32>,
    /// False when the question is hidden for these answers (weight redistributed).
    pub applies: bool,
    /// Contribution to the total, in thousandths of a point.
    pub milli: u32,
    /// Greatest possible contribution, in thousandths of a point.
    pub max_milli: u32,
}

/// The weighted score with its breakdown (0–100, kept in thousandths).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ScoreResult {
    /// Score from concrete answers (unknown grades count as 0).
    pub milli: u32,
    /// Score if every unknown grade were the best one.
    pub best_milli: u32,
    pub factors: Vec<FactorResult>,
    /// The band, when the unknown answers cannot move the score across a boundary.
    pub band: Option<BandId>,
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

/// The whole result of a self-check.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Assessment {
    pub tier: TierId,
    /// The reasons trace, in the order the rules were applied.
    pub reasons: Vec<Reason>,
    /// When the tier is the not-enough-information tier: the questions whose answers would decide.
    pub unknowns: Vec<QuestionId>,
    /// Red lines hit by the concrete answers.
    pub red_lines: Vec<Reason>,
    /// Red lines that would be hit if some "not sure" answer were resolved a certain way.
    pub possible_red_lines: Vec<RedLineId>,
    pub track: Option<TrackId>,
    pub distinctions: Vec<DistinctionResult>,
    pub elements: Vec<ElementResult>,
    pub score: ScoreResult,
    /// Correction measures required by the answers.
    pub measures: Vec<MeasureId>,
    pub materials: Vec<MaterialId>,
    pub next_steps: Vec<NextStepId>,
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

/// Questions behind a condition that have an answer, in rulebook order, without repeats.
fn answered_behind(rb: &Rulebook, c: &Condition, a: &Answers) -> Vec<QuestionId> {
    let mut qs = Vec::new();
    behind(rb, c, &mut qs);
    in_order(rb, qs.into_iter().filter(|q| a.get(&q.0).is_some()))
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

fn status_for(e: &Element, points: u32) -> ElementStatus {
    if points >= e.met_at {
        ElementStatus::Met
    } else if points >= e.partly_at {
        ElementStatus::Partly
    } else {
        ElementStatus::NotMet
    }
}

/// Whether a shown question's answer is unknown ("not sure", or missing).
fn is_unknown(q: &Question, a: Option<&Answer>) -> bool {
    match a {
        None => true,
        Some(a) => a.is_unsure(q),
    }
}

fn elements(rb: &Rulebook, a: &Answers, shown: &[bool]) -> Vec<ElementResult> {
    rb.elements
        .iter()
        .map(|e| {
            let (mut points, mut best) = (0, 0);
            for c in &e.counts {
                let Some(i) = rb.question_index(&c.question.0) else { continue };
                let q = &rb.questions[i];
                if !shown[i] {
                    continue;
                }
                let ans = a.get(&c.question.0);
                let got = if is_unknown(q, ans) { 0 } else { points_of(&c.points, ans) };
                points += got;
                best += if is_unknown(q, ans) { best_points(q, &c.points) } else { got };
            }
            let (lo, hi) = (status_for(e, points), status_for(e, best));
            ElementResult {
                id: e.id.clone(),
                status: if lo == hi { lo } else { ElementStatus::Unknown },
                points,
                best_points: best,
                met_at: e.met_at,
                partly_at: e.partly_at,
                questions: in_order(rb, e.counts.iter().map(|c| c.question.clone())),
            }
        })
        .collect()
}

fn band_of(rb: &Rulebook, milli: u32) -> Option<&BandId> {
    rb.score.bands.iter().find(|b| milli >= b.from * 1000 && (milli < b.to * 1000 || (b.to == 100 && milli == 100_000))).map(|b| &b.id)
}

fn score(rb: &Rulebook, a: &Answers, shown: &[bool]) -> ScoreResult {
    let g = rb.score.grade_max.max(1) as u64;
    let applies = |f: &Factor| rb.question_index(&f.question.0).is_some_and(|i| shown[i]);
    let total_w: u64 = rb.factors.iter().filter(|f| applies(f)).map(|f| f.weight as u64).sum();
    let scale = |w: u32, grade: u32| -> u32 { if total_w == 0 { 0 } else { (w as u64 * grade as u64 * 100_000 / (g * total_w)) as u32 } };
    let mut factors = Vec::new();
    let (mut num, mut best_num) = (0u64, 0u64);
    for f in &rb.factors {
        let q = rb.question(&f.question.0);
        let on = applies(f);
        let ans = a.get(&f.question.0);
        let grade = match q {
            Some(q) if on && !is_unknown(q, ans) => Some(points_of(&f.grades, ans)),
            _ => None,
        };
        let best = q.map_or(0, |q| best_points(q, &f.grades));
        if on {
            num += f.weight as u64 * grade.unwrap_or(0) as u64;
            best_num += f.weight as u64 * grade.unwrap_or(best) as u64;
        }
        factors.push(FactorResult {
            id: f.id.clone(),
            question: f.question.clone(),
            weight: f.weight,
            grade,
            applies: on,
            milli: if on { scale(f.weight, grade.unwrap_or(0)) } else { 0 },
            max_milli: if on { scale(f.weight, rb.score.grade_max) } else { 0 },
        });
    }
    let total = |n: u64| if total_w == 0 { 0 } else { (n * 100_000 / (g * total_w)) as u32 };
    let (milli, best_milli) = (total(num), total(best_num));
    let (lo, hi) = (band_of(rb, milli), band_of(rb, best_milli));
    ScoreResult { milli, best_milli, factors, band: if lo == hi { lo.cloned() } else { None } }
}

/// The outcome of the staged rules on one answer set.
struct Decided {
    tier: TierId,
    reasons: Vec<Reason>,
    red_lines: Vec<RedLineId>,
}

/// Runs the stages on effective answers. `None` when the track is unknown.
fn decide(rb: &Rulebook, a: &Answers) -> Option<Decided> {
    let get = |id: &str| a.get(id);
    let reason = |rule, c: &Condition| Reason { rule, questions: answered_behind(rb, c, a) };
    for s in &rb.scope {
        if holds_with(&s.when, &get, None) {
            return Some(Decided { tier: s.tier.clone(), reasons: vec![reason(RuleRef::Scope(s.id.clone()), &s.when)], red_lines: vec![] });
        }
    }
    let hits: Vec<&RedLine> = rb.red_lines.iter().filter(|r| holds_with(&r.when, &get, None)).collect();
    if let Some(first) = hits.first() {
        return Some(Decided {
            tier: first.tier.clone(),
            reasons: hits.iter().map(|r| reason(RuleRef::RedLine(r.id.clone()), &r.when)).collect(),
            red_lines: hits.iter().map(|r| r.id.clone()).collect(),
        });
    }
    let track = rb.tracks.iter().find(|t| holds_with(&t.when, &get, None))?;
    let mut reasons = vec![reason(RuleRef::Track(track.id.clone()), &track.when)];
    if let Some(tier) = &track.tier {
        return Some(Decided { tier: tier.clone(), reasons, red_lines: vec![] });
    }
    if track.distinctions_apply {
        for d in &rb.distinctions {
            if holds_with(&d.intolerable_when, &get, None) {
                reasons.push(reason(RuleRef::Distinction(d.id.clone()), &d.intolerable_when));
                return Some(Decided { tier: d.tier.clone(), reasons, red_lines: vec![] });
            }
        }
    }
    let shown = visible(rb, a);
    let els = elements(rb, a, &shown);
    let sc = score(rb, a, &shown);
    let facts = Facts {
        elements: rb.elements.iter().zip(&els).map(|(e, r)| (&e.id, r.status)).collect(),
        band: sc.band.as_ref().and_then(|b| rb.score.bands.iter().map(|x| &x.id).find(|x| *x == b)),
    };
    let row = rb.decisions.iter().find(|d| holds_with(&d.when, &get, Some(&facts)))?;
    reasons.push(reason(RuleRef::Decision(row.id.clone()), &row.when));
    Some(Decided { tier: row.tier.clone(), reasons, red_lines: vec![] })
}

/// The concrete answers a "not sure" or missing answer could stand for.
fn resolutions(q: &Question) -> Vec<Answer> {
    let concrete: Vec<&Choice> = q.options.iter().filter(|o| !o.unsure).collect();
    match q.kind {
        QuestionKind::Multi => {
            let mut out: Vec<Answer> = concrete.iter().map(|o| Answer::Choices(vec![o.id.clone()])).collect();
            let all: Vec<OptionId> = concrete.iter().filter(|o| !o.exclusive).map(|o| o.id.clone()).collect();
            if all.len() > 1 {
                out.push(Answer::Choices(all));
            }
            out
        }
        _ => concrete.iter().map(|o| Answer::Choice(o.id.clone())).collect(),
    }
}

/// True when the question is read by any rule, element or factor.
fn is_decisive(rb: &Rulebook, q: &QuestionId) -> bool {
    let mut found = false;
    let mut check = |c: &Condition| c.questions(&mut |x| found |= x == q);
    rb.scope.iter().for_each(|s| check(&s.when));
    rb.red_lines.iter().for_each(|r| check(&r.when));
    rb.tracks.iter().for_each(|t| check(&t.when));
    rb.distinctions.iter().for_each(|d| {
        check(&d.tolerable_when);
        check(&d.intolerable_when);
    });
    found || rb.elements.iter().any(|e| e.counts.iter().any(|c| &c.question == q)) || rb.factors.iter().any(|f| &f.question == q)
}

/// Assesses an answer set against a validated rulebook.
pub fn assess(rb: &Rulebook, given: &Answers) -> Assessment {
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
    let a = effective(rb, given);
    let shown = visible(rb, &a);
    for (i, q) in rb.questions.iter().enumerate() {
        if shown[i] && q.required && a.get(&q.id.0).is_none() {
            issues.push(AnswerIssue::Missing(q.id.clone()));
        }
    }
    let get = |id: &str| a.get(id);

    // Unknown answers that could matter, and every concrete resolution of them.
    let unknown: Vec<(usize, Vec<Answer>)> = rb
        .questions
        .iter()
        .enumerate()
        .filter(|(i, q)| shown[*i] && q.kind.is_choice() && is_unknown(q, a.get(&q.id.0)) && is_decisive(rb, &q.id))
        .map(|(i, q)| (i, resolutions(q)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    let combos = unknown.iter().try_fold(1usize, |n, (_, r)| n.checked_mul(r.len()).filter(|n| *n <= MAX_RESOLUTIONS));

    let unknown_tier = rb.outcome.unknown_tier.clone();
    let mut possible_red_lines: Vec<RedLineId> = Vec::new();
    let (tier, reasons, unknowns) = match combos {
        None => {
            let qs: Vec<QuestionId> = unknown.iter().map(|(i, _)| rb.questions[*i].id.clone()).collect();
            (unknown_tier, vec![Reason { rule: RuleRef::Unknown, questions: qs.clone() }], qs)
        }
        Some(n) => {
            let mut outcomes: Vec<Option<Decided>> = Vec::with_capacity(n);
            for k in 0..n {
                let mut resolved = a.clone();
                let mut rest = k;
                for (i, r) in &unknown {
                    resolved.set(&rb.questions[*i].id, r[rest % r.len()].clone());
                    rest /= r.len();
                }
                let d = decide(rb, &effective(rb, &resolved));
                if let Some(d) = &d {
                    for r in &d.red_lines {
                        if !possible_red_lines.contains(r) {
                            possible_red_lines.push(r.clone());
                        }
                    }
                }
                outcomes.push(d);
            }
            let tier_of = |k: usize| outcomes[k].as_ref().map(|d| &d.tier);
            let same = (1..n).all(|k| tier_of(k) == tier_of(0));
            match (same, outcomes.first().and_then(|d| d.as_ref())) {
                (true, Some(first)) => {
                    // The reasons that hold however the unknown answers resolve.
                    let all: Vec<&Decided> = outcomes.iter().flatten().collect();
                    let mut reasons: Vec<Reason> =
                        first.reasons.iter().filter(|r| all.iter().all(|d| d.reasons.contains(r))).cloned().collect();
                    if reasons.iter().all(|r| matches!(r.rule, RuleRef::Track(_))) {
                        reasons = first.reasons.clone();
                    }
                    (first.tier.clone(), reasons, vec![])
                }
                _ => {
                    // A question matters when changing only its answer changes the tier.
                    let mut matters = Vec::new();
                    let mut stride = 1;
                    for (i, r) in &unknown {
                        let size = r.len();
                        let differs = (0..n).any(|k| {
                            let digit = (k / stride) % size;
                            let base = k - digit * stride;
                            (0..size).any(|d| tier_of(base + d * stride) != tier_of(k))
                        });
                        if differs {
                            matters.push(rb.questions[*i].id.clone());
                        }
                        stride *= size;
                    }
                    if matters.is_empty() {
                        matters = unknown.iter().map(|(i, _)| rb.questions[*i].id.clone()).collect();
                    }
                    (unknown_tier, vec![Reason { rule: RuleRef::Unknown, questions: matters.clone() }], matters)
                }
            }
        }
    };

    let red_lines: Vec<Reason> = rb
        .red_lines
        .iter()
        .filter(|r| holds_with(&r.when, &get, None))
        .map(|r| Reason { rule: RuleRef::RedLine(r.id.clone()), questions: answered_behind(rb, &r.when, &a) })
        .collect();
    possible_red_lines.retain(|p| !red_lines.iter().any(|r| r.rule == RuleRef::RedLine(p.clone())));

    let track_def = rb.tracks.iter().find(|t| holds_with(&t.when, &get, None));
    let distinctions = rb
        .distinctions
        .iter()
        .map(|d| {
            let mut qs = Vec::new();
            behind(rb, &d.tolerable_when, &mut qs);
            behind(rb, &d.intolerable_when, &mut qs);
            let questions = in_order(rb, qs.into_iter());
            let open =
                questions.iter().any(|q| rb.question_index(&q.0).is_some_and(|i| shown[i] && is_unknown(&rb.questions[i], a.get(&q.0))));
            let side = if track_def.is_some_and(|t| !t.distinctions_apply) {
                Side::NotApplicable
            } else if holds_with(&d.intolerable_when, &get, None) {
                Side::Intolerable
            } else if open {
                Side::Unknown
            } else if holds_with(&d.tolerable_when, &get, None) {
                Side::Tolerable
            } else {
                Side::Neither
            };
            DistinctionResult { id: d.id.clone(), side, questions }
        })
        .collect();

    let measures =
        rb.measures.iter().filter(|m| m.required_when.as_ref().is_some_and(|c| holds_with(c, &get, None))).map(|m| m.id.clone()).collect();
    let materials =
        rb.materials.iter().filter(|m| m.when.as_ref().is_none_or(|c| holds_with(c, &get, None))).map(|m| m.id.clone()).collect();
    let next_steps = rb.tier(&tier.0).map(|t| t.next_steps.clone()).unwrap_or_default();

    Assessment {
        reasons,
        unknowns,
        red_lines,
        possible_red_lines,
        track: track_def.map(|t| t.id.clone()),
        distinctions,
        elements: elements(rb, &a, &shown),
        score: score(rb, &a, &shown),
        measures,
        materials,
        next_steps,
        issues,
        tier,
    }
}
