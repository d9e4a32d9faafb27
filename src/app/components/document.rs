//! A paper drafted from the answers (a statement, an application, a prior
//! risk filing form): each section's paragraph is the rulebook's sentences
//! for these answers ([`crate::engine::documents`]), editable on the page;
//! what the user writes stays in the run and in the file they save, nowhere
//! else. It prints alone on A4. The version for a talk prints straight from
//! the result page ([`talk_paper`]).

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{back_link, nodes};
use crate::app::dom;
use crate::app::state::{Action, AppContext};
use crate::engine::Assessment;
use crate::engine::documents::{Filled, Filling, fill_document};
use crate::engine::model::Document;
use crate::i18n::ui;

fn filled(ctx: &AppContext, a: &Assessment, doc: &Document) -> Vec<Filled> {
    let today = dom::today();
    let path = ctx.path();
    let f = Filling {
        rb: &ctx.rb,
        answers: &ctx.session.answers,
        assessment: a,
        plan: &ctx.session.plan,
        today: &today,
        locale: ctx.locale,
        path,
        doc: None,
    };
    fill_document(doc, &f)
}

/// A section's labelled lines to write on (the addressee, a signature).
fn fields(s: &Filled) -> Html {
    let mut items = Vec::new();
    for f in &s.fields {
        items.push(html! { <p class="doc-field"><span class="doc-field__label">{ f }</span><span class="doc-field__line" aria-hidden="true"></span></p> });
    }
    nodes(items)
}

fn blank_lines(n: u32) -> Html {
    let mut lines = Vec::new();
    for _ in 0..n {
        lines.push(html! { <span></span> });
    }
    html! { <div class="lines" aria-hidden="true">{ nodes(lines) }</div> }
}

/// The paper at position `i` of the rulebook.
pub fn document_page(ctx: &AppContext, a: &Assessment, i: usize) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let Some(doc) = ctx.rb.documents.get(i) else { return html! {} };
    let mut sections = Vec::new();
    for s in filled(ctx, a, doc) {
        let k = s.index;
        let id = format!("doc-{}-{k}", doc.id);
        let text = ctx.session.drafts.get(&doc.id, k).map_or_else(|| s.text.clone(), str::to_owned);
        let oninput = {
            let (ctx, doc_id) = (ctx.clone(), doc.id.clone());
            Callback::from(move |e: InputEvent| {
                if let Some(area) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                    ctx.dispatch(Action::Draft(doc_id.clone(), k, area.value()));
                }
            })
        };
        let rows = (text.lines().count() as u32 + 2).clamp(3, 16).to_string();
        let label = s.heading.clone().unwrap_or_else(|| t.doc_paragraph.to_owned());
        sections.push(html! {
            <section class={if s.right { "doc-section doc-section--right" } else { "doc-section" }} key={k}>
                if let Some(h) = &s.heading { <h2>{ h }</h2> }
                if s.right { { fields(&s) } }
                if s.editable {
                    <label class="visually-hidden" for={id.clone()}>{ label }</label>
                    <textarea class="textarea doc-text no-print" id={id.clone()} data-section={k.to_string()} {rows} maxlength={crate::engine::documents::MAX_DRAFT_CHARS.to_string()}
                        value={text.clone()} {oninput} spellcheck="false" autocomplete="off" />
                    { print_lines(&text, "print-only user-text doc-print") }
                } else if !text.is_empty() {
                    { print_lines(&text, "user-text doc-print") }
                }
                if !s.right { { fields(&s) } }
                if s.lines > 0 { { blank_lines(s.lines) } }
            </section>
        });
    }
    html! {
        <div class="document" data-document={doc.id.0.clone()}>
            { back_link(t.back, "back-link no-print") }
            <h1 tabindex="-1">{ doc.title.get(l) }</h1>
            <p class="lead no-print">{ doc.intro.get(l) }</p>
            { nodes(sections) }
            <div class="button-group no-print">
                <button type="button" class="button" id="print-document" data-act="print:paper">{ t.document_print }</button>
                { super::save_button(ctx) }
                <button type="button" class="button button--secondary" id="document-back" data-act="result">{ t.document_back }</button>
            </div>
        </div>
    }
}

/// A paper's text as printed: a paragraph per line, indented as a paragraph
/// is, except an enumerated item ("（1）…"), which starts at the margin.
fn print_lines(text: &str, class: &str) -> Html {
    let item = format!("{class} doc-print--item");
    let mut h = super::raw::Raw::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let enumerated = line.trim_start().strip_prefix(['（', '(']).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        h.el("p", &[("class", if enumerated { &item } else { class })], line);
    }
    h.html()
}

/// The version for a first talk, printed from the result page ("print for a
/// talk"): on screen it is not shown; in print it is all that shows.
pub fn talk_paper(ctx: &AppContext, a: &Assessment, doc: &Document) -> Html {
    let l = ctx.locale;
    let mut sections = Vec::new();
    for s in filled(ctx, a, doc) {
        sections.push(html! {
            <section class={if s.right { "doc-section doc-section--right" } else { "doc-section" }}>
                if let Some(h) = &s.heading { <h2>{ h }</h2> }
                if !s.text.is_empty() { { print_lines(&s.text, "user-text doc-print") } }
                { fields(&s) }
            </section>
        });
    }
    html! {
        <div class="talk-paper" id="talk-paper" data-talk={doc.id.0.clone()}>
            <h1>{ doc.title.get(l) }</h1>
            { nodes(sections) }
        </div>
    }
}
