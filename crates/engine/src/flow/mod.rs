//! The pure state machine of one run: which step is shown, the answers and
//! the plan, moving forwards and back, and changing an earlier answer. The
//! Yew shell wraps this in a reducer; every rule of navigation lives here
//! and is tested natively.

mod plan;

pub use plan::{Plan, PlanItem};

use crate::answers::{Answer, Answers};
use crate::condition::visible;
use crate::model::{QuestionId, QuestionKind, Rulebook, is_date};

/// A page of the self-check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Start,
    /// A question, by its position in the rulebook.
    Question(usize),
    /// Check your answers.
    Review,
    Result,
}

impl Step {
    /// A key for the browser history entry. It names a question id at most, never an answer.
    pub fn key(self, rb: &Rulebook) -> String {
        match self {
            Step::Start => "start".into(),
            Step::Question(i) => format!("q:{}", rb.questions.get(i).map_or("", |q| q.id.as_str())),
            Step::Review => "review".into(),
            Step::Result => "result".into(),
        }
    }

    /// Parses a history key; unknown keys give `None`.
    pub fn from_key(rb: &Rulebook, key: &str) -> Option<Step> {
        match key {
            "start" => Some(Step::Start),
            "review" => Some(Step::Review),
            "result" => Some(Step::Result),
            _ => key.strip_prefix("q:").and_then(|id| rb.question_index(id)).map(Step::Question),
        }
    }
}

/// Why an answer could not be accepted. Shown at the field and in the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// Nothing chosen for a required question.
    Required { multi: bool },
    /// Not a valid `YYYY-MM-DD` date.
    BadDate,
    /// Longer than the question allows.
    TooLong { max: u32, got: usize },
}

/// What submitting an answer does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submit {
    /// The answer is invalid; nothing changed.
    Invalid(FieldError),
    /// The change would make these later answers irrelevant; confirm first.
    WouldDrop(Vec<QuestionId>),
    /// Saved; the next step is shown.
    Done,
}

/// The state of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub step: Step,
    pub answers: Answers,
    pub plan: Plan,
    /// True while an answer is being changed from the review page.
    pub changing: bool,
    /// True once the plan has been started (seeded on the first result, or
    /// opened from a file): the user's own changes to it are never undone.
    pub plan_started: bool,
}

impl Default for Session {
    fn default() -> Self {
        Session { step: Step::Start, answers: Answers::default(), plan: Plan::default(), changing: false, plan_started: false }
    }
}

/// Checks an answer against its question; `None` means "no answer".
pub fn check(rb: &Rulebook, i: usize, answer: Option<&Answer>) -> Result<(), FieldError> {
    let Some(q) = rb.questions.get(i) else { return Ok(()) };
    let blank = answer.is_none_or(Answer::is_blank);
    if blank {
        return if q.required { Err(FieldError::Required { multi: q.kind == QuestionKind::Multi }) } else { Ok(()) };
    }
    match answer {
        Some(Answer::Date(d)) if !is_date(d.trim()) => Err(FieldError::BadDate),
        Some(Answer::Text(t)) if t.chars().count() > q.max_chars as usize => {
            Err(FieldError::TooLong { max: q.max_chars, got: t.chars().count() })
        }
        _ => Ok(()),
    }
}

impl Session {
    /// The first shown question at or after `from`, else the review page.
    fn next_from(&self, rb: &Rulebook, from: usize) -> Step {
        let shown = visible(rb, &self.answers);
        (from..rb.questions.len()).find(|&i| shown[i]).map_or(Step::Review, Step::Question)
    }

    /// Starts the run at the first question.
    pub fn start(&mut self, rb: &Rulebook) {
        self.changing = false;
        self.step = self.next_from(rb, 0);
    }

    /// The step before this one, for the back link: the previous shown question, or the start.
    pub fn previous(&self, rb: &Rulebook) -> Step {
        let shown = visible(rb, &self.answers);
        match self.step {
            Step::Start => Step::Start,
            Step::Question(i) => (0..i).rev().find(|&j| shown[j]).map_or(Step::Start, Step::Question),
            Step::Review => (0..rb.questions.len()).rev().find(|&j| shown[j]).map_or(Step::Start, Step::Question),
            Step::Result => Step::Review,
        }
    }

    /// Answers that would become irrelevant if question `i` were answered `answer`.
    pub fn would_drop(&self, rb: &Rulebook, i: usize, answer: Option<&Answer>) -> Vec<QuestionId> {
        let Some(q) = rb.questions.get(i) else { return vec![] };
        let mut after = self.answers.clone();
        match answer {
            Some(a) => after.set(&q.id, a.clone()),
            None => {
                after.remove(&q.id.0);
            }
        }
        let before = visible(rb, &self.answers);
        let now = visible(rb, &after);
        rb.questions
            .iter()
            .enumerate()
            .filter(|(j, q)| before[*j] && !now[*j] && self.answers.get(&q.id.0).is_some())
            .map(|(_, q)| q.id.clone())
            .collect()
    }

    /// Submits the answer to the question on screen. With `confirmed`, answers
    /// that become irrelevant are dropped; without it, they are listed first.
    pub fn submit(&mut self, rb: &Rulebook, i: usize, answer: Option<Answer>, confirmed: bool) -> Submit {
        let Some(q) = rb.questions.get(i) else { return Submit::Done };
        let answer = answer.map(|a| match a {
            Answer::Date(d) => Answer::Date(d.trim().to_owned()),
            other => other,
        });
        if let Err(e) = check(rb, i, answer.as_ref()) {
            return Submit::Invalid(e);
        }
        let answer = answer.filter(|a| !a.is_blank());
        let drops = self.would_drop(rb, i, answer.as_ref());
        if !drops.is_empty() && !confirmed {
            return Submit::WouldDrop(drops);
        }
        match answer {
            Some(a) => self.answers.set(&q.id, a),
            None => {
                self.answers.remove(&q.id.0);
            }
        }
        for d in &drops {
            self.answers.remove(&d.0);
        }
        // After a change from the review page, return there unless the change
        // revealed a question that still needs an answer.
        self.step = if self.changing {
            match self.first_unanswered(rb) {
                Some(j) => Step::Question(j),
                None => {
                    self.changing = false;
                    Step::Review
                }
            }
        } else {
            self.next_from(rb, i + 1)
        };
        Submit::Done
    }

    /// The first shown required question without an answer.
    pub fn first_unanswered(&self, rb: &Rulebook) -> Option<usize> {
        let shown = visible(rb, &self.answers);
        rb.questions.iter().enumerate().position(|(j, q)| shown[j] && q.required && self.answers.get(&q.id.0).is_none())
    }

    /// Opens question `i` to change it from the review page.
    pub fn change(&mut self, rb: &Rulebook, i: usize) {
        if visible(rb, &self.answers).get(i) == Some(&true) {
            self.changing = true;
            self.step = Step::Question(i);
        }
    }

    /// Shows the review page, or the first question still needing an answer.
    pub fn review(&mut self, rb: &Rulebook) {
        self.step = match self.first_unanswered(rb) {
            Some(j) => Step::Question(j),
            None => Step::Review,
        };
    }

    /// Shows the result, provided every required question is answered. The
    /// first time, the plan begins with the measures the answers require.
    pub fn result(&mut self, rb: &Rulebook) {
        self.changing = false;
        self.step = match self.first_unanswered(rb) {
            Some(j) => Step::Question(j),
            None => Step::Result,
        };
        if self.step == Step::Result && !self.plan_started {
            self.plan_started = true;
            for m in crate::assess::assess(rb, &self.answers).measures {
                self.plan.toggle(&m, true);
            }
        }
    }

    /// Moves to a step from the browser history, falling back to a shown step.
    pub fn go_to(&mut self, rb: &Rulebook, step: Step) {
        self.changing = false;
        self.step = match step {
            Step::Question(i) if visible(rb, &self.answers).get(i) != Some(&true) => self.previous_shown(rb, i),
            Step::Question(i) => Step::Question(i),
            Step::Review | Step::Result if self.answers.is_empty() => Step::Start,
            Step::Result if self.first_unanswered(rb).is_some() => Step::Review,
            other => other,
        };
    }

    fn previous_shown(&self, rb: &Rulebook, i: usize) -> Step {
        let shown = visible(rb, &self.answers);
        (0..i).rev().find(|&j| shown[j]).map_or(Step::Start, Step::Question)
    }

    /// Replaces everything with the answers and plan of an opened file; shows the review page.
    pub fn open(&mut self, rb: &Rulebook, answers: Answers, plan: Plan) {
        self.answers = answers;
        self.plan_started = !plan.0.is_empty();
        self.plan = plan;
        self.changing = false;
        self.review(rb);
    }

    /// Index of the section of the current question, and how many sections there are.
    pub fn section_progress(&self, rb: &Rulebook) -> Option<(usize, usize)> {
        let Step::Question(i) = self.step else { return None };
        let q = rb.questions.get(i)?;
        let n = rb.sections.iter().position(|s| s.id == q.section)?;
        Some((n, rb.sections.len()))
    }
}
