//! Side effects of the shell, as hooks used once by the top component:
//! browser history, the unload warning, focus and title, language.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::dom;
use super::state::{Action, AppContext};
use crate::flow::Step;

/// Keeps the browser history in step with the pages: one entry per page,
/// whose state names the step only (never an answer); Back and Forward move
/// between steps.
#[hook]
pub fn use_history(ctx: &AppContext) {
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            let history = dom::window().and_then(|w| w.history().ok());
            if let Some(h) = &history {
                let _ = h.replace_state(&JsValue::from_str(&ctx.session.step.key(&ctx.rb)), "");
            }
            let listener = dom::window().map(|w| {
                let ctx = ctx.clone();
                EventListener::new(&w, "popstate", move |e| {
                    let e = e.unchecked_ref::<web_sys::PopStateEvent>();
                    let key = e.state().as_string().unwrap_or_default();
                    let step = Step::from_key(&ctx.rb, &key).unwrap_or(Step::Start);
                    ctx.dispatch(Action::FromHistory(step));
                })
            });
            move || drop(listener)
        });
    }
    let key = ctx.session.step.key(&ctx.rb);
    let push = ctx.push;
    use_effect_with(ctx.nav, move |nav| {
        if *nav > 0
            && push
            && let Some(h) = dom::window().and_then(|w| w.history().ok())
        {
            let _ = h.push_state(&JsValue::from_str(&key), "");
        }
    });
}

/// Asks before leaving or reloading while there are answers, except during a quick exit.
#[hook]
pub fn use_unload_warning(has_answers: bool) {
    let flag = use_memo((), |_| Rc::new(Cell::new(false)));
    flag.set(has_answers);
    let flag = (*flag).clone();
    use_effect_with((), move |_| {
        let listener = dom::window().map(|w| {
            EventListener::new_with_options(&w, "beforeunload", EventListenerOptions::enable_prevent_default(), move |e| {
                let exiting = dom::root().is_some_and(|r| r.has_attribute("data-exiting"));
                if flag.get() && !exiting {
                    e.prevent_default();
                    if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        e.set_return_value("unsaved");
                    }
                }
            })
        });
        move || drop(listener)
    });
}

/// Moves focus to the page heading whenever the page changes (not on first load).
#[hook]
pub fn use_focus_on_navigation(nav: u32) {
    use_effect_with(nav, |nav| {
        if *nav > 0 {
            dom::focus("main h1");
            if let Some(w) = dom::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
}

/// Keeps the document title and `lang` attribute current.
#[hook]
pub fn use_document_meta(title: String, lang: &'static str) {
    use_effect_with((title, lang), |(title, lang)| {
        dom::set_title(title);
        if let Some(r) = dom::root() {
            let _ = r.set_attribute("lang", lang);
        }
    });
}

/// Opens the folded details of the result while printing (from the page's
/// buttons or the browser's own menu), and folds them again afterwards.
#[hook]
pub fn use_print_opens_details() {
    use_effect_with((), |_| {
        let listeners = dom::window().map(|w| {
            let before = EventListener::new(&w, "beforeprint", |_| dom::open_details(true));
            let after = EventListener::new(&w, "afterprint", |_| dom::open_details(false));
            (before, after)
        });
        move || drop(listeners)
    });
}
