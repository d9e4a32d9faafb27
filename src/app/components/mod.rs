//! The pages and their parts, one per file. Only the question page is a
//! component of its own (it keeps the unsubmitted answer); the rest are plain
//! functions of the shared state, which keeps the shipped wasm small. Buttons
//! that only dispatch an action carry it in `data-act` and share one handler
//! per page ([`on_act`]) instead of a closure each.

mod answers;
mod dialog;
mod document;
mod files;
mod layout;
mod notice;
mod plan;
mod question;
mod raw;
mod result;
mod review;
mod rulebook_error;
mod score;
mod start;

pub use answers::answer_list;
pub use dialog::dialog;
pub use document::{document_page, talk_paper};
pub use files::{open_file, save_button};
pub use layout::{header_markup, layout};
pub use notice::notice;
pub use plan::plan_builder;
pub use question::QuestionPage;
pub use result::result_page;
pub use review::review_page;
pub use rulebook_error::{Problem, rulebook_error_page};
pub use score::{score_breakdown, score_points};
pub use start::start_page;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::state::{Action, AppContext, Print};
use crate::engine::model::{PathId, Question, Rulebook};
use crate::engine::{Answer, Locale};

/// An answer in words, exactly as typed for free text; options worded as on `path`.
pub fn answer_text(rb: &Rulebook, q: &Question, a: Option<&Answer>, l: Locale, path: Option<&PathId>) -> String {
    crate::engine::documents::answer_text(rb, q, a, l, crate::i18n::ui(l).list_sep, path)
}

/// Children from a list of nodes. The pages build their lists with plain
/// loops into a `Vec<Html>` and pass them here: one shared conversion instead
/// of an iterator chain per list keeps the shipped wasm smaller.
pub fn nodes(items: Vec<Html>) -> Html {
    Html::from_iter(items)
}

/// One handler for the buttons of a page: each says what it does in
/// `data-act` (`start`, `back`, `result`, `go-on`, `change:3`, `doc:1`,
/// `what-if:q=o`, `what-if`, `print:full`, `print:talk`, `print:paper`,
/// `restart`, `yes`, `no`, `drop`, `keep`, `dismiss`).
pub fn on_act(ctx: &AppContext) -> Callback<MouseEvent> {
    let ctx = ctx.clone();
    Callback::from(move |e: MouseEvent| {
        let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest("[data-act]").ok().flatten())
        else {
            return;
        };
        let act = el.get_attribute("data-act").unwrap_or_default();
        let (verb, arg) = act.split_once(':').unwrap_or((act.as_str(), ""));
        let n = || arg.parse::<usize>().ok();
        let action = match verb {
            "start" => Action::Start,
            "back" => Action::Back,
            "result" => Action::ShowResult,
            "go-on" => Action::GoOn,
            "restart" => Action::Restart,
            "yes" => Action::Confirm(true),
            "no" => Action::Confirm(false),
            "drop" => Action::ConfirmDrop,
            "keep" => Action::CancelDrop,
            "dismiss" => Action::Dismiss,
            "change" => match n() {
                Some(i) => Action::Change(i),
                None => return,
            },
            "doc" => match n() {
                Some(i) => Action::OpenDocument(i),
                None => return,
            },
            "what-if" => Action::WhatIf(arg.split_once('=').map(|(q, o)| (q.into(), o.into()))),
            "print" => Action::Print(match arg {
                "talk" => Print::Talk,
                "paper" => Print::Paper,
                _ => Print::Full,
            }),
            _ => return,
        };
        e.prevent_default();
        ctx.dispatch(action);
    })
}

/// The "Back" link at the top of a page: one step back within the run.
pub fn back_link(label: &'static str, class: &'static str) -> Html {
    html! { <button type="button" {class} data-act="back">{ label }</button> }
}

/// The blank paper form in a locale (`rulebook blank-form` writes one per locale).
pub fn paper_form(l: Locale) -> String {
    if l.is_primary() { "blank-form.html".to_owned() } else { format!("blank-form.{}.html", l.tag()) }
}

/// The DOM id of a question's first control.
pub fn field_id(q: &Question) -> String {
    format!("f-{}", q.id)
}
