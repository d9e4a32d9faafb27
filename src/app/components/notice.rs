//! The one-off message at the top of the page: a file opened (and what of
//! it no longer applies), a file that could not be opened, a language that
//! could not be fetched, a file saved.

use yew::prelude::*;

use crate::app::state::{AppContext, Notice};
use crate::engine::save::{Dropped, OpenError};
use crate::i18n::{fill, ui};

/// Items of a list shown before the rest are counted.
const LISTED: usize = 10;

/// The message, if any.
pub fn notice(ctx: &AppContext) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let path = ctx.path();
    let (class, role, id, body) = match &ctx.notice {
        None => return html! {},
        Some(Notice::OpenFailed(e)) => {
            let msg = match e {
                Some(OpenError::NotJson) => t.open_not_json,
                Some(OpenError::Foreign) => t.open_foreign,
                Some(OpenError::TooNew { .. }) => t.open_too_new,
                Some(OpenError::TooLarge) => t.open_too_large,
                None => t.open_unreadable,
            };
            ("notice notice--error", "alert", "open-error", html! { <p>{ msg }</p> })
        }
        Some(Notice::LocaleFailed(to)) => {
            ("notice notice--error", "alert", "locale-error", html! { <p>{ fill(t.locale_failed, &[("language", to.def().name)]) }</p> })
        }
        Some(Notice::Saved) => ("notice", "status", "saved-notice", html! { <p>{ t.saved_notice }</p> }),
        Some(Notice::Opened(o)) => {
            let name = |id: &str| rb.question(id).map_or(id.to_owned(), |q| q.on(path).short.get(l).to_owned());
            // Unknown ids are the file's own text: shown isolated, the first few, then a count.
            let mut dropped = Vec::new();
            for d in o.dropped.iter().take(LISTED) {
                dropped.push(match d {
                    Dropped::NoSuchQuestion(id) => {
                        html! { <li><bdi class="user-text">{ fill(t.dropped_unknown_question, &[("id", id)]) }</bdi></li> }
                    }
                    Dropped::DoesNotFit(q) | Dropped::NotAsked(q) => html! { <li>{ name(&q.0) }</li> },
                    Dropped::NoSuchMeasure(id) => {
                        html! { <li><bdi class="user-text">{ fill(t.dropped_unknown_measure, &[("id", id)]) }</bdi></li> }
                    }
                    Dropped::NoSuchDocument(id) => {
                        html! { <li><bdi class="user-text">{ fill(t.dropped_unknown_document, &[("id", id)]) }</bdi></li> }
                    }
                });
            }
            let more = o.dropped.len().saturating_sub(LISTED);
            let body = html! {
                <>
                    <p>{ fill(t.opened, &[("date", &o.saved)]) }</p>
                    if let Some((id, version)) = &o.other_rulebook {
                        <p>{ t.opened_other_before }<bdi class="user-text">{ format!("{id} {version}") }</bdi>{ t.opened_other_after }</p>
                    }
                    if !o.dropped.is_empty() {
                        <p>{ t.opened_dropped }</p>
                        <ul id="open-dropped">{ super::nodes(dropped) }</ul>
                        if more > 0 { <p>{ fill(t.opened_more, &[("n", &more.to_string())]) }</p> }
                    }
                </>
            };
            ("notice", "status", "open-notice", body)
        }
    };
    html! {
        <div {class} {role} {id} data-notice="" tabindex="-1">
            { body }
            <button type="button" class="link-button no-print" data-act="dismiss">{ t.dismiss }</button>
        </div>
    }
}
