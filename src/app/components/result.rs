//! The result: the tier as the headline, then why (each reason with the
//! answers behind it), the distinctions, the elements, the score, the red
//! lines, the correction plan, the materials, next steps and the disclaimer.
//! The same page is the printable summary (see `print.css`).

use yew::prelude::*;

use super::{answer_list, answer_text, nodes, notice, open_file, plan_builder, save_button, score_breakdown};
use crate::app::dom;
use crate::app::state::{Action, AppContext};
use crate::engine::assess::{RuleRef, Side};
use crate::engine::model::{ElementStatus, QuestionId, Rulebook, Tone};
use crate::engine::{Answers, Assessment, Locale};
use crate::i18n::{Ui, fill, ui};

fn reason_text(rb: &Rulebook, rule: &RuleRef, l: Locale) -> String {
    let c = ui(l).colon;
    match rule {
        RuleRef::Scope(id) => rb.scope.iter().find(|x| &x.id == id).map(|x| x.reason.get(l).to_owned()),
        RuleRef::RedLine(id) => rb.red_lines.iter().find(|x| &x.id == id).map(|x| format!("{}{c}{}", x.title.get(l), x.description.get(l))),
        RuleRef::Track(id) => rb.tracks.iter().find(|x| &x.id == id).map(|x| x.reason.get(l).to_owned()),
        RuleRef::Distinction(id) => {
            rb.distinctions.iter().find(|x| &x.id == id).map(|x| format!("{}{c}{}", x.title.get(l), x.intolerable.get(l)))
        }
        RuleRef::Decision(id) => rb.decisions.iter().find(|x| &x.id == id).map(|x| x.reason.get(l).to_owned()),
        RuleRef::Unknown => Some(rb.outcome.unknown_reason.get(l).to_owned()),
    }
    .unwrap_or_default()
}

/// "Question: answer" items for the questions behind a reason.
fn behind(rb: &Rulebook, answers: &Answers, qs: &[QuestionId], l: Locale) -> Html {
    let c = ui(l).colon;
    let mut items = Vec::new();
    for id in qs {
        if let Some(q) = rb.question(&id.0) {
            items.push(
                html! { <li>{ q.short.get(l) }{ c }<span class="user-text">{ answer_text(rb, q, answers.get(&q.id.0), l) }</span></li> },
            );
        }
    }
    html! { <ul class="based-on__list">{ nodes(items) }</ul> }
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

fn side_class(s: Side) -> &'static str {
    match s {
        Side::Tolerable => "badge badge--tolerable",
        Side::Intolerable => "badge badge--intolerable",
        Side::Neither => "badge badge--neither",
        Side::Unknown => "badge badge--unknown",
        Side::NotApplicable => "badge badge--not_applicable",
    }
}

fn status_class(s: ElementStatus) -> &'static str {
    match s {
        ElementStatus::Met => "badge badge--met",
        ElementStatus::Partly => "badge badge--partly",
        ElementStatus::NotMet => "badge badge--not_met",
        ElementStatus::Unknown => "badge badge--unknown",
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

fn status_text(t: &Ui, s: ElementStatus) -> &'static str {
    match s {
        ElementStatus::Met => t.status_met,
        ElementStatus::Partly => t.status_partly,
        ElementStatus::NotMet => t.status_not_met,
        ElementStatus::Unknown => t.status_unknown,
    }
}

/// The result page for an assessment of the current answers.
pub fn result_page(ctx: &AppContext, a: &Assessment) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, ctx.rb.clone());
    let answers = &ctx.session.answers;
    let c = ui(l).colon;
    let Some(tier) = rb.tier(&a.tier.0) else { return html! {} };

    let mut reasons = Vec::new();
    for r in &a.reasons {
        reasons.push(html! {
            <li data-rule={r.rule.key()}>
                <p>{ reason_text(&rb, &r.rule, l) }</p>
                if !r.questions.is_empty() {
                    <div class="based-on"><span class="based-on__label">{ t.based_on }</span>{ behind(&rb, answers, &r.questions, l) }</div>
                }
            </li>
        });
    }
    let mut hit = Vec::new();
    for r in &a.red_lines {
        if let RuleRef::RedLine(id) = &r.rule
            && let Some(r) = rb.red_lines.iter().find(|x| &x.id == id)
        {
            hit.push(html! { <li data-red-line={r.id.0.clone()}><b>{ r.title.get(l) }</b>{ c }{ r.description.get(l) }</li> });
        }
    }
    let mut possible = Vec::new();
    for id in &a.possible_red_lines {
        if let Some(r) = rb.red_lines.iter().find(|x| &x.id == id) {
            possible.push(html! { <li data-possible-red-line={r.id.0.clone()}>{ r.title.get(l) }</li> });
        }
    }
    let red_lines = html! {
        <section class="result-section" aria-labelledby="red-title" id="red-lines">
            <h2 id="red-title">{ t.red_lines_title }</h2>
            if a.red_lines.is_empty() { <p>{ t.no_red_lines }</p> }
            <ul class="list">{ nodes(hit) }</ul>
            if !a.possible_red_lines.is_empty() {
                <p>{ t.possible_red_lines }</p>
                <ul class="list">{ nodes(possible) }</ul>
            }
        </section>
    };
    let track = a.track.as_ref().and_then(|id| rb.tracks.iter().find(|x| &x.id == id));
    let mut distinctions = Vec::new();
    for d in &a.distinctions {
        let Some(def) = rb.distinctions.iter().find(|x| x.id == d.id) else { continue };
        distinctions.push(html! {
            <li class="verdict" data-distinction={d.id.0.clone()} data-side={d.side.as_str()} key={d.id.0.clone()}>
                <h3>{ def.title.get(l) }</h3>
                <p class={side_class(d.side)}>{ side_text(t, d.side) }</p>
                <p class="hint">{ def.tolerable.get(l) }{ " ⟷ " }{ def.intolerable.get(l) }</p>
                if !d.questions.is_empty() { { behind(&rb, answers, &d.questions, l) } }
            </li>
        });
    }
    let mut elements = Vec::new();
    for e in &a.elements {
        let Some(def) = rb.elements.iter().find(|x| x.id == e.id) else { continue };
        elements.push(html! {
            <li class="verdict" data-element={e.id.0.clone()} data-status={e.status.as_str()} key={e.id.0.clone()}>
                <h3>{ def.title.get(l) }</h3>
                <p class={status_class(e.status)}>{ status_text(t, e.status) }</p>
                <p class="hint">{ def.description.get(l) }{ " " }
                    { fill(t.element_points, &[("points", &e.points.to_string()), ("partly", &e.partly_at.to_string()), ("met", &e.met_at.to_string())]) }</p>
                { behind(&rb, answers, &e.questions, l) }
            </li>
        });
    }
    let mut unknowns = Vec::new();
    for q in a.unknowns.iter().filter_map(|q| rb.question(&q.0)) {
        unknowns.push(html! { <li data-unknown={q.id.0.clone()}>{ q.text.get(l) }</li> });
    }
    let mut materials = Vec::new();
    for m in a.materials.iter().filter_map(|id| rb.materials.iter().find(|m| &m.id == id)) {
        materials.push(html! { <li data-material={m.id.0.clone()}><span class="box" aria-hidden="true"></span>{ m.title.get(l) }</li> });
    }
    let mut next = Vec::new();
    for n in a.next_steps.iter().filter_map(|id| rb.next_steps.iter().find(|n| &n.id == id)) {
        next.push(html! { <li data-next={n.id.0.clone()}>{ n.text.get(l) }</li> });
    }
    let mut stages = Vec::new();
    for s in &rb.stages {
        stages.push(html! { <li><b>{ s.title.get(l) }</b><span class="stages__text">{ s.description.get(l) }</span></li> });
    }
    let mut recipients = Vec::new();
    for r in &rb.recipients {
        recipients.push(html! { <li><b>{ r.title.get(l) }</b>{ c }{ r.role.get(l) }</li> });
    }
    let mut references = Vec::new();
    for r in &rb.references {
        references.push(html! { <li><b>{ r.title.get(l) }</b>{ c }{ r.note.get(l) }</li> });
    }
    let onprint = Callback::from(|_| dom::print());
    let onrestart = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            if dom::confirm(ui(ctx.locale).restart_confirm) {
                ctx.dispatch(Action::Restart);
            }
        })
    };
    html! {
        <div class="result">
            { super::back_link(t.back, "back-link no-print") }
            { notice(ctx) }
            <div class="summary-head print-only">
                <p class="summary-head__title">{ rb.meta.title.get(l) }{ " · " }{ t.summary_title }</p>
                <p>{ t.summary_date }{ c }{ dom::today() }{ "　" }{ t.summary_rulebook }{ c }{ rb.meta.issuer.get(l) }{ " " }{ &rb.meta.version }</p>
                <p class="small">{ t.summary_no_name }</p>
            </div>
            <div class={tone_class(tier.tone)} data-outcome={a.tier.0.clone()} id="outcome">
                <p class="caption">{ t.result_caption }</p>
                <h1 tabindex="-1">{ tier.title.get(l) }</h1>
                <p>{ tier.summary.get(l) }</p>
            </div>
            <section class="result-section" aria-labelledby="reasons-title">
                <h2 id="reasons-title">{ t.reasons_title }</h2>
                <ol class="reasons" id="reasons">{ nodes(reasons) }</ol>
            </section>
            if !a.unknowns.is_empty() {
                <section class="result-section" aria-labelledby="unknown-title" id="unknowns">
                    <h2 id="unknown-title">{ t.unknown_title }</h2>
                    <ul class="list">{ nodes(unknowns) }</ul>
                </section>
            }
            { red_lines }
            <section class="result-section" aria-labelledby="track-title">
                <h2 id="track-title">{ t.track_title }</h2>
                if let Some(tr) = track {
                    <p data-track={tr.id.0.clone()}><b>{ tr.title.get(l) }</b>{ c }{ tr.description.get(l) }</p>
                } else {
                    <p>{ t.track_unknown }</p>
                }
            </section>
            <section class="result-section" aria-labelledby="dist-title">
                <h2 id="dist-title">{ t.distinctions_title }</h2>
                <ul class="verdicts">{ nodes(distinctions) }</ul>
            </section>
            <section class="result-section" aria-labelledby="el-title">
                <h2 id="el-title">{ t.elements_title }</h2>
                <ul class="verdicts">{ nodes(elements) }</ul>
            </section>
            { score_breakdown(ctx, a) }
            { plan_builder(ctx, a) }
            <section class="result-section" aria-labelledby="mat-title">
                <h2 id="mat-title">{ t.materials_title }</h2>
                <ul class="checklist" id="materials">{ nodes(materials) }</ul>
            </section>
            <section class="result-section" aria-labelledby="next-title">
                <h2 id="next-title">{ t.next_title }</h2>
                <ol class="list" id="next-steps">{ nodes(next) }</ol>
                <h3>{ t.stages_title }</h3>
                <ol class="stages">{ nodes(stages) }</ol>
                <h3>{ t.recipients_title }</h3>
                <ul class="list">{ nodes(recipients) }</ul>
            </section>
            <section class="result-section summary-answers" aria-labelledby="answers-title">
                <h2 id="answers-title">{ t.summary_answers }</h2>
                { answer_list(ctx, false, 3) }
            </section>
            <section class="result-section print-only notes" aria-labelledby="notes-title">
                <h2 id="notes-title">{ t.summary_notes }</h2>
                <div class="lines" aria-hidden="true"><span></span><span></span><span></span><span></span></div>
            </section>
            <section class="result-section no-print" aria-labelledby="ref-title">
                <h2 id="ref-title">{ t.references_title }</h2>
                <ul class="list small">{ nodes(references) }</ul>
            </section>
            <section class="result-section disclaimer" aria-labelledby="disc-title">
                <h2 id="disc-title">{ t.disclaimer_title }</h2>
                <p>{ rb.meta.disclaimer.get(l) }</p>
                <p class="small">{ rb.meta.notice.get(l) }</p>
            </section>
            <div class="actions no-print">
                <button type="button" class="button" id="print" onclick={onprint}>{ t.print }</button>
                { save_button(ctx) }
                { open_file(ctx) }
                <p class="hint">{ t.save_note }</p>
                <button type="button" class="button button--warning" id="restart" onclick={onrestart}>{ t.restart }</button>
            </div>
        </div>
    }
}
