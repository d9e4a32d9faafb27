//! Conditions on answers and derived facts: evaluating them, and which
//! questions the answers make visible. Shared by the assessment, the run
//! state and validation.

use super::answers::{Answer, Answers};
use super::model::{BandId, Condition, ElementId, ElementStatus, RiskId, Rulebook, TierId};

/// Derived facts that decision rows read.
pub struct Facts<'a> {
    pub elements: Vec<(&'a ElementId, ElementStatus)>,
    pub band: Option<&'a BandId>,
}

/// Evaluates a condition. Atoms on facts read false when `facts` is `None`.
pub fn holds_with<'a>(c: &Condition, get: &dyn Fn(&str) -> Option<&'a Answer>, facts: Option<&Facts<'_>>) -> bool {
    match c {
        Condition::Always => true,
        Condition::Is { question, option } => match get(&question.0) {
            Some(Answer::Choice(o)) => o == option,
            Some(Answer::Choices(os)) => os.contains(option),
            _ => false,
        },
        Condition::In { question, options } => match get(&question.0) {
            Some(Answer::Choice(o)) => options.contains(o),
            Some(Answer::Choices(os)) => os.iter().any(|o| options.contains(o)),
            _ => false,
        },
        Condition::Answered { question } => get(&question.0).is_some_and(|a| !a.is_blank()),
        Condition::Element { element, statuses } => {
            facts.is_some_and(|f| f.elements.iter().any(|(id, st)| *id == element && statuses.contains(st)))
        }
        Condition::Band { bands } => facts.is_some_and(|f| f.band.is_some_and(|b| bands.contains(b))),
        // Read only where the three-valued evaluation runs (decision rows, invariants).
        Condition::Tier { .. } | Condition::Risk { .. } | Condition::Plan => false,
        Condition::All(cs) => cs.iter().all(|c| holds_with(c, get, facts)),
        Condition::Any(cs) => cs.iter().any(|c| holds_with(c, get, facts)),
        Condition::Not(c) => !holds_with(c, get, facts),
    }
}

/// Evaluates a condition that reads answers only (facts read as false).
pub fn holds<'a>(c: &Condition, get: &dyn Fn(&str) -> Option<&'a Answer>) -> bool {
    holds_with(c, get, None)
}

/// Which questions are shown, in rulebook order, for these answers.
///
/// A question is shown when its condition holds on the answers to the earlier
/// questions that are themselves shown; answers to hidden questions are ignored.
pub fn visible(rb: &Rulebook, answers: &Answers) -> Vec<bool> {
    let mut shown = vec![false; rb.questions.len()];
    for (i, q) in rb.questions.iter().enumerate() {
        shown[i] = match &q.show_if {
            None => true,
            Some(c) => {
                let get = |id: &str| {
                    let j = rb.question_index(id)?;
                    if j < i && shown[j] { answers.get(id) } else { None }
                };
                holds(c, &get)
            }
        };
    }
    shown
}

/// The answers that count: only those to shown questions that fit their question.
pub fn effective(rb: &Rulebook, answers: &Answers) -> Answers {
    let shown = visible(rb, answers);
    let mut out = Answers::default();
    for (i, q) in rb.questions.iter().enumerate() {
        if shown[i]
            && let Some(a) = answers.get(&q.id.0)
            && a.fits(q)
            && !a.is_blank()
        {
            out.set(&q.id, a.clone());
        }
    }
    out
}

/// A truth value that may not be known yet: the answers read may still be
/// open (not given yet, "not sure", or on a question that may not be shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tri {
    Yes,
    No,
    #[default]
    Maybe,
}

impl Tri {
    fn of(b: bool) -> Tri {
        if b { Tri::Yes } else { Tri::No }
    }

    fn not(self) -> Tri {
        match self {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Maybe => Tri::Maybe,
        }
    }
}

/// What is known of a run's answers: for each question, whether it is shown
/// (perhaps not known yet) and whether its answer is settled. An open
/// question may still get any of its options, or none.
#[derive(Clone, Debug)]
pub struct Knowledge {
    /// The settled answers: to questions certainly shown, concrete (not "not sure").
    pub answers: Answers,
    /// The "not sure" answers to questions certainly shown (open for the rules).
    pub unsure: Answers,
    /// Per question, in rulebook order: whether it is shown.
    pub shown: Vec<Tri>,
    /// Per question: whether its answer is still open.
    pub open: Vec<bool>,
    /// The answers as given, and which questions were passed: what
    /// [`Knowledge::literal`] reads again.
    given: Answers,
    passed: Vec<bool>,
    literal: bool,
}

impl Knowledge {
    /// The settled answer to a question, if any.
    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.answers.get(id)
    }

    fn is_open(&self, rb: &Rulebook, id: &str) -> bool {
        rb.question_index(id).is_some_and(|i| self.open[i])
    }

    /// The answers taken literally: a "not sure" answer counts as what it
    /// is, an answer of its own, not as an open question. Risk points and
    /// invariants read answers this way ("not sure whether superiors
    /// restrict it" is itself a risk to clear up).
    pub fn literal(&self, rb: &Rulebook) -> Knowledge {
        if self.literal || self.unsure.is_empty() {
            return self.clone();
        }
        know(rb, &self.given, &|i| self.passed.get(i).copied().unwrap_or(false), true)
    }
}

/// What the answers settle. Questions before `next` that were left without
/// an answer are settled as unanswered (optional ones, passed by); required
/// ones, questions at or after `next` and "not sure" answers stay open. With
/// `next` past the last question this is the knowledge of a finished run.
pub fn knowledge(rb: &Rulebook, given: &Answers, next: usize) -> Knowledge {
    knowledge_where(rb, given, &|i| i < next)
}

/// What the answers settle, where `passed(i)` tells whether question `i`
/// has been passed: an optional question passed without an answer is
/// settled as unanswered; any other question without an answer stays open.
pub fn knowledge_where(rb: &Rulebook, given: &Answers, passed: &dyn Fn(usize) -> bool) -> Knowledge {
    know(rb, given, passed, false)
}

fn know(rb: &Rulebook, given: &Answers, passed: &dyn Fn(usize) -> bool, literal: bool) -> Knowledge {
    let n = rb.questions.len();
    let mut k = Knowledge {
        answers: Answers::default(),
        unsure: Answers::default(),
        shown: vec![Tri::No; n],
        open: vec![false; n],
        given: given.clone(),
        passed: (0..n).map(passed).collect(),
        literal,
    };
    for (i, q) in rb.questions.iter().enumerate() {
        let shown = match &q.show_if {
            None => Tri::Yes,
            Some(c) => eval_known(rb, c, &k, None, i),
        };
        k.shown[i] = shown;
        let answer = given.get(&q.id.0).filter(|a| a.fits(q) && !a.is_blank());
        match (shown, answer) {
            (Tri::No, _) => {}
            (Tri::Yes, Some(a)) if literal || !a.is_unsure(q) => k.answers.set(&q.id, a.clone()),
            (Tri::Yes, Some(a)) => {
                k.unsure.set(&q.id, a.clone());
                k.open[i] = true;
            }
            (Tri::Yes, None) if passed(i) && !q.required => {}
            _ => k.open[i] = true,
        }
    }
    k
}

/// The possible values of the derived facts: for each element the statuses
/// it may have, the score bands the score may fall in, whether each risk
/// point is listed and, for invariants, the tiers that may be shown and
/// whether the correction plan may be offered.
#[derive(Clone, Debug, Default)]
pub struct FactRange<'a> {
    pub elements: Vec<(&'a ElementId, Vec<ElementStatus>)>,
    pub bands: Vec<&'a BandId>,
    /// Whether there may be no score at all (no factor counting).
    pub no_score_possible: bool,
    pub risks: Vec<(&'a RiskId, Tri)>,
    /// The tiers that may be shown; `None` where the tier is not known yet
    /// (while it is being worked out).
    pub tiers: Option<Vec<&'a TierId>>,
    pub plan: Tri,
}

fn among<T: PartialEq>(possible: &[T], wanted: &[T]) -> Tri {
    let hits = possible.iter().filter(|p| wanted.contains(p)).count();
    if possible.is_empty() || hits == 0 {
        Tri::No
    } else if hits == possible.len() {
        Tri::Yes
    } else {
        Tri::Maybe
    }
}

/// Evaluates a condition on what is known, reading only questions before
/// `before` (for show-conditions) when given.
fn eval_known(rb: &Rulebook, c: &Condition, k: &Knowledge, facts: Option<&FactRange<'_>>, before: usize) -> Tri {
    let open = |q: &str| rb.question_index(q).is_some_and(|i| i < before && k.open[i]);
    eval_with(c, k, &open, facts)
}

/// Evaluates a condition on what is known (Kleene's three-valued logic):
/// `Yes` or `No` only when every way the open answers could settle agrees.
pub fn eval(rb: &Rulebook, c: &Condition, k: &Knowledge, facts: Option<&FactRange<'_>>) -> Tri {
    eval_with(c, k, &|q| k.is_open(rb, q), facts)
}

fn eval_with(c: &Condition, k: &Knowledge, open: &dyn Fn(&str) -> bool, facts: Option<&FactRange<'_>>) -> Tri {
    match c {
        Condition::Is { question, .. } | Condition::In { question, .. } | Condition::Answered { question } if open(&question.0) => {
            Tri::Maybe
        }
        Condition::Element { element, statuses } => match facts.and_then(|f| f.elements.iter().find(|(id, _)| *id == element)) {
            Some((_, possible)) => among(possible, statuses),
            None => Tri::No,
        },
        Condition::Band { bands } => match facts {
            // With no score at all (no factor counts) no band holds.
            Some(f) => match among(&f.bands.iter().map(|b| (*b).clone()).collect::<Vec<_>>(), bands) {
                Tri::Yes if f.no_score_possible => Tri::Maybe,
                v => v,
            },
            None => Tri::No,
        },
        Condition::Risk { risk } => match facts {
            Some(f) => {
                let mut out = Tri::No;
                for (_, v) in f.risks.iter().filter(|(id, _)| risk.as_ref().is_none_or(|r| r == *id)) {
                    match v {
                        Tri::Yes => return Tri::Yes,
                        Tri::Maybe => out = Tri::Maybe,
                        Tri::No => {}
                    }
                }
                out
            }
            None => Tri::No,
        },
        Condition::Tier { tiers } => match facts.and_then(|f| f.tiers.as_ref()) {
            Some(possible) => among(&possible.iter().map(|t| (*t).clone()).collect::<Vec<_>>(), tiers),
            None => Tri::Maybe,
        },
        Condition::Plan => facts.map_or(Tri::Maybe, |f| f.plan),
        Condition::All(cs) => {
            let mut out = Tri::Yes;
            for c in cs {
                match eval_with(c, k, open, facts) {
                    Tri::No => return Tri::No,
                    Tri::Maybe => out = Tri::Maybe,
                    Tri::Yes => {}
                }
            }
            out
        }
        Condition::Any(cs) => {
            let mut out = Tri::No;
            for c in cs {
                match eval_with(c, k, open, facts) {
                    Tri::Yes => return Tri::Yes,
                    Tri::Maybe => out = Tri::Maybe,
                    Tri::No => {}
                }
            }
            out
        }
        Condition::Not(c) => eval_with(c, k, open, facts).not(),
        // Atoms on settled answers.
        _ => Tri::of(holds_with(c, &|id| k.get(id), None)),
    }
}
