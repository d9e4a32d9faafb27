//! The result, leading with what to do: the sections of the engine's view
//! model ([`crate::engine::view`]), each a small function of its own part of
//! the state. The same page is the early outcome, shown as soon as the
//! outcome is decided, with a way to go on to the plan.

use yew::prelude::*;

use super::{answer_list, answer_text, notice, open_file, plan_builder, save_button, score_breakdown, score_points, talk_paper};
use crate::app::state::AppContext;
use crate::engine::Assessment;
use crate::engine::assess::{Detail, Side, Stage};
use crate::engine::model::{ElementStatus, QuestionId, Rulebook, Tone};
use crate::engine::view::{ReasonView, ResultView, Section, result_view};
use crate::engine::{Answers, Locale};
use crate::i18n::{Ui, fill, ui};

/// The result page for an assessment of the answers.
pub fn result_page(ctx: &AppContext, a: &Assessment) -> Html {
    let rb = &ctx.rb;
    let Some(v) = result_view(rb, a, ctx.session.step) else { return html! {} };
    let answers = ctx.answers_shown();
    let mut parts = Vec::new();
    for s in &v.sections {
        parts.push(match s {
            Section::Outcome => outcome(ctx, &v, a),
            Section::Reasons => reasons(ctx, &v, &answers),
            Section::NextSteps => next_steps(ctx, &v),
            Section::Plan => plan_builder(ctx, a),
            Section::Risks => risks(ctx, a),
            Section::Papers => papers(ctx, &v),
            Section::Changes => changes(ctx, a),
            Section::Materials => materials(ctx, a),
            Section::Afterwards => afterwards(ctx, &v),
            Section::Procedure => procedure(ctx),
            Section::Details => details(ctx, &v, a, &answers),
            Section::Disclaimer => disclaimer(ctx),
        });
    }
    let t = ui(ctx.locale);
    html! {
        <div class={if v.early { "result result--early" } else { "result" }}>
            { super::back_link(t.back, "back-link no-print") }
            { notice(ctx) }
            { what_if_banner(ctx) }
            { super::nodes(parts) }
            if let Some((_, d)) = v.talk { { talk_paper(ctx, a, d) } }
        </div>
    }
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Favourable => "outcome outcome--favourable",
        Tone::Caution => "outcome outcome--caution",
        Tone::Unfavourable => "outcome outcome--unfavourable",
        Tone::Info => "outcome outcome--info",
    }
}

/// A stable spelling of the stage, for tests and styling.
fn stage_key(s: Stage) -> &'static str {
    match s {
        Stage::Scope => "scope",
        Stage::RedLine => "red_line",
        Stage::Track => "track",
        Stage::Distinction => "distinction",
        Stage::Decision => "decision",
        Stage::Unknown => "unknown",
    }
}

fn outcome(ctx: &AppContext, v: &ResultView<'_>, a: &Assessment) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let rb = &ctx.rb;
    html! {
        <>
            <div class="summary-head print-only">
                <p class="summary-head__title">{ rb.meta.title.get(l) }{ " · " }{ t.summary_title }</p>
                <p>{ t.summary_date }{ t.colon }{ crate::app::dom::today() }{ "　" }{ t.summary_rulebook }{ t.colon }
                    { fill(t.rulebook_named, &[("issuer", rb.meta.issuer.get(l)), ("version", &rb.meta.version), ("effective", &rb.meta.effective)]) }</p>
                <p class="small">{ t.summary_no_name }</p>
            </div>
            <div class={tone_class(v.tier.tone)} data-outcome={a.tier.0.clone()} data-stage={stage_key(a.stage)} id="outcome">
                <p class="caption">{ if v.early { t.outcome_caption_early } else { t.result_caption } }</p>
                <h1 tabindex="-1">{ v.tier.title.get(l) }</h1>
                <p>{ v.tier.summary.get(l) }</p>
                if v.early && v.tier.correction {
                    <p class="small no-print">{ t.go_on_hint }</p>
                    <button type="button" class="button button--secondary no-print" id="go-on" data-act="go-on">{ t.go_on }</button>
                }
            </div>
        </>
    }
}

/// "Question: answer" items, each with a way to change it.
fn answers_behind(ctx: &AppContext, answers: &Answers, questions: &[QuestionId]) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let path = ctx.path();
    let mut items = Vec::new();
    for id in questions {
        let Some(i) = rb.question_index(&id.0) else { continue };
        let q = &rb.questions[i];
        let short = q.on(path).short.get(l);
        items.push(html! {
            <li>{ short }{ t.colon }<span class="user-text">{ answer_text(rb, q, answers.get(&q.id.0), l, path) }</span>
                { " " }<button type="button" class="link-button no-print" data-revisit={q.id.0.clone()} data-act={format!("change:{i}")}>
                    { t.change }<span class="visually-hidden">{ " " }{ short }</span></button></li>
        });
    }
    html! { <ul class="based-on__list">{ super::nodes(items) }</ul> }
}

fn status_text(t: &Ui, s: ElementStatus) -> &'static str {
    match s {
        ElementStatus::Met => t.status_met,
        ElementStatus::Partly => t.status_partly,
        ElementStatus::NotMet => t.status_not_met,
        ElementStatus::Unknown => t.status_unknown,
    }
}

/// What a decision found, in words: elements not fully met, the score (in
/// its band's words) and the factors that lost most.
fn detail_lines(rb: &Rulebook, details: &[Detail], t: &Ui, l: Locale) -> Vec<String> {
    let mut out = Vec::new();
    let mut lost = Vec::new();
    for d in details {
        match d {
            Detail::Element { element, status } => {
                if let Some(e) = rb.elements.iter().find(|e| &e.id == element) {
                    out.push(fill(t.detail_element, &[("element", e.title.get(l)), ("status", status_text(t, *status))]));
                }
            }
            Detail::Score { low, high, band } => {
                let band = band.as_ref().and_then(|b| rb.score.bands.iter().find(|x| &x.id == b)).map(|b| b.title.get(l));
                out.push(match (low == high, band) {
                    (true, Some(b)) => fill(t.detail_score, &[("score", &score_points(*low)), ("band", b)]),
                    _ => fill(t.detail_score_range, &[("low", &score_points(*low)), ("high", &score_points(*high))]),
                });
            }
            Detail::Lost { factor, .. } => {
                if let Some(f) = rb.factors.iter().find(|f| &f.id == factor) {
                    lost.push(f.title.get(l));
                }
            }
        }
    }
    if !lost.is_empty() {
        out.push(fill(t.detail_lost, &[("factors", &lost.join(t.list_sep))]));
    }
    out
}

fn reason(ctx: &AppContext, r: &ReasonView<'_>, answers: &Answers) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let text: Vec<&str> = r.text.iter().map(|x| x.get(l)).collect();
    let mut detail_items = Vec::new();
    for d in detail_lines(&ctx.rb, r.details, t, l) {
        detail_items.push(html! { <li>{ d }</li> });
    }
    let qs = &r.reason.questions;
    html! {
        <li data-rule={r.key.clone()}>
            <p>{ text.join(t.colon) }</p>
            if !detail_items.is_empty() { <ul class="reason-details">{ super::nodes(detail_items) }</ul> }
            if qs.len() > 3 {
                <details class="details based-on based-on--folded">
                    <summary>{ fill(t.based_on_count, &[("n", &qs.len().to_string())]) }</summary>
                    { answers_behind(ctx, answers, qs) }
                </details>
            } else if !qs.is_empty() {
                <div class="based-on"><span class="based-on__label">{ t.based_on }</span>{ answers_behind(ctx, answers, qs) }</div>
            }
        </li>
    }
}

fn reasons(ctx: &AppContext, v: &ResultView<'_>, answers: &Answers) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let path = ctx.path();
    let mut items = Vec::new();
    for r in &v.reasons {
        items.push(reason(ctx, r, answers));
    }
    let mut unknowns = Vec::new();
    for q in &v.unknowns {
        unknowns.push(html! { <li data-unknown={q.id.0.clone()}>{ q.on(path).text.get(l) }</li> });
    }
    let mut possible = Vec::new();
    for r in &v.possible_red_lines {
        possible.push(html! { <li data-possible-red-line={r.id.0.clone()}>{ r.title.get(l) }</li> });
    }
    html! {
        <section class="result-section" aria-labelledby="reasons-title" id="why">
            <h2 id="reasons-title">{ t.reasons_title }</h2>
            <ol class="reasons" id="reasons">{ super::nodes(items) }</ol>
            if !unknowns.is_empty() {
                <h3>{ t.unknown_title }</h3>
                <ul class="list" id="unknowns">{ super::nodes(unknowns) }</ul>
            }
            if !possible.is_empty() {
                <p>{ t.possible_red_lines }</p>
                <ul class="list">{ super::nodes(possible) }</ul>
            }
        </section>
    }
}

fn next_steps(ctx: &AppContext, v: &ResultView<'_>) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let item = |n: &crate::engine::model::NextStep| html! { <li data-next={n.id.0.clone()}>{ n.text.get(l) }</li> };
    let mut first = Vec::new();
    for n in &v.next_steps.0 {
        first.push(item(n));
    }
    let mut rest = Vec::new();
    for n in &v.next_steps.1 {
        rest.push(item(n));
    }
    let more = rest.len();
    html! {
        <section class="result-section next" aria-labelledby="next-title" id="next">
            <h2 id="next-title">{ t.next_title }</h2>
            <ol class="list" id="next-steps">{ super::nodes(first) }</ol>
            if more > 0 {
                <details class="details result-details" id="next-more">
                    <summary>{ fill(t.next_more, &[("n", &more.to_string())]) }</summary>
                    <ol class="list" start={(v.next_steps.0.len() + 1).to_string()}>{ super::nodes(rest) }</ol>
                </details>
            }
        </section>
    }
}

fn risks(ctx: &AppContext, a: &Assessment) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let mut items = Vec::new();
    for r in a.risks.iter().filter_map(|id| rb.risks.iter().find(|r| &r.id == id)) {
        items.push(html! { <li data-risk={r.id.0.clone()}><b>{ r.title.get(l) }</b>{ t.colon }{ r.advice.get(l) }</li> });
    }
    html! {
        <section class="result-section" aria-labelledby="risks-title" id="risks">
            <h2 id="risks-title">{ t.risks_title }</h2>
            <ul class="list">{ super::nodes(items) }</ul>
        </section>
    }
}

/// Printing, saving and the papers to draft.
fn papers(ctx: &AppContext, v: &ResultView<'_>) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let mut documents = Vec::new();
    for (i, d) in &v.documents {
        documents.push(html! {
            <button type="button" class="button button--secondary" data-document={d.id.0.clone()} data-act={format!("doc:{i}")}>{ d.title.get(l) }</button>
        });
    }
    html! {
        <section class="result-section no-print" aria-labelledby="papers-title" id="papers">
            <h2 id="papers-title">{ t.papers_title }</h2>
            if !documents.is_empty() {
                <div class="documents" id="documents"><p>{ t.documents_lead }</p><div class="button-group">{ super::nodes(documents) }</div></div>
            }
            <div class="button-group" id="print-actions">
                if v.talk.is_some() {
                    <button type="button" class="button button--secondary" id="print-talk" data-act="print:talk">{ t.print_talk }</button>
                }
                <button type="button" class="button button--secondary" id="print" data-act="print:full">{ t.print_full }</button>
                { save_button(ctx) }
            </div>
            if v.talk.is_some() { <p class="hint">{ t.print_talk_hint }</p> }
        </section>
    }
}

/// What the cadre can still do that would move the outcome, each with a way to see it.
fn changes(ctx: &AppContext, a: &Assessment) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let mut items = Vec::new();
    for c in &a.changes {
        let Some(o) = rb.question(&c.question.0).and_then(|q| q.option(&c.option.0)) else { continue };
        let Some(to) = rb.tier(&c.tier.0) else { continue };
        items.push(html! {
            <li data-change={format!("{}={}", c.question, c.option)}>
                <b>{ o.action.as_ref().map(|x| x.get(l)).unwrap_or_default() }</b>
                <span class="hint">{ fill(t.change_leads_to, &[("tier", to.title.get(l))]) }</span>
                <button type="button" class="link-button" data-act={format!("what-if:{}={}", c.question, c.option)}>{ t.try_it }</button>
            </li>
        });
    }
    html! {
        <section class="result-section no-print" aria-labelledby="changes-title" id="changes">
            <h2 id="changes-title">{ t.changes_title }</h2>
            <p class="hint">{ t.changes_lead }</p>
            <ul class="list">{ super::nodes(items) }</ul>
        </section>
    }
}

fn what_if_banner(ctx: &AppContext) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let Some(o) = ctx.what_if.as_ref().and_then(|(q, o)| rb.question(&q.0).and_then(|q| q.option(&o.0))) else { return html! {} };
    html! {
        <div class="notice notice--what-if no-print" role="status" id="what-if">
            <p>{ fill(t.what_if_banner, &[("action", o.action.as_ref().map(|x| x.get(l)).unwrap_or_default())]) }</p>
            <button type="button" class="button button--secondary" id="what-if-back" data-act="what-if">{ t.what_if_back }</button>
        </div>
    }
}

/// A folded part of the page (open in print).
fn folded(id: &'static str, title: &str, body: Html) -> Html {
    html! {
        <details class="details result-details" id={id}>
            <summary>{ title }</summary>
            <div class="details__text">{ body }</div>
        </details>
    }
}

fn materials(ctx: &AppContext, a: &Assessment) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let mut items = Vec::new();
    for m in a.materials.iter().filter_map(|id| rb.materials.iter().find(|m| &m.id == id)) {
        items.push(html! { <li data-material={m.id.0.clone()}><span class="box" aria-hidden="true"></span>{ m.title.get(l) }</li> });
    }
    folded(
        "materials-more",
        &fill(t.materials_count, &[("n", &items.len().to_string())]),
        html! { <ul class="checklist" id="materials">{ super::nodes(items) }</ul> },
    )
}

fn afterwards(ctx: &AppContext, v: &ResultView<'_>) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let Some(text) = &v.tier.afterwards else { return html! {} };
    folded("afterwards", t.afterwards_title, html! { <p>{ text.get(l) }</p> })
}

fn procedure(ctx: &AppContext) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let mut stages = Vec::new();
    for s in &rb.stages {
        stages.push(html! { <li><b>{ s.title.get(l) }</b><span class="stages__text">{ s.description.get(l) }</span></li> });
    }
    let mut recipients = Vec::new();
    for r in &rb.recipients {
        recipients.push(html! { <li><b>{ r.title.get(l) }</b>{ t.colon }{ r.role.get(l) }</li> });
    }
    folded(
        "procedure",
        t.procedure_title,
        html! {
            <>
                <ol class="stages">{ super::nodes(stages) }</ol>
                <h3>{ t.recipients_title }</h3>
                <ul class="list" id="recipients">{ super::nodes(recipients) }</ul>
            </>
        },
    )
}

fn side_text(t: &Ui, s: Side) -> &'static str {
    match s {
        Side::Tolerable => t.side_tolerable,
        Side::Intolerable => t.side_intolerable,
        Side::Neither => t.side_neither,
        Side::Unknown => t.side_unknown,
        Side::NotApplicable => t.side_not_applicable,
    }
}

/// The details, folded: red lines touched, the three distinctions, the
/// elements, the score, every answer, the references.
fn details(ctx: &AppContext, v: &ResultView<'_>, a: &Assessment, answers: &Answers) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let not_reached = |what: &'static str| html! { <p class="not-applicable" data-not-applicable={what}>{ t.stage_not_reached }</p> };
    let mut hit = Vec::new();
    for r in &a.red_lines {
        if let crate::engine::assess::RuleRef::RedLine(id) = &r.rule
            && let Some(r) = rb.red_lines.iter().find(|x| &x.id == id)
        {
            hit.push(html! { <li data-red-line={r.id.0.clone()}><b>{ r.title.get(l) }</b>{ t.colon }{ r.description.get(l) }</li> });
        }
    }
    let distinctions = if v.distinctions_reached {
        let mut items = Vec::new();
        for d in &a.distinctions {
            let Some(def) = rb.distinctions.iter().find(|x| x.id == d.id) else { continue };
            items.push(html! {
                <li class="verdict" data-distinction={d.id.0.clone()} data-side={d.side.as_str()}>
                    <h3>{ def.title.get(l) }</h3>
                    <p class={format!("badge badge--{}", d.side.as_str())}>{ side_text(t, d.side) }</p>
                    <p class="hint">{ def.tolerable.get(l) }{ " ⟷ " }{ def.intolerable.get(l) }</p>
                    { answers_behind(ctx, answers, &asked_only(ctx, &d.questions)) }
                </li>
            });
        }
        html! { <ul class="verdicts">{ super::nodes(items) }</ul> }
    } else {
        not_reached("distinctions")
    };
    let elements = if v.elements_reached {
        let mut items = Vec::new();
        for e in &a.elements {
            let Some(def) = rb.elements.iter().find(|x| x.id == e.id) else { continue };
            items.push(html! {
                <li class="verdict" data-element={e.id.0.clone()} data-status={e.status.as_str()}>
                    <h3>{ def.title.get(l) }</h3>
                    <p class={format!("badge badge--{}", e.status.as_str())}>{ status_text(t, e.status) }</p>
                    <p class="hint">{ def.description.get(l) }</p>
                    { answers_behind(ctx, answers, &asked_only(ctx, &e.questions)) }
                </li>
            });
        }
        html! { <ul class="verdicts">{ super::nodes(items) }</ul> }
    } else {
        not_reached("elements")
    };
    let mut references = Vec::new();
    for r in &rb.references {
        references.push(html! { <li><b>{ r.title.get(l) }</b>{ t.colon }{ r.note.get(l) }</li> });
    }
    html! {
        <>
            <h2 class="details-heading">{ t.details_title }</h2>
            if !hit.is_empty() { { folded("red-lines", t.red_lines_title, html! { <ul class="list">{ super::nodes(hit) }</ul> }) } }
            { folded("distinctions", t.distinctions_title, distinctions) }
            { folded("elements", t.elements_title, elements) }
            if v.score { { folded("score", t.score_title, score_breakdown(ctx, a)) } }
            { folded("all-answers", t.summary_answers, answer_list(ctx, false, 3)) }
            { folded("references", t.references_title, html! { <ul class="list small">{ super::nodes(references) }</ul> }) }
        </>
    }
}

/// The questions of a list that the run asked (no row for one it did not).
fn asked_only(ctx: &AppContext, qs: &[QuestionId]) -> Vec<QuestionId> {
    let asked = ctx.asked();
    qs.iter()
        .filter(|q| ctx.rb.question_index(&q.0).is_some_and(|i| asked[i] && ctx.session.answers.get(&q.0).is_some()))
        .cloned()
        .collect()
}

fn disclaimer(ctx: &AppContext) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    html! {
        <>
            <section class="result-section print-only notes" aria-labelledby="notes-title">
                <h2 id="notes-title">{ t.summary_notes }</h2>
                <div class="lines" aria-hidden="true"><span></span><span></span><span></span><span></span></div>
            </section>
            <section class="result-section disclaimer" aria-labelledby="disc-title">
                <h2 id="disc-title">{ t.disclaimer_title }</h2>
                <p>{ rb.meta.disclaimer.get(l) }</p>
                <p class="small">{ rb.meta.notice.get(l) }</p>
            </section>
            <div class="actions no-print">
                { open_file(ctx) }
                <p class="hint">{ t.save_note }</p>
                <button type="button" class="button button--secondary" id="restart" data-act="restart">{ t.restart }</button>
            </div>
        </>
    }
}
