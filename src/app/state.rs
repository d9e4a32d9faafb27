//! The reducer around [`crate::flow::Session`]: the shell's whole state, and
//! the actions the components dispatch. `reduce` does no I/O; effects that
//! follow a change (history, focus, title) run in `app::effects`.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::model::{MeasureId, QuestionId, Rulebook};
use crate::engine::save::{OpenError, Opened};
use crate::engine::{Answer, Locale};
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
    pub rb: Rc<Rulebook>,
    pub session: Session,
    pub locale: Locale,
    pub error: Option<FieldError>,
    pub pending: Option<Pending>,
    pub notice: Option<Notice>,
    /// Increases on every step change, so effects can tell a new page from a re-render.
    pub nav: u32,
    /// Whether the last step change should add a browser history entry.
    pub push: bool,
}

impl PartialEq for AppState {
    fn eq(&self, o: &Self) -> bool {
        // The rulebook never changes after mounting: compare it by pointer.
        Rc::ptr_eq(&self.rb, &o.rb)
            && self.session == o.session
            && self.locale == o.locale
            && self.error == o.error
            && self.pending == o.pending
            && self.notice == o.notice
            && self.nav == o.nav
            && self.push == o.push
    }
}

impl AppState {
    pub fn new(rb: Rc<Rulebook>, locale: Locale) -> AppState {
        AppState { rb, session: Session::default(), locale, error: None, pending: None, notice: None, nav: 0, push: false }
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
    ShowResult,
    TogglePlan(MeasureId, bool),
    PlanDate(MeasureId, String),
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
        let rb = s.rb.clone();
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
            Action::ShowResult => s.session.result(&rb),
            Action::TogglePlan(m, on) => s.session.plan.toggle(&m, on),
            Action::PlanDate(m, d) => s.session.plan.set_date(&m.0, &d),
            Action::Restart => {
                s.session = Session::default();
                s.notice = None;
            }
            Action::SetLocale(l) => s.locale = l,
            Action::Rulebook(rb) => s.rb = rb,
            Action::LocaleFailed(l) => s.notice = Some(Notice::LocaleFailed(l)),
            Action::Opened(Ok(o)) => {
                s.session.open(&rb, o.answers.clone(), o.plan.clone());
                s.notice = Some(Notice::Opened(Rc::new(o)));
            }
            Action::Opened(Err(e)) => s.notice = Some(Notice::OpenFailed(e)),
        }
        if s.session.step != before {
            s.error = None;
            s.pending = None;
            s.nav = s.nav.wrapping_add(1);
        }
        Rc::new(s)
    }
}

/// The state handle, passed to the pages and the question component.
pub type AppContext = UseReducerHandle<AppState>;
