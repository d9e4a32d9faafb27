//! The app core: the whole state of the page and every transition, with no
//! web or Yew type. The shell (`src/app/`) renders [`App`], dispatches
//! [`Action`]s and performs the [`Effect`]s each one returns: moving focus,
//! arming the one browser-history entry, printing, offering a download.
//! Everything else (which page follows, what is kept, what is confirmed
//! first, the assessment a result page shows) happens here and is tested
//! natively (`tests/app.rs`), as quinn-proto's state machine is.

use std::rc::Rc;

use crate::answers::{Answer, Answers};
use crate::assess::{self, Assessment};
use crate::flow::{FieldError, Session, Step, Submit};
use crate::model::{ConsistencyId, DocumentId, MeasureId, OptionId, PathId, QuestionId, QuestionKind, Rulebook};
use crate::save::{self, OpenError, Opened};
use crate::text::Locale;

/// An answer change waiting for the user to confirm dropping later answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub index: usize,
    pub answer: Option<Answer>,
    pub drops: Vec<QuestionId>,
}

/// A message shown once at the top of the next page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Opened(Rc<Opened>),
    OpenFailed(Option<OpenError>),
    /// A locale's wording could not be fetched; the page stays as it was.
    LocaleFailed(Locale),
    /// The answers went to the browser's downloads (and anyone who finds the file can read it).
    Saved,
}

/// A question the page asks in place (never a browser dialog, which quick
/// exit could not clear).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Start again, forgetting every answer?
    Restart,
    /// Open this file, replacing the answers on the page?
    Replace(Rc<Opened>),
}

/// Where focus goes after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The new page's heading (a page change).
    Heading,
    ErrorSummary,
    DropConfirm,
    Dialog,
    /// The message at the top of the page.
    Notice,
}

/// What printing prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Print {
    /// The result with its details open.
    Full,
    /// The version for a first talk (the rulebook's talk paper).
    Talk,
    /// The paper on screen.
    Paper,
}

/// Something the shell does after an action; the core never touches the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Focus(Focus),
    /// The page changed: scroll to its top.
    ScrollTop,
    /// The run began: add the page's one browser-history entry (a constant
    /// state, so that Back steps back within the run).
    Arm,
    Print(Print),
    /// Offer this text as a file download.
    Download {
        name: String,
        text: String,
    },
}

/// Everything the user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Start,
    Submit {
        index: usize,
        answer: Option<Answer>,
    },
    ConfirmDrop,
    CancelDrop,
    /// One step back within the run (the page's Back link, or the browser's Back).
    Back,
    /// From the check page or a result: answer question `i` again, then return.
    Change(usize),
    ShowResult,
    /// From an early outcome: go on with what the plan still needs.
    GoOn,
    /// Open a paper drafted from the answers.
    OpenDocument(usize),
    /// The user's text of a section of a paper.
    Draft(DocumentId, usize, String),
    TogglePlan(MeasureId, bool),
    PlanDate(MeasureId, String),
    /// Show the result as if one answer were different; `None` returns to the real result.
    WhatIf(Option<(QuestionId, OptionId)>),
    /// Start again (asks first when there are answers).
    Restart,
    /// The answer to the dialog on screen.
    Confirm(bool),
    SetLocale(Locale),
    /// The same rulebook with another locale's wording (fetched on demand).
    Rulebook(Rc<Rulebook>),
    /// A locale's wording could not be fetched.
    LocaleFailed(Locale),
    /// A file was read (asks first when it would replace answers).
    Opened(Result<Opened, Option<OpenError>>),
    Print(Print),
    /// Save the answers to a file; `today` is `YYYY-MM-DD`.
    Save {
        today: String,
        name: String,
    },
    /// Put away the message at the top of the page.
    Dismiss,
}

/// The shell's whole state.
#[derive(Clone, Debug)]
pub struct App {
    /// The rulebook as loaded.
    pub rb: Rc<Rulebook>,
    pub locale: Locale,
    pub session: Session,
    pub error: Option<FieldError>,
    pub pending: Option<Pending>,
    pub notice: Option<Notice>,
    pub dialog: Option<Dialog>,
    /// "What if": the result shown as if this one answer were different (the real answers are untouched).
    pub what_if: Option<(QuestionId, OptionId)>,
    /// The steps behind the current one, for Back: the run as the user went through it.
    pub trail: Vec<Step>,
    /// The assessment a result, an early outcome or a paper shows: worked out
    /// once per change of the answers.
    pub result: Option<Rc<Assessment>>,
    /// Answers that do not fit together, for the check page.
    pub clashes: Vec<ConsistencyId>,
    /// What the shell is to do after the last action.
    pub effects: Vec<Effect>,
    /// Increases with every action that has effects, so the shell runs each batch once.
    pub seq: u32,
}

impl PartialEq for App {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.rb, &o.rb)
            && self.locale == o.locale
            && self.session == o.session
            && self.error == o.error
            && self.pending == o.pending
            && self.notice == o.notice
            && self.dialog == o.dialog
            && self.what_if == o.what_if
            && self.trail == o.trail
            && self.seq == o.seq
    }
}

impl App {
    pub fn new(rb: Rc<Rulebook>, locale: Locale) -> App {
        App {
            rb,
            locale,
            session: Session::default(),
            error: None,
            pending: None,
            notice: None,
            dialog: None,
            what_if: None,
            trail: Vec::new(),
            result: None,
            clashes: Vec::new(),
            effects: Vec::new(),
            seq: 0,
        }
    }

    /// The app at a given step with given answers, as if the run had got
    /// there (for tests and previews: the result is worked out as the page
    /// would). `resume_at` is where an early outcome was decided.
    pub fn at(rb: Rc<Rulebook>, locale: Locale, answers: Answers, step: Step, resume_at: usize) -> App {
        let mut app = App::new(rb, locale);
        app.session.answers = answers;
        app.session.step = step;
        app.session.resume_at = resume_at;
        app.recompute();
        app
    }

    /// The path the answers take, which words the questions and options.
    pub fn path(&self) -> Option<&PathId> {
        self.rb.path_for(&self.session.answers).map(|p| &p.id)
    }

    /// Whether Back has a step of the run to go to (else it leaves the tool).
    pub fn can_go_back(&self) -> bool {
        !self.trail.is_empty()
    }

    /// The answers the result is worked out from: the real ones, or the "what if".
    pub fn answers_shown(&self) -> Answers {
        let mut a = self.session.answers.clone();
        if let Some((q, o)) = &self.what_if
            && let Some(question) = self.rb.question(&q.0)
        {
            let answer = if question.kind == QuestionKind::Multi { Answer::Choices(vec![o.clone()]) } else { Answer::Choice(o.clone()) };
            a.set(q, answer);
        }
        a
    }

    /// Which questions the run asks (for the check page and the summary: no row for one not asked).
    pub fn asked(&self) -> Vec<bool> {
        crate::flow::asked(&self.rb, &self.session.answers)
    }

    /// Applies an action: the state changes and `effects` says what the shell does next.
    pub fn apply(&mut self, action: Action) {
        self.effects.clear();
        let before = self.session.step;
        let rb = self.rb.clone();
        let mut recompute = true;
        match action {
            Action::Start => {
                self.notice = None;
                self.session.start(&rb);
                self.effects.push(Effect::Arm);
            }
            Action::Submit { index, answer } => match self.session.submit(&rb, index, answer.clone(), false) {
                Submit::Invalid(e) => {
                    self.error = Some(e);
                    self.pending = None;
                    self.effects.push(Effect::Focus(Focus::ErrorSummary));
                }
                Submit::WouldDrop(drops) => {
                    self.error = None;
                    self.pending = Some(Pending { index, answer, drops });
                    self.effects.push(Effect::Focus(Focus::DropConfirm));
                }
                Submit::Done => {
                    self.error = None;
                    self.notice = None;
                }
            },
            Action::ConfirmDrop => {
                if let Some(p) = self.pending.take() {
                    self.session.submit(&rb, p.index, p.answer, true);
                }
            }
            Action::CancelDrop => self.pending = None,
            Action::Back => {
                self.back();
                // Going back is not a step forward: the trail is not extended.
                self.after(before, false);
                return;
            }
            // From an early outcome the run is not complete: the answer is
            // given again and the run goes on from there (back to the outcome
            // while it still decides); from the check page or a result, the
            // page returns there.
            Action::Change(i) if self.session.step == Step::Outcome => self.session.go_to(&rb, Step::Question(i)),
            Action::Change(i) => self.session.change(&rb, i),
            Action::ShowResult => self.show_result(),
            Action::GoOn => self.session.go_on(&rb),
            Action::OpenDocument(i) => self.session.document(&rb, i),
            Action::Draft(doc, section, text) => {
                self.session.drafts.set(&doc, section, text);
                recompute = false;
            }
            Action::TogglePlan(m, on) => {
                self.session.plan.toggle(&m, on);
                recompute = false;
            }
            Action::PlanDate(m, d) => {
                self.session.plan.set_date(&m.0, &d);
                recompute = false;
            }
            Action::WhatIf(w) => self.what_if = w,
            Action::Restart => {
                if self.session.answers.is_empty() {
                    self.restart();
                } else {
                    self.dialog = Some(Dialog::Restart);
                    self.effects.push(Effect::Focus(Focus::Dialog));
                }
            }
            Action::Confirm(yes) => match self.dialog.take() {
                Some(Dialog::Restart) if yes => self.restart(),
                Some(Dialog::Replace(o)) if yes => self.open(o),
                _ => {}
            },
            Action::SetLocale(l) => {
                self.locale = l;
                self.notice = None;
            }
            Action::Rulebook(rb) => self.rb = rb,
            Action::LocaleFailed(l) => {
                self.notice = Some(Notice::LocaleFailed(l));
                self.effects.push(Effect::Focus(Focus::Notice));
            }
            Action::Opened(Ok(o)) => {
                let o = Rc::new(o);
                if self.session.answers.is_empty() {
                    self.open(o);
                } else {
                    self.dialog = Some(Dialog::Replace(o));
                    self.effects.push(Effect::Focus(Focus::Dialog));
                }
            }
            Action::Opened(Err(e)) => {
                self.notice = Some(Notice::OpenFailed(e));
                self.effects.push(Effect::Focus(Focus::Notice));
            }
            Action::Print(p) => {
                self.effects.push(Effect::Print(p));
                recompute = false;
            }
            Action::Save { today, name } => {
                let text = save::encode(&rb, &self.session.answers, &self.session.plan, &self.session.drafts, &today);
                self.effects.push(Effect::Download { name, text });
                self.notice = Some(Notice::Saved);
                self.effects.push(Effect::Focus(Focus::Notice));
                recompute = false;
            }
            Action::Dismiss => {
                self.notice = None;
                recompute = false;
            }
        }
        self.after(before, true);
        if recompute || self.result.is_none() {
            self.recompute();
        }
    }

    /// Bookkeeping after every action: the trail, and what a page change resets.
    fn after(&mut self, before: Step, forward: bool) {
        let now = self.session.step;
        if now != before {
            if forward {
                self.trail.push(before);
            }
            if now == Step::Start {
                self.trail.clear();
            }
            self.error = None;
            self.pending = None;
            self.what_if = None;
            self.dialog = None;
            self.effects.push(Effect::ScrollTop);
            if !self.effects.iter().any(|e| matches!(e, Effect::Focus(_))) {
                self.effects.push(Effect::Focus(Focus::Heading));
            }
        }
        if !forward {
            self.recompute();
        }
        if !self.effects.is_empty() {
            self.seq = self.seq.wrapping_add(1);
        }
    }

    /// Back within the run: the last step on the trail that can still be
    /// shown (a question no longer asked is passed by).
    fn back(&mut self) {
        let rb = self.rb.clone();
        while let Some(step) = self.trail.pop() {
            let ok = match step {
                Step::Question(i) => self.asked().get(i) == Some(&true),
                Step::Result | Step::Document(_) => self.session.first_unanswered(&rb).is_none(),
                Step::Outcome => assess::decided_early(&rb, &self.session.answers, self.session.resume_at).is_some(),
                Step::Start | Step::Review => true,
            };
            if ok {
                self.session.go_to(&rb, step);
                return;
            }
        }
        self.session.go_to(&rb, Step::Start);
    }

    fn restart(&mut self) {
        let rb = self.rb.clone();
        let locale = self.locale;
        *self = App { seq: self.seq, ..App::new(rb, locale) };
    }

    fn open(&mut self, o: Rc<Opened>) {
        let rb = self.rb.clone();
        self.session.open(&rb, o.answers.clone(), o.plan.clone(), o.drafts.clone());
        self.trail.clear();
        self.notice = Some(Notice::Opened(o));
        // Opening a file enters the run as the start button does.
        self.effects.push(Effect::Arm);
    }

    /// To the result; the first time, the plan begins with the measures the
    /// answers require (from the one assessment the page shows).
    fn show_result(&mut self) {
        let rb = self.rb.clone();
        self.session.to_result(&rb);
        if self.session.step == Step::Result && !self.session.plan_started {
            self.recompute();
            // Only a result with a correction plan starts one (none before the work).
            if let Some(a) = self.result.clone().filter(|a| rb.tier(&a.tier.0).is_some_and(|t| t.correction)) {
                self.session.plan_started = true;
                for m in &a.measures {
                    self.session.plan.toggle(m, true);
                }
            }
        }
    }

    /// The assessment and the clashes the page shows, worked out again.
    fn recompute(&mut self) {
        let rb = &*self.rb;
        let at = match self.session.step {
            Step::Outcome => Some(self.session.resume_at),
            Step::Result | Step::Document(_) => Some(rb.questions.len()),
            _ => None,
        };
        self.result = at.map(|n| Rc::new(assess::assess_at(rb, &self.answers_shown(), n)));
        self.clashes = if self.session.step == Step::Review { assess::clashes(rb, &self.session.answers) } else { Vec::new() };
    }
}
