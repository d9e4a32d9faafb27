//! Conditions on answers and derived facts: evaluating them, and which
//! questions the answers make visible. Shared by the assessment, the run
//! state and validation.

use super::answers::{Answer, Answers};
use super::model::{BandId, Condition, ElementId, ElementStatus, Rulebook};

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
