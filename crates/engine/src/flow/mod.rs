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
    /// The outcome as soon as it is decided, before the remaining questions.
    Outcome,
    /// A paper drafted from the answers, by its position in the rulebook.
    Document(usize),
}

impl Step {
    /// A key for the browser history entry. It names a question id at most, never an answer.
    pub fn key(self, rb: &Rulebook) -> String {
        match self {
            Step::Start => "start".into(),
            Step::Question(i) => format!("q:{}", rb.questions.get(i).map_or("", |q| q.id.as_str())),
            Step::Review => "review".into(),
            Step::Result => "result".into(),
            Step::Outcome => "outcome".into(),
            Step::Document(i) => format!("doc:{}", rb.documents.get(i).map_or("", |d| d.id.as_str())),
        }
    }

    /// Parses a history key; unknown keys give `None`.
    pub fn from_key(rb: &Rulebook, key: &str) -> Option<Step> {
        match key {
            "start" => Some(Step::Start),
            "review" => Some(Step::Review),
            "result" => Some(Step::Result),
            "outcome" => Some(Step::Outcome),
            _ => match key.strip_prefix("doc:") {
                Some(id) => rb.documents.iter().position(|d| d.id.as_str() == id).map(Step::Document),
                None => key.strip_prefix("q:").and_then(|id| rb.question_index(id)).map(Step::Question),
            },
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
    /// Where the run goes on after an early outcome (a question index, or
    /// past the last question for the review page).
    pub resume_at: usize,
    /// True once the user chose to go on past an early outcome: the run then
    /// asks every question.
    pub go_on: bool,
    /// What the user wrote in the papers drafted from the answers.
    pub drafts: crate::documents::Drafts,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            step: Step::Start,
            answers: Answers::default(),
            plan: Plan::default(),
            changing: false,
            plan_started: false,
            resume_at: 0,
            go_on: false,
            drafts: crate::documents::Drafts::default(),
        }
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

/// Which questions a run asks, in rulebook order: those shown for the
/// answers that can still change what the result shows
/// ([`crate::assess::matters`]). A question that cannot is passed by.
pub fn asked(rb: &Rulebook, answers: &Answers) -> Vec<bool> {
    let shown = visible(rb, answers);
    shown.iter().enumerate().map(|(i, s)| *s && crate::assess::matters(rb, answers, i)).collect()
}

impl Session {
    /// The first question asked at or after `from`, else the review page.
    fn next_from(&self, rb: &Rulebook, from: usize) -> Step {
        let shown = visible(rb, &self.answers);
        (from..rb.questions.len()).find(|&i| shown[i] && crate::assess::matters(rb, &self.answers, i)).map_or(Step::Review, Step::Question)
    }

    /// Starts the run at the first question.
    pub fn start(&mut self, rb: &Rulebook) {
        self.changing = false;
        self.step = self.next_from(rb, 0);
    }

    /// The step before this one, for the back link: the previous shown question, or the start.
    pub fn previous(&self, rb: &Rulebook) -> Step {
        let shown = asked(rb, &self.answers);
        match self.step {
            Step::Start => Step::Start,
            Step::Question(i) => (0..i).rev().find(|&j| shown[j]).map_or(Step::Start, Step::Question),
            Step::Review => (0..rb.questions.len()).rev().find(|&j| shown[j]).map_or(Step::Start, Step::Question),
            Step::Result => Step::Review,
            Step::Outcome => (0..self.resume_at.min(rb.questions.len())).rev().find(|&j| shown[j]).map_or(Step::Start, Step::Question),
            Step::Document(_) => Step::Result,
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
        let was_changing = self.changing;
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
        // As soon as the outcome is decided (and the rulebook says so), show it.
        if !was_changing && !self.go_on {
            let next = match self.step {
                Step::Question(j) => j,
                _ => rb.questions.len(),
            };
            if crate::assess::decided_early(rb, &self.answers, next).is_some() {
                self.resume_at = next;
                self.step = Step::Outcome;
            }
        }
        Submit::Done
    }

    /// From an early outcome, goes on with the remaining questions (to plan
    /// the correction and gather materials); no early stop after that.
    pub fn go_on(&mut self, rb: &Rulebook) {
        self.go_on = true;
        self.changing = false;
        self.step = self.next_from(rb, self.resume_at);
    }

    /// The first shown required question without an answer.
    pub fn first_unanswered(&self, rb: &Rulebook) -> Option<usize> {
        let shown = asked(rb, &self.answers);
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
        self.to_result(rb);
        if self.step == Step::Result && !self.plan_started {
            self.plan_started = true;
            for m in crate::assess::assess(rb, &self.answers).measures {
                self.plan.toggle(&m, true);
            }
        }
    }

    /// Shows the result, provided every required question is answered
    /// (else the first that is not); the plan is left as it is.
    pub fn to_result(&mut self, rb: &Rulebook) {
        self.changing = false;
        self.step = match self.first_unanswered(rb) {
            Some(j) => Step::Question(j),
            None => Step::Result,
        };
    }

    /// Moves to a step from the browser history, falling back to a shown step.
    pub fn go_to(&mut self, rb: &Rulebook, step: Step) {
        self.changing = false;
        self.step = match step {
            Step::Question(i) if visible(rb, &self.answers).get(i) != Some(&true) => self.previous_shown(rb, i),
            Step::Question(i) => Step::Question(i),
            Step::Review | Step::Result | Step::Outcome if self.answers.is_empty() => Step::Start,
            Step::Result if self.first_unanswered(rb).is_some() => Step::Review,
            Step::Document(_) if self.first_unanswered(rb).is_some() => Step::Review,
            // An early outcome only while the answers still decide it.
            Step::Outcome if crate::assess::decided_early(rb, &self.answers, self.resume_at).is_none() => {
                self.previous_shown(rb, self.resume_at)
            }
            other => other,
        };
    }

    fn previous_shown(&self, rb: &Rulebook, i: usize) -> Step {
        let shown = asked(rb, &self.answers);
        (0..i).rev().find(|&j| shown[j]).map_or(Step::Start, Step::Question)
    }

    /// Opens a drafted paper (from the result page).
    pub fn document(&mut self, rb: &Rulebook, i: usize) {
        if i < rb.documents.len() && self.first_unanswered(rb).is_none() {
            self.step = Step::Document(i);
        }
    }

    /// Replaces everything with the answers, plan and drafts of an opened file; shows the review page.
    pub fn open(&mut self, rb: &Rulebook, answers: Answers, plan: Plan, drafts: crate::documents::Drafts) {
        self.drafts = drafts;
        self.answers = answers;
        self.plan_started = !plan.0.is_empty();
        self.plan = plan;
        self.go_on = true;
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
