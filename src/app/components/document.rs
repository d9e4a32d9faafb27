//! A paper drafted from the answers (a statement, a prior risk filing form):
//! each section starts from the rulebook's template filled in from the
//! answers, and can be edited; what the user writes stays in the run and in
//! the file they save, nowhere else. It prints alone on A4.

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{back_link, nodes};
use crate::app::dom;
use crate::app::state::{Action, AppContext};
use crate::engine::Assessment;
use crate::engine::documents::{Filling, fill_template};
use crate::i18n::ui;

/// The paper at position `i` of the rulebook.
pub fn document_page(ctx: &AppContext, a: &Assessment, i: usize) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let Some(doc) = rb.documents.get(i) else { return html! {} };
    let today = dom::today();
    let f = Filling {
        rb,
        answers: &ctx.session.answers,
        assessment: a,
        plan: &ctx.session.plan,
        today: &today,
        locale: l,
        sep: "\n",
        no_date: t.plan_no_date,
    };
    let mut sections = Vec::new();
    for (k, s) in doc.sections.iter().enumerate() {
        let id = format!("doc-{}-{k}", doc.id);
        let text = ctx.session.drafts.get(&doc.id, k).map_or_else(|| fill_template(s.body.get(l), &f), str::to_owned);
        let oninput = {
            let (ctx, doc_id) = (ctx.clone(), doc.id.clone());
            Callback::from(move |e: InputEvent| {
                if let Some(area) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                    ctx.dispatch(Action::Draft(doc_id.clone(), k, area.value()));
                }
            })
        };
        let rows = (text.lines().count() as u32 + 2).clamp(3, 16).to_string();
        let mut lines = Vec::new();
        for _ in 0..s.lines {
            lines.push(html! { <span></span> });
        }
        sections.push(html! {
            <section class="doc-section" key={k}>
                if s.editable {
                    <h2><label for={id.clone()}>{ s.heading.get(l) }</label></h2>
                    <textarea class="textarea doc-text no-print" id={id.clone()} data-section={k.to_string()} {rows}
                        value={text.clone()} {oninput} spellcheck="false" autocomplete="off" />
                    <p class="print-only user-text doc-print">{ text }</p>
                } else {
                    <h2>{ s.heading.get(l) }</h2>
                    if !text.is_empty() { <p class="user-text">{ text }</p> }
                }
                if s.lines > 0 { <div class="lines" aria-hidden="true">{ nodes(lines) }</div> }
            </section>
        });
    }
    let onprint = Callback::from(|_| dom::print("document", ui(crate::engine::Locale::PRIMARY).print_title));
    let onback = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::ShowResult))
    };
    html! {
        <div class="document" data-document={doc.id.0.clone()}>
            { back_link(t.back, "back-link no-print") }
            <h1 tabindex="-1">{ doc.title.get(l) }</h1>
            <p class="lead no-print">{ doc.intro.get(l) }</p>
            { nodes(sections) }
            <div class="button-group no-print">
                <button type="button" class="button" id="print-document" onclick={onprint}>{ t.document_print }</button>
                { super::save_button(ctx) }
                <button type="button" class="button button--secondary" id="document-back" onclick={onback}>{ t.document_back }</button>
            </div>
        </div>
    }
}
