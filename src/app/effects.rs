//! The effects the app core asks for, performed: focus, scrolling, the one
//! browser-history entry, printing and downloads; the document's title and
//! language; and a quick exit of the app's own should `exit.js` not have run.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::dom;
use super::state::{Action, AppContext, Effect, Focus, Print};
use crate::i18n::ui;

/// The one history state the page ever writes: it says nothing about the run.
const ARMED: &str = "rongcuo";

/// Runs each batch of effects once, after the page it belongs to has rendered.
#[hook]
pub fn use_effects(ctx: &AppContext) {
    let effects = ctx.effects.clone();
    let locale = ctx.locale;
    use_effect_with(ctx.seq, move |_| {
        for e in effects {
            match e {
                Effect::Focus(f) => dom::focus(match f {
                    Focus::Heading => "main h1",
                    Focus::ErrorSummary => "#error-summary",
                    Focus::DropConfirm => "#drop-confirm",
                    Focus::Dialog => "#dialog",
                    Focus::Notice => "[data-notice]",
                }),
                Effect::ScrollTop => {
                    if let Some(w) = dom::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                }
                Effect::Arm => {
                    if history_allowed() && !on_entry() {
                        arm();
                    }
                }
                Effect::Print(p) => dom::print(
                    match p {
                        Print::Full => "full",
                        Print::Talk => "talk",
                        Print::Paper => "document",
                    },
                    ui(locale).print_title,
                ),
                Effect::Download { name, text } => dom::download(&name, "application/json", &text),
            }
        }
    });
}

/// Whether the page may add its one history entry: yes on a page of its
/// own; inside a host page's frame only when the host asked (`history=1`),
/// since the entry would join the host's own history.
fn history_allowed() -> bool {
    !dom::in_frame() || crate::options::parse(&dom::query()).history
}

/// Whether the browser is on the page's own entry.
fn on_entry() -> bool {
    let state = dom::window().and_then(|w| w.history().ok()).and_then(|h| h.state().ok());
    state.and_then(|s| s.as_string()).as_deref() == Some(ARMED)
}

/// Adds the page's one history entry, with a constant state. Pushed from
/// the page's first entry, it replaces any entry ahead, so the page never
/// has more than one of its own.
fn arm() {
    if let Some(h) = dom::window().and_then(|w| w.history().ok()) {
        let _ = h.push_state(&JsValue::from_str(ARMED), "");
    }
}

/// The browser's Back steps back within the run. The page has at most one
/// entry of its own (added on the start click, with a constant state), so
/// Back from it lands on the page's first entry: the app steps back and, if
/// the run still has a step behind it, adds the entry again at once (in the
/// same event, so a quick second Back is still caught). From the first step
/// Back shows the start page and is not caught again: the next Back leaves
/// the tool. Forward lands on the entry again and changes nothing. A page
/// restored from the back/forward cache with a run under way gets its entry
/// back.
#[hook]
pub fn use_history(ctx: &AppContext) {
    // How many steps the run can go back (read by the listeners, set on every render).
    let depth = use_memo((), |_| Rc::new(Cell::new(0usize)));
    depth.set(ctx.trail.len());
    let depth = (*depth).clone();
    let dispatch = ctx.dispatcher();
    use_effect_with((), move |_| {
        let listeners = dom::window().map(|w| {
            let (steps, d) = (depth.clone(), dispatch.clone());
            let pop = EventListener::new(&w, "popstate", move |_| {
                if on_entry() {
                    return; // Forward: back on the entry, nothing to do.
                }
                let n = steps.get();
                if n > 0 {
                    if n > 1 && history_allowed() {
                        arm();
                    }
                    d.dispatch(Action::Back);
                }
            });
            let show = EventListener::new(&w, "pageshow", move |e| {
                let persisted = e.dyn_ref::<web_sys::PageTransitionEvent>().is_some_and(|e| e.persisted());
                if persisted && depth.get() > 0 && !on_entry() && history_allowed() {
                    arm();
                }
            });
            (pop, show)
        });
        move || drop(listeners)
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

/// Quick exit of the app's own, when `exit.js` did not run (it failed to
/// load): the same button and the same Shift × 3, counted the same way.
pub fn ensure_quick_exit() {
    let Some(root) = dom::root() else { return };
    if root.has_attribute("data-exit-url") || root.has_attribute("data-exit-installed") {
        return;
    }
    let _ = root.set_attribute("data-exit-installed", "");
    let Some(doc) = dom::document() else { return };
    let click = EventListener::new_with_options(
        &doc,
        "click",
        gloo::events::EventListenerOptions { phase: gloo::events::EventListenerPhase::Capture, passive: false },
        |e| {
            let hit =
                e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest("[data-quick-exit]").ok().flatten());
            if hit.is_some() {
                e.prevent_default();
                dom::quick_exit();
            }
        },
    );
    let counter = Rc::new(dom::ShiftCounter::default());
    let keys = {
        let c = counter.clone();
        EventListener::new(&doc, "keydown", move |e| {
            if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                c.key_down(&k.key());
            }
        })
    };
    let up = {
        let c = counter.clone();
        EventListener::new(&doc, "keyup", move |e| {
            let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if c.key_up(&k.key(), dom::typing(e.target())) {
                dom::quick_exit();
            }
        })
    };
    let pointer = {
        let c = counter.clone();
        EventListener::new(&doc, "pointerdown", move |_| c.reset())
    };
    let wheel = EventListener::new(&doc, "wheel", move |_| counter.reset());
    // Kept for the life of the page.
    std::mem::forget((click, keys, up, pointer, wheel));
}
