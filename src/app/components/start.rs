//! The start page. Its Chinese rendering is also written statically in
//! `index.html` (by `build.rs`), so it paints before the wasm loads; keep the
//! two identical (an end-to-end test compares them). The start button comes
//! first, so it shows without scrolling on a phone.

use yew::prelude::*;

use super::paper_form;
use super::{notice, open_file};
use crate::app::state::AppContext;
use crate::i18n::{fill, ui};

/// The start page.
pub fn start_page(ctx: &AppContext) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let paper = paper_form(l);
    html! {
        <div class="start" id="start">
            { notice(ctx) }
            <p class="caption">{ t.start_caption }</p>
            <h1 tabindex="-1">{ rb.meta.title.get(l) }</h1>
            <p class="lead">{ t.start_lead }</p>
            <p class="start__time">{ fill(t.time_text, &[("minutes", &rb.meta.minutes.to_string()), ("count", &rb.typical_questions().to_string())]) }</p>
            <button type="button" class="button button--start" data-action="start" data-act="start">{ t.start_button }</button>
            <p class="callout">{ t.start_not }</p>
            <h2>{ t.privacy_title }</h2>
            <ul class="list list--tick">
                <li>{ t.privacy_1 }</li>
                <li>{ t.privacy_2 }</li>
                <li>{ t.privacy_3 }</li>
                <li>{ t.privacy_4 }</li>
            </ul>
            <h2>{ t.get_title }</h2>
            <ul class="list">
                <li>{ t.get_1 }</li>
                <li>{ t.get_2 }</li>
                <li>{ t.get_3 }</li>
                <li>{ t.get_4 }</li>
            </ul>
            { open_file(ctx) }
            <h2>{ t.exit_title }</h2>
            <p>{ t.exit_text }</p>
            <p>{ t.exit_history }</p>
            <p class="paper-link">{ t.paper_text }<a href={paper}>{ t.paper_link }</a>{ t.paper_after }</p>
            <p class="small">{ rb.meta.notice.get(l) }</p>
            <p class="small">{ rb.meta.disclaimer.get(l) }</p>
        </div>
    }
}
