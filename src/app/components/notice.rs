//! The one-off message after opening a saved file.

use yew::prelude::*;

use crate::app::state::{AppContext, Notice};
use crate::engine::save::{Dropped, OpenError};
use crate::i18n::{fill, ui};

/// The message after opening a file, if any.
pub fn notice(ctx: &AppContext) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    match &ctx.notice {
        None => html! {},
        Some(Notice::OpenFailed(e)) => {
            let msg = match e {
                Some(OpenError::NotJson) => t.open_not_json,
                Some(OpenError::Foreign) => t.open_foreign,
                Some(OpenError::TooNew { .. }) => t.open_too_new,
                None => t.open_unreadable,
            };
            html! { <div class="notice notice--error" role="alert" id="open-error">{ msg }</div> }
        }
        Some(Notice::LocaleFailed(to)) => {
            html! { <div class="notice notice--error" role="alert" id="locale-error">{ fill(t.locale_failed, &[("language", to.def().name)]) }</div> }
        }
        Some(Notice::Opened(o)) => {
            let name = |id: &str| rb.question(id).map_or(id.to_owned(), |q| q.short.get(l).to_owned());
            let dropped: Vec<String> = o
                .dropped
                .iter()
                .map(|d| match d {
                    Dropped::NoSuchQuestion(id) => fill(t.dropped_unknown_question, &[("id", id)]),
                    Dropped::DoesNotFit(q) | Dropped::NotAsked(q) => name(&q.0),
                    Dropped::NoSuchMeasure(id) => fill(t.dropped_unknown_measure, &[("id", id)]),
                    Dropped::NoSuchDocument(id) => fill(t.dropped_unknown_document, &[("id", id)]),
                })
                .collect();
            html! {
                <div class="notice" role="status" id="open-notice">
                    <p>{ fill(t.opened, &[("date", &o.saved)]) }</p>
                    if let Some((id, version)) = &o.other_rulebook {
                        <p>{ fill(t.opened_other, &[("id", id), ("version", version)]) }</p>
                    }
                    if !dropped.is_empty() {
                        <p>{ t.opened_dropped }</p>
                        <ul id="open-dropped">{ for dropped.iter().map(|d| html! { <li>{ d }</li> }) }</ul>
                    }
                </div>
            }
        }
    }
}
