//! Every question the run asked with its answer, grouped by section: the
//! check page (with "change" buttons) and the printed result. A question not
//! asked has no row.

use yew::prelude::*;

use super::answer_text;
use crate::app::state::AppContext;
use crate::i18n::ui;

/// Every answer asked; `editable` adds a "change" button to each row;
/// `level` is the heading level of the section titles.
pub fn answer_list(ctx: &AppContext, editable: bool, level: u8) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let path = ctx.path();
    let asked = ctx.asked();
    let mut sections = Vec::new();
    for s in &rb.sections {
        let mut rows = Vec::new();
        for (i, q) in rb.questions.iter().enumerate().filter(|(i, q)| asked[*i] && q.section == s.id) {
            let a = ctx.session.answers.get(&q.id.0);
            // An optional question passed by is left out of the summary (a row only for what was said);
            // the check page keeps it, so that it can still be answered.
            if a.is_none() && !q.required && !editable {
                continue;
            }
            let short = q.on(path).short.get(l);
            rows.push(html! {
                <div class="summary-list__row" key={q.id.0.clone()} data-answer={q.id.0.clone()}>
                    <dt class="summary-list__key">{ short }</dt>
                    <dd class="summary-list__value user-text">{ answer_text(rb, q, a, l, path) }</dd>
                    if editable {
                        <dd class="summary-list__actions">
                            <button type="button" class="link-button" data-change={q.id.0.clone()} data-act={format!("change:{i}")}>
                                { t.change }<span class="visually-hidden">{ " " }{ short }</span>
                            </button>
                        </dd>
                    }
                </div>
            });
        }
        if rows.is_empty() {
            continue;
        }
        let title = s.title.get(l);
        sections.push(html! {
            <section class="summary-section" key={s.id.0.clone()}>
                if level == 2 { <h2>{ title }</h2> } else { <h3>{ title }</h3> }
                <dl class="summary-list">{ super::nodes(rows) }</dl>
            </section>
        });
    }
    html! { <div class="answers">{ super::nodes(sections) }</div> }
}
