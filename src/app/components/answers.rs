//! Every shown question with its answer, grouped by section: the review page
//! (with "change" buttons) and the summary.

use yew::prelude::*;

use super::answer_text;
use crate::app::state::{Action, AppContext};
use crate::engine::condition::visible;
use crate::engine::model::{Condition, Question, QuestionId, QuestionKind};
use crate::i18n::ui;

/// Every shown answer; `editable` adds a "change" button to each row; `level`
/// is the heading level of the section titles.
pub fn answer_list(ctx: &AppContext, editable: bool, level: u8) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let shown = visible(rb, &ctx.session.answers);
    let sections = rb.sections.iter().filter_map(|s| {
        let rows: Vec<_> = rb.questions.iter().enumerate().filter(|(i, q)| shown[*i] && q.section == s.id).collect();
        if rows.is_empty() {
            return None;
        }
        // Left out of the summary for a first talk: what the red lines read, and free text.
        let omitted = |q: &Question| q.kind == QuestionKind::Text || rb.red_lines.iter().any(|r| reads(&r.when, &q.id));
        // A section whose every answer is left out leaves no heading behind (a class, not
        // `:has()`, which the supported browsers lack).
        let all_omitted = rows.iter().all(|(_, q)| omitted(q));
        let rows = rows.into_iter().map(|(i, q)| {
            let a = ctx.session.answers.get(&q.id.0);
            let omit = omitted(q);
            let onchange = {
                let ctx = ctx.clone();
                Callback::from(move |_| ctx.dispatch(Action::Change(i)))
            };
            html! {
                <div class={if omit { "summary-list__row talk-omit" } else { "summary-list__row" }} key={q.id.0.clone()} data-answer={q.id.0.clone()}>
                    <dt class="summary-list__key">{ q.short.get(l) }</dt>
                    <dd class={if a.is_none() { "summary-list__value user-text summary-list__value--empty" } else { "summary-list__value user-text" }}>
                        { answer_text(rb, q, a, l) }
                    </dd>
                    if editable {
                        <dd class="summary-list__actions">
                            <button type="button" class="link-button" data-change={q.id.0.clone()} onclick={onchange}>
                                { t.change }<span class="visually-hidden">{ " " }{ q.short.get(l) }</span>
                            </button>
                        </dd>
                    }
                </div>
            }
        });
        let title = s.title.get(l);
        Some(html! {
            <section class={if all_omitted { "summary-section talk-omit" } else { "summary-section" }} key={s.id.0.clone()}>
                if level == 2 { <h2>{ title }</h2> } else { <h3>{ title }</h3> }
                <dl class="summary-list">{ for rows }</dl>
            </section>
        })
    });
    html! { <div class="answers">{ for sections }</div> }
}

/// Whether a condition reads a question.
fn reads(c: &Condition, q: &QuestionId) -> bool {
    let mut found = false;
    c.questions(&mut |x| found |= x == q);
    found
}
