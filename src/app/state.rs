//! The Yew adapter around the app core ([`crate::engine::app::App`]): the
//! core holds the state and every transition, and returns the effects as
//! data; this only lets Yew's reducer drive it.

use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

pub use crate::engine::app::{Action, App, Dialog, Effect, Focus, Notice, Pending, Print};

/// The app core as Yew's reducible state.
#[derive(Clone, PartialEq)]
pub struct Shell(pub App);

impl Deref for Shell {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl Reducible for Shell {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut app = self.0.clone();
        app.apply(action);
        Rc::new(Shell(app))
    }
}

/// The state handle, passed to the pages.
pub type AppContext = UseReducerHandle<Shell>;
