//! Check your answers: every answer with a "change" button.

use yew::prelude::*;

use super::{answer_list, notice};
use crate::app::state::{Action, AppContext};
use crate::i18n::ui;

/// Check your answers.
pub fn review_page(ctx: &AppContext) -> Html {
    let t = ui(ctx.locale);
    let onresult = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::ShowResult))
    };
    html! {
        <div class="review">
            { super::back_link(t.back, "back-link") }
            { notice(ctx) }
            <h1 tabindex="-1">{ t.review_title }</h1>
            <p class="lead">{ t.review_lead }</p>
            { answer_list(ctx, true, 2) }
            <button type="button" class="button" id="see-result" onclick={onresult}>{ t.see_result }</button>
        </div>
    }
}
