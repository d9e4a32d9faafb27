//! Check your answers: every answer asked, with a "change" button.

use yew::prelude::*;

use super::{answer_list, notice};
use crate::app::state::AppContext;
use crate::i18n::ui;

/// Check your answers: answers that do not fit together are flagged first,
/// each with a way to change the answers involved.
pub fn review_page(ctx: &AppContext) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let path = ctx.path();
    let mut clashes = Vec::new();
    for c in ctx.clashes.iter().filter_map(|id| rb.consistency.iter().find(|c| &c.id == id)) {
        let mut links: Vec<usize> = Vec::new();
        c.when.questions(&mut |q| {
            if let Some(i) = rb.question_index(&q.0)
                && !links.contains(&i)
            {
                links.push(i);
            }
        });
        let mut buttons = Vec::new();
        for i in links {
            buttons.push(html! {
                <button type="button" class="link-button" data-act={format!("change:{i}")}>{ t.change }{ " " }{ rb.questions[i].on(path).short.get(l) }</button>
            });
        }
        clashes.push(
            html! { <li data-clash={c.id.0.clone()}><p>{ c.message.get(l) }</p><p class="button-row">{ super::nodes(buttons) }</p></li> },
        );
    }
    html! {
        <div class="review" data-page="review">
            { super::back_link(t.back, "back-link") }
            { notice(ctx) }
            <h1 tabindex="-1">{ t.review_title }</h1>
            <p class="lead">{ t.review_lead }</p>
            if !clashes.is_empty() {
                <div class="notice notice--warning" id="clashes" role="status">
                    <h2>{ t.clash_title }</h2>
                    <ul class="list">{ super::nodes(clashes) }</ul>
                </div>
            }
            { answer_list(ctx, true, 2) }
            <button type="button" class="button" id="see-result" data-act="result">{ t.see_result }</button>
        </div>
    }
}
