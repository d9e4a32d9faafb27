//! The reducer around [`crate::flow::Session`]: the shell's whole state, and
//! the actions the components dispatch. `reduce` does no I/O; effects that
//! follow a change (history, focus) run in `app::effects`.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::model::{DocumentId, MeasureId, OptionId, PathId, QuestionId, Rulebook};
use crate::engine::save::{OpenError, Opened};
use crate::engine::{Answer, Answers, Locale};
use crate::flow::{FieldError, Session, Step, Submit};

/// An answer change waiting for the user to confirm dropping later answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub index: usize,
    pub answer: Option<Answer>,
    pub drops: Vec<QuestionId>,
}

/// A message shown once at the top of the next page.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Opened(Rc<Opened>),
    OpenFailed(Option<OpenError>),
    /// A locale's wording could not be fetched; the page stays as it was.
    LocaleFailed(Locale),
}

/// The shell's state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The rulebook as loaded.
    pub base: Rc<Rulebook>,
    /// The rulebook as the pages show it: in the wording of the path the answers take.
    pub rb: Rc<Rulebook>,
    /// The path `rb` is worded for.
    pub path: Option<PathId>,
    pub session: Session,
    pub locale: Locale,
    pub error: Option<FieldError>,
    pub pending: Option<Pending>,
    pub notice: Option<Notice>,
    /// "What if": the result shown as if this one answer were different (the real answers are untouched).
    pub what_if: Option<(QuestionId, OptionId)>,
    /// Increases on every step change, so effects can tell a new page from a re-render.
    pub nav: u32,
    /// Whether the last step change should add a browser history entry.
    pub push: bool,
}

impl PartialEq for AppState {
    fn eq(&self, o: &Self) -> bool {
        // The rulebook changes only with the path or the locale: compare it by pointer.
        Rc::ptr_eq(&self.rb, &o.rb)
            && self.session == o.session
            && self.locale == o.locale
            && self.error == o.error
            && self.pending == o.pending
            && self.notice == o.notice
            && self.what_if == o.what_if
            && self.nav == o.nav
            && self.push == o.push
    }
}

impl AppState {
    pub fn new(rb: Rc<Rulebook>, locale: Locale) -> AppState {
        AppState {
            base: rb.clone(),
            rb,
            path: None,
            session: Session::default(),
            locale,
            error: None,
            pending: None,
            notice: None,
            what_if: None,
            nav: 0,
            push: false,
        }
    }

    /// The answers the result is worked out from: the real ones, or the "what if".
    pub fn answers_shown(&self) -> Answers {
        let mut a = self.session.answers.clone();
        if let Some((q, o)) = &self.what_if
            && let Some(question) = self.rb.question(&q.0)
        {
            let answer = if question.kind == crate::engine::model::QuestionKind::Multi {
                Answer::Choices(vec![o.clone()])
            } else {
                Answer::Choice(o.clone())
            };
            a.set(q, answer);
        }
        a
    }

    /// Keeps the shown wording in step with the path the answers take.
    fn follow_path(&mut self) {
        let path = self.base.path_for(&self.session.answers).map(|p| p.id.clone());
        if path != self.path {
            self.rb = match &path {
                Some(p) => Rc::new(self.base.on_path(p)),
                None => self.base.clone(),
            };
            self.path = path;
        }
    }
}

/// Everything a component can ask for.
pub enum Action {
    Start,
    Submit {
        index: usize,
        answer: Option<Answer>,
    },
    ConfirmDrop,
    CancelDrop,
    /// A step from the browser history (Back / Forward).
    FromHistory(Step),
    Change(usize),
    /// From an early outcome or the result: back to a question to answer it again.
    Revisit(usize),
    ShowResult,
    /// From an early outcome: go on with the remaining questions.
    GoOn,
    /// Open a paper drafted from the answers.
    OpenDocument(usize),
    /// The user's text of a section of a paper.
    Draft(DocumentId, usize, String),
    TogglePlan(MeasureId, bool),
    PlanDate(MeasureId, String),
    /// Show the result as if one answer were different; `None` returns to the real result.
    WhatIf(Option<(QuestionId, OptionId)>),
    Restart,
    SetLocale(Locale),
    /// The same rulebook with another locale's wording (fetched on demand).
    Rulebook(Rc<Rulebook>),
    /// A locale's wording could not be fetched.
    LocaleFailed(Locale),
    Opened(Result<Opened, Option<OpenError>>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let before = s.session.step;
        let rb = s.base.clone();
        s.push = true;
        match action {
            Action::Start => {
                s.notice = None;
                s.session.start(&rb);
            }
            Action::Submit { index, answer } => match s.session.submit(&rb, index, answer.clone(), false) {
                Submit::Invalid(e) => {
                    s.error = Some(e);
                    s.pending = None;
                }
                Submit::WouldDrop(drops) => {
                    s.error = None;
                    s.pending = Some(Pending { index, answer, drops });
                }
                Submit::Done => {
                    s.error = None;
                    s.notice = None;
                }
            },
            Action::ConfirmDrop => {
                if let Some(p) = s.pending.take() {
                    s.session.submit(&rb, p.index, p.answer, true);
                }
            }
            Action::CancelDrop => s.pending = None,
            Action::FromHistory(step) => {
                s.push = false;
                s.session.go_to(&rb, step);
            }
            Action::Change(i) => s.session.change(&rb, i),
            Action::Revisit(i) => s.session.go_to(&rb, Step::Question(i)),
            Action::ShowResult => s.session.result(&rb),
            Action::GoOn => s.session.go_on(&rb),
            Action::OpenDocument(i) => s.session.document(&rb, i),
            Action::Draft(doc, section, text) => s.session.drafts.set(&doc, section, text),
            Action::TogglePlan(m, on) => s.session.plan.toggle(&m, on),
            Action::PlanDate(m, d) => s.session.plan.set_date(&m.0, &d),
            Action::WhatIf(w) => s.what_if = w,
            Action::Restart => {
                s.session = Session::default();
                s.notice = None;
            }
            Action::SetLocale(l) => {
                s.locale = l;
                s.notice = None;
            }
            Action::Rulebook(rb) => {
                s.base = rb;
                s.path = None;
                s.rb = s.base.clone();
            }
            Action::LocaleFailed(l) => s.notice = Some(Notice::LocaleFailed(l)),
            Action::Opened(Ok(o)) => {
                s.session.open(&rb, o.answers.clone(), o.plan.clone(), o.drafts.clone());
                s.notice = Some(Notice::Opened(Rc::new(o)));
            }
            Action::Opened(Err(e)) => s.notice = Some(Notice::OpenFailed(e)),
        }
        s.follow_path();
        if s.session.step != before {
            s.error = None;
            s.pending = None;
            s.what_if = None;
            s.nav = s.nav.wrapping_add(1);
        }
        Rc::new(s)
    }
}

/// The state handle, passed to the pages and the question component.
pub type AppContext = UseReducerHandle<AppState>;
