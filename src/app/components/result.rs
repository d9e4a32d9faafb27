//! The result, leading with what to do: the tier and what it means, the
//! reasons (each naming its cause and the answers that decided it), the next
//! steps with printing and saving right there, what would still change the
//! outcome, the correction plan (or, for planned work, the risk points), the
//! materials, what the outcome means afterwards and the procedure. The
//! details (distinctions, elements, score, all answers) are folded away, and
//! open in print. Only what applies to the stage that decided is shown.
//!
//! The same page is the early outcome (`early`): shown as soon as the
//! outcome is decided, with a way to go on to the correction plan.

use yew::prelude::*;

use super::{answer_list, answer_text, back_link, nodes, notice, open_file, plan_builder, save_button, score_breakdown, score_points};
use crate::app::dom;
use crate::app::state::{Action, AppContext};
use crate::engine::assess::{Detail, Reason, RuleRef, Side, Stage};
use crate::engine::model::{ElementStatus, Rulebook, Tone};
use crate::engine::{Answers, Assessment, Locale};
use crate::i18n::{Ui, fill, ui};

fn rule_text(rb: &Rulebook, rule: &RuleRef, l: Locale) -> String {
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

/// What a decision found, in words: elements not fully met, the score and the factors that lost most.
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

/// "Question: answer" items, each with a link to change it.
fn answers_behind(ctx: &AppContext, answers: &Answers, reason: &Reason) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let mut items = Vec::new();
    for id in &reason.questions {
        let Some(i) = rb.question_index(&id.0) else { continue };
        let q = &rb.questions[i];
        let onchange = {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.dispatch(Action::Revisit(i)))
        };
        items.push(html! {
            <li>{ q.short.get(l) }{ t.colon }<span class="user-text">{ answer_text(rb, q, answers.get(&q.id.0), l) }</span>
                { " " }<button type="button" class="link-button no-print" data-revisit={q.id.0.clone()} onclick={onchange}>
                    { t.change }<span class="visually-hidden">{ " " }{ q.short.get(l) }</span></button></li>
        });
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

fn status_text(t: &Ui, s: ElementStatus) -> &'static str {
    match s {
        ElementStatus::Met => t.status_met,
        ElementStatus::Partly => t.status_partly,
        ElementStatus::NotMet => t.status_not_met,
        ElementStatus::Unknown => t.status_unknown,
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

/// A folded section of details (open in print).
fn folded(id: &'static str, title: &str, body: Html) -> Html {
    html! {
        <details class="details result-details" id={id}>
            <summary>{ title }</summary>
            <div class="details__text">{ body }</div>
        </details>
    }
}

/// The three distinctions and the elements, or why they no longer apply.
fn verdicts(ctx: &AppContext, a: &Assessment) -> (Html, Html) {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let answers = ctx.answers_shown();
    let not_reached = |what: &str| html! { <p class="not-applicable" data-not-applicable={what.to_owned()}>{ t.stage_not_reached }</p> };
    let distinctions = if a.stage.reached_distinctions() {
        let mut items = Vec::new();
        for d in &a.distinctions {
            let Some(def) = rb.distinctions.iter().find(|x| x.id == d.id) else { continue };
            let reason = Reason { rule: RuleRef::Unknown, questions: d.questions.clone(), details: vec![] };
            items.push(html! {
                <li class="verdict" data-distinction={d.id.0.clone()} data-side={d.side.as_str()} key={d.id.0.clone()}>
                    <h3>{ def.title.get(l) }</h3>
                    <p class={format!("badge badge--{}", d.side.as_str())}>{ side_text(t, d.side) }</p>
                    <p class="hint">{ def.tolerable.get(l) }{ " ⟷ " }{ def.intolerable.get(l) }</p>
                    { answers_behind(ctx, &answers, &reason) }
                </li>
            });
        }
        html! { <ul class="verdicts">{ nodes(items) }</ul> }
    } else {
        not_reached("distinctions")
    };
    let elements = if a.stage.reached_decision() {
        let mut items = Vec::new();
        for e in &a.elements {
            let Some(def) = rb.elements.iter().find(|x| x.id == e.id) else { continue };
            let reason = Reason { rule: RuleRef::Unknown, questions: e.questions.clone(), details: vec![] };
            items.push(html! {
                <li class="verdict" data-element={e.id.0.clone()} data-status={e.status.as_str()} key={e.id.0.clone()}>
                    <h3>{ def.title.get(l) }</h3>
                    <p class={format!("badge badge--{}", e.status.as_str())}>{ status_text(t, e.status) }</p>
                    <p class="hint">{ def.description.get(l) }{ " " }
                        { fill(t.element_points, &[("points", &e.points.to_string()), ("partly", &e.partly_at.to_string()), ("met", &e.met_at.to_string())]) }</p>
                    { answers_behind(ctx, &answers, &reason) }
                </li>
            });
        }
        html! { <ul class="verdicts">{ nodes(items) }</ul> }
    } else {
        not_reached("elements")
    };
    (distinctions, elements)
}

/// The result page for an assessment of the answers; `early` for the early outcome.
pub fn result_page(ctx: &AppContext, a: &Assessment, early: bool) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, ctx.rb.clone());
    let answers = ctx.answers_shown();
    let Some(tier) = rb.tier(&a.tier.0) else { return html! {} };
    let before = a.path.is_some();

    let mut reasons = Vec::new();
    for r in &a.reasons {
        let details = detail_lines(&rb, &r.details, t, l);
        let mut detail_items = Vec::new();
        for d in details {
            detail_items.push(html! { <li>{ d }</li> });
        }
        reasons.push(html! {
            <li data-rule={r.rule.key()}>
                <p>{ rule_text(&rb, &r.rule, l) }</p>
                if !detail_items.is_empty() { <ul class="reason-details talk-omit">{ nodes(detail_items) }</ul> }
                if r.questions.len() > 4 {
                    // A long list of deciding answers is folded (open in print).
                    <details class="details based-on based-on--folded">
                        <summary>{ fill(t.based_on_count, &[("n", &r.questions.len().to_string())]) }</summary>
                        { answers_behind(ctx, &answers, r) }
                    </details>
                } else if !r.questions.is_empty() {
                    <div class="based-on"><span class="based-on__label">{ t.based_on }</span>{ answers_behind(ctx, &answers, r) }</div>
                }
            </li>
        });
    }
    let mut unknowns = Vec::new();
    for q in a.unknowns.iter().filter_map(|q| rb.question(&q.0)) {
        unknowns.push(html! { <li data-unknown={q.id.0.clone()}>{ q.text.get(l) }</li> });
    }
    let mut next = Vec::new();
    for n in a.next_steps.iter().filter_map(|id| rb.next_steps.iter().find(|n| &n.id == id)) {
        next.push(html! { <li data-next={n.id.0.clone()}>{ n.text.get(l) }</li> });
    }
    let mut documents = Vec::new();
    for (i, d) in rb.documents.iter().enumerate().filter(|(_, d)| d.tiers.contains(&a.tier)) {
        let onopen = {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.dispatch(Action::OpenDocument(i)))
        };
        documents.push(html! {
            <button type="button" class="button button--secondary" data-document={d.id.0.clone()} onclick={onopen}>{ d.title.get(l) }</button>
        });
    }
    // What would still change the outcome: things to do, each with a way to try it.
    let mut changes = Vec::new();
    for c in &a.changes {
        let Some(q) = rb.question(&c.question.0) else { continue };
        let Some(o) = q.option(&c.option.0) else { continue };
        let Some(to) = rb.tier(&c.tier.0) else { continue };
        let ontry = {
            let (ctx, w) = (ctx.clone(), (c.question.clone(), c.option.clone()));
            Callback::from(move |_| ctx.dispatch(Action::WhatIf(Some(w.clone()))))
        };
        changes.push(html! {
            <li data-change={format!("{}={}", c.question, c.option)}>
                <b>{ o.action.as_ref().map(|x| x.get(l)).unwrap_or_default() }</b>
                <span class="hint">{ fill(t.change_leads_to, &[("tier", to.title.get(l))]) }</span>
                <button type="button" class="link-button no-print" onclick={ontry}>{ t.try_it }</button>
            </li>
        });
    }
    let what_if = ctx.what_if.as_ref().and_then(|(q, o)| rb.question(&q.0).and_then(|q| q.option(&o.0))).map(|o| {
        let onback = {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.dispatch(Action::WhatIf(None)))
        };
        html! {
            <div class="notice notice--what-if no-print" role="status" id="what-if">
                <p>{ fill(t.what_if_banner, &[("action", o.action.as_ref().map(|x| x.get(l)).unwrap_or_default())]) }</p>
                <button type="button" class="button button--secondary" id="what-if-back" onclick={onback}>{ t.what_if_back }</button>
            </div>
        }
    });
    let mut risks = Vec::new();
    for r in a.risks.iter().filter_map(|id| rb.risks.iter().find(|r| &r.id == id)) {
        risks.push(html! { <li data-risk={r.id.0.clone()}><b>{ r.title.get(l) }</b>{ t.colon }{ r.advice.get(l) }</li> });
    }
    let mut materials = Vec::new();
    for m in a.materials.iter().filter_map(|id| rb.materials.iter().find(|m| &m.id == id)) {
        materials.push(html! { <li data-material={m.id.0.clone()}><span class="box" aria-hidden="true"></span>{ m.title.get(l) }</li> });
    }
    let mut stages = Vec::new();
    for s in &rb.stages {
        stages.push(html! { <li><b>{ s.title.get(l) }</b><span class="stages__text">{ s.description.get(l) }</span></li> });
    }
    let mut recipients = Vec::new();
    for r in &rb.recipients {
        recipients.push(html! { <li><b>{ r.title.get(l) }</b>{ t.colon }{ r.role.get(l) }</li> });
    }
    let mut references = Vec::new();
    for r in &rb.references {
        references.push(html! { <li><b>{ r.title.get(l) }</b>{ t.colon }{ r.note.get(l) }</li> });
    }
    let mut hit = Vec::new();
    for r in &a.red_lines {
        if let RuleRef::RedLine(id) = &r.rule
            && let Some(r) = rb.red_lines.iter().find(|x| &x.id == id)
        {
            hit.push(html! { <li data-red-line={r.id.0.clone()}><b>{ r.title.get(l) }</b>{ t.colon }{ r.description.get(l) }</li> });
        }
    }
    let mut possible = Vec::new();
    for id in &a.possible_red_lines {
        if let Some(r) = rb.red_lines.iter().find(|x| &x.id == id) {
            possible.push(html! { <li data-possible-red-line={r.id.0.clone()}>{ r.title.get(l) }</li> });
        }
    }
    let (distinctions, elements) = verdicts(ctx, a);
    let onprint = |version: &'static str| Callback::from(move |_| dom::print(version, ui(Locale::PRIMARY).print_title));
    let onrestart = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            if dom::confirm(ui(ctx.locale).restart_confirm) {
                ctx.dispatch(Action::Restart);
            }
        })
    };
    let ongo_on = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::GoOn))
    };
    let c = t.colon;
    html! {
        <div class={if early { "result result--early" } else { "result" }}>
            { back_link(t.back, "back-link no-print") }
            { notice(ctx) }
            { what_if.unwrap_or_default() }
            <div class="summary-head print-only">
                <p class="summary-head__title">{ rb.meta.title.get(l) }{ " · " }{ t.summary_title }</p>
                <p>{ t.summary_date }{ c }{ dom::today() }{ "　" }{ t.summary_rulebook }{ c }{ rb.meta.issuer.get(l) }{ " " }{ &rb.meta.version }</p>
                <p class="small">{ t.summary_no_name }</p>
                <p class="talk-only">{ t.talk_note }</p>
            </div>
            <div class={tone_class(tier.tone)} data-outcome={a.tier.0.clone()} data-stage={stage_key(a.stage)} id="outcome">
                <p class="caption">{ if early { t.outcome_caption_early } else { t.result_caption } }</p>
                <h1 tabindex="-1">{ tier.title.get(l) }</h1>
                <p>{ tier.summary.get(l) }</p>
                if early { <p class="small">{ t.outcome_early_lead }</p> }
            </div>
            <section class="result-section" aria-labelledby="reasons-title" id="why">
                <h2 id="reasons-title">{ t.reasons_title }</h2>
                <ol class="reasons" id="reasons">{ nodes(reasons) }</ol>
                if !a.unknowns.is_empty() {
                    <h3>{ t.unknown_title }</h3>
                    <ul class="list" id="unknowns">{ nodes(unknowns) }</ul>
                }
                if !a.possible_red_lines.is_empty() {
                    <p>{ t.possible_red_lines }</p>
                    <ul class="list talk-omit">{ nodes(possible) }</ul>
                }
            </section>
            <section class="result-section next" aria-labelledby="next-title" id="next">
                <h2 id="next-title">{ t.next_title }</h2>
                <ol class="list" id="next-steps">{ nodes(next) }</ol>
                if early && tier.correction {
                    <p class="hint no-print">{ t.go_on_hint }</p>
                    <button type="button" class="button" id="go-on" onclick={ongo_on}>{ t.go_on }</button>
                }
                <div class="button-group no-print" id="print-actions">
                    <button type="button" class={if early { "button button--secondary" } else { "button" }} id="print" onclick={onprint("full")}>{ t.print_full }</button>
                    <button type="button" class="button button--secondary" id="print-talk" onclick={onprint("talk")}>{ t.print_talk }</button>
                    { save_button(ctx) }
                </div>
                if !documents.is_empty() {
                    <div class="documents no-print" id="documents"><p>{ t.documents_lead }</p><div class="button-group">{ nodes(documents) }</div></div>
                }
            </section>
            if !changes.is_empty() {
                <section class="result-section no-print" aria-labelledby="changes-title" id="changes">
                    <h2 id="changes-title">{ t.changes_title }</h2>
                    <p class="hint">{ t.changes_lead }</p>
                    <ul class="list">{ nodes(changes) }</ul>
                </section>
            }
            if before && !risks.is_empty() {
                <section class="result-section" aria-labelledby="risks-title" id="risks">
                    <h2 id="risks-title">{ t.risks_title }</h2>
                    <ul class="list">{ nodes(risks) }</ul>
                </section>
            }
            if tier.correction && !early && !before { { plan_builder(ctx, a) } }
            if !materials.is_empty() && !early {
                // A first talk comes before any application: its paper leaves the checklist out.
                <section class="result-section talk-omit" aria-labelledby="mat-title">
                    <h2 id="mat-title">{ t.materials_title }</h2>
                    <ul class="checklist" id="materials">{ nodes(materials) }</ul>
                </section>
            }
            if let Some(after) = &tier.afterwards {
                <section class="result-section" aria-labelledby="after-title" id="afterwards">
                    <h2 id="after-title">{ t.afterwards_title }</h2>
                    <p>{ after.get(l) }</p>
                </section>
            }
            if tier.application && !early {
                <section class="result-section" aria-labelledby="proc-title" id="procedure">
                    <h2 id="proc-title">{ t.procedure_title }</h2>
                    <ol class="stages">{ nodes(stages) }</ol>
                    <h3>{ t.recipients_title }</h3>
                    <ul class="list" id="recipients">{ nodes(recipients) }</ul>
                </section>
            }
            <h2 class="details-heading">{ t.details_title }</h2>
            if !hit.is_empty() {
                { folded("red-lines", t.red_lines_title, html! { <ul class="list">{ nodes(hit) }</ul> }) }
            }
            { folded("distinctions", t.distinctions_title, distinctions) }
            { folded("elements", t.elements_title, elements) }
            if a.stage.reached_decision() {
                { folded("score", t.score_title, score_breakdown(ctx, a)) }
            }
            { folded("all-answers", t.summary_answers, answer_list(ctx, false, 3)) }
            { folded("references", t.references_title, html! { <ul class="list small">{ nodes(references) }</ul> }) }
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
                <button type="button" class="button button--secondary" id="restart" onclick={onrestart}>{ t.restart }</button>
            </div>
        </div>
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
