//! The result, leading with what to do: the sections of the engine's view
//! model ([`crate::engine::view`]), each a small function of its own part of
//! the state. The same page is the early outcome, shown as soon as the
//! outcome is decided, with a way to go on to the plan.

use yew::prelude::*;

use super::raw::Raw;
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
    let mut h = Raw::new();
    h.open("div", &[("class", "summary-head print-only")]);
    h.open("p", &[("class", "summary-head__title")]).text(rb.meta.title.get(l)).text(" · ").text(t.summary_title).close("p");
    h.open("p", &[]).text(t.summary_date).text(t.colon).text(&crate::app::dom::today()).text("　").text(t.summary_rulebook).text(t.colon);
    h.text(&fill(t.rulebook_named, &[("issuer", rb.meta.issuer.get(l)), ("version", &rb.meta.version), ("effective", &rb.meta.effective)]));
    h.close("p").el("p", &[("class", "small")], t.summary_no_name).close("div");
    h.open(
        "div",
        &[("class", tone_class(v.tier.tone)), ("data-outcome", &a.tier.0), ("data-stage", stage_key(a.stage)), ("id", "outcome")],
    );
    h.el("p", &[("class", "caption")], if v.early { t.outcome_caption_early } else { t.result_caption });
    h.el("h1", &[("tabindex", "-1")], v.tier.title.get(l));
    h.el("p", &[], v.tier.summary.get(l));
    if v.early && v.tier.correction {
        h.el("p", &[("class", "small no-print")], t.go_on_hint);
        h.el(
            "button",
            &[("type", "button"), ("class", "button button--secondary no-print"), ("id", "go-on"), ("data-act", "go-on")],
            t.go_on,
        );
    }
    h.close("div");
    h.html()
}

/// "Question: answer" items, each with a way to change it.
fn answers_behind(ctx: &AppContext, answers: &Answers, questions: &[QuestionId]) -> Raw {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let path = ctx.path();
    let mut h = Raw::new();
    h.open("ul", &[("class", "based-on__list")]);
    for id in questions {
        let Some(i) = rb.question_index(&id.0) else { continue };
        let q = &rb.questions[i];
        let short = q.on(path).short.get(l);
        h.open("li", &[]).text(short).text(t.colon);
        h.open("span", &[("class", "user-text")])
            .el("bdi", &[], &answer_text(rb, q, answers.get(&q.id.0), l, path))
            .close("span")
            .text(" ");
        h.open(
            "button",
            &[("type", "button"), ("class", "link-button no-print"), ("data-revisit", &q.id.0), ("data-act", &format!("change:{i}"))],
        );
        h.text(t.change).el("span", &[("class", "visually-hidden")], &format!(" {short}")).close("button").close("li");
    }
    h.close("ul");
    h
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

fn reason(h: &mut Raw, ctx: &AppContext, r: &ReasonView<'_>, answers: &Answers) {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let text: Vec<&str> = r.text.iter().map(|x| x.get(l)).collect();
    h.open("li", &[("data-rule", &r.key)]).el("p", &[], &text.join(t.colon));
    let lines = detail_lines(&ctx.rb, r.details, t, l);
    if !lines.is_empty() {
        h.open("ul", &[("class", "reason-details")]);
        for d in &lines {
            h.el("li", &[], d);
        }
        h.close("ul");
    }
    let qs = &r.reason.questions;
    if qs.len() > 3 {
        h.open("details", &[("class", "details based-on based-on--folded")]);
        h.el("summary", &[], &fill(t.based_on_count, &[("n", &qs.len().to_string())]));
        h.push(answers_behind(ctx, answers, qs)).close("details");
    } else if !qs.is_empty() {
        h.open("div", &[("class", "based-on")]).el("span", &[("class", "based-on__label")], t.based_on);
        h.push(answers_behind(ctx, answers, qs)).close("div");
    }
    h.close("li");
}

/// A section of the result: `<section>` with its heading.
fn section(h: &mut Raw, class: &str, id: &str, title: &str) {
    let heading = format!("{id}-title");
    h.open("section", &[("class", class), ("aria-labelledby", &heading), ("id", id)]);
    h.el("h2", &[("id", &heading)], title);
}

fn reasons(ctx: &AppContext, v: &ResultView<'_>, answers: &Answers) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let path = ctx.path();
    let mut h = Raw::new();
    section(&mut h, "result-section", "why", t.reasons_title);
    h.open("ol", &[("class", "reasons"), ("id", "reasons")]);
    for r in &v.reasons {
        reason(&mut h, ctx, r, answers);
    }
    h.close("ol");
    if !v.unknowns.is_empty() {
        h.el("h3", &[], t.unknown_title).open("ul", &[("class", "list"), ("id", "unknowns")]);
        for q in &v.unknowns {
            h.el("li", &[("data-unknown", &q.id.0)], q.on(path).text.get(l));
        }
        h.close("ul");
    }
    if !v.possible_red_lines.is_empty() {
        h.el("p", &[], t.possible_red_lines).open("ul", &[("class", "list")]);
        for r in &v.possible_red_lines {
            h.el("li", &[("data-possible-red-line", &r.id.0)], r.title.get(l));
        }
        h.close("ul");
    }
    h.close("section");
    h.html()
}

fn next_steps(ctx: &AppContext, v: &ResultView<'_>) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let mut h = Raw::new();
    section(&mut h, "result-section next", "next", t.next_title);
    h.open("ol", &[("class", "list"), ("id", "next-steps")]);
    for n in &v.next_steps.0 {
        h.el("li", &[("data-next", &n.id.0)], n.text.get(l));
    }
    h.close("ol");
    let more = v.next_steps.1.len();
    if more > 0 {
        h.open("details", &[("class", "details result-details"), ("id", "next-more")]);
        h.el("summary", &[], &fill(t.next_more, &[("n", &more.to_string())]));
        h.open("ol", &[("class", "list"), ("start", &(v.next_steps.0.len() + 1).to_string())]);
        for n in &v.next_steps.1 {
            h.el("li", &[("data-next", &n.id.0)], n.text.get(l));
        }
        h.close("ol").close("details");
    }
    h.close("section");
    h.html()
}

fn risks(ctx: &AppContext, a: &Assessment) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let mut h = Raw::new();
    section(&mut h, "result-section", "risks", t.risks_title);
    h.open("ul", &[("class", "list")]);
    for r in a.risks.iter().filter_map(|id| rb.risks.iter().find(|r| &r.id == id)) {
        h.open("li", &[("data-risk", &r.id.0)]).el("b", &[], r.title.get(l)).text(t.colon).text(r.advice.get(l)).close("li");
    }
    h.close("ul").close("section");
    h.html()
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
    let mut h = Raw::new();
    section(&mut h, "result-section no-print", "changes", t.changes_title);
    h.el("p", &[("class", "hint")], t.changes_lead).open("ul", &[("class", "list")]);
    for c in &a.changes {
        let Some(o) = rb.question(&c.question.0).and_then(|q| q.option(&c.option.0)) else { continue };
        let Some(to) = rb.tier(&c.tier.0) else { continue };
        let key = format!("{}={}", c.question, c.option);
        h.open("li", &[("data-change", &key)]).el("b", &[], o.action.as_ref().map(|x| x.get(l)).unwrap_or_default());
        h.el("span", &[("class", "hint")], &fill(t.change_leads_to, &[("tier", to.title.get(l))]));
        h.el("button", &[("type", "button"), ("class", "link-button"), ("data-act", &format!("what-if:{key}"))], t.try_it).close("li");
    }
    h.close("ul").close("section");
    h.html()
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
    let list: Vec<_> = a.materials.iter().filter_map(|id| rb.materials.iter().find(|m| &m.id == id)).collect();
    let mut body = Raw::new();
    body.open("ul", &[("class", "checklist"), ("id", "materials")]);
    for m in &list {
        body.open("li", &[("data-material", &m.id.0)])
            .el("span", &[("class", "box"), ("aria-hidden", "true")], "")
            .text(m.title.get(l))
            .close("li");
    }
    body.close("ul");
    folded("materials-more", &fill(t.materials_count, &[("n", &list.len().to_string())]), body.html())
}

fn afterwards(ctx: &AppContext, v: &ResultView<'_>) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let Some(text) = &v.tier.afterwards else { return html! {} };
    let mut body = Raw::new();
    body.el("p", &[], text.get(l));
    folded("afterwards", t.afterwards_title, body.html())
}

fn procedure(ctx: &AppContext) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let mut body = Raw::new();
    body.open("ol", &[("class", "stages")]);
    for s in &rb.stages {
        body.open("li", &[]).el("b", &[], s.title.get(l)).el("span", &[("class", "stages__text")], s.description.get(l)).close("li");
    }
    body.close("ol").el("h3", &[], t.recipients_title).open("ul", &[("class", "list"), ("id", "recipients")]);
    for r in &rb.recipients {
        body.open("li", &[]).el("b", &[], r.title.get(l)).text(t.colon).text(r.role.get(l)).close("li");
    }
    body.close("ul");
    folded("procedure", t.procedure_title, body.html())
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

/// One verdict of the details: a distinction's side or an element's status.
struct Verdict<'a> {
    data: (&'a str, &'a str),
    value: (&'a str, &'a str),
    title: &'a str,
    badge: &'a str,
    hint: String,
    questions: &'a [QuestionId],
}

fn verdicts(ctx: &AppContext, answers: &Answers, list: Vec<Verdict<'_>>) -> Raw {
    let mut h = Raw::new();
    h.open("ul", &[("class", "verdicts")]);
    for v in list {
        h.open("li", &[("class", "verdict"), v.data, v.value]).el("h3", &[], v.title);
        h.el("p", &[("class", &format!("badge badge--{}", v.value.1))], v.badge).el("p", &[("class", "hint")], &v.hint);
        h.push(answers_behind(ctx, answers, &asked_only(ctx, v.questions))).close("li");
    }
    h.close("ul");
    h
}

/// The details, folded: red lines touched, the three distinctions, the
/// elements, the score, every answer, the references.
fn details(ctx: &AppContext, v: &ResultView<'_>, a: &Assessment, answers: &Answers) -> Html {
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, &ctx.rb);
    let not_reached = |what: &str| {
        let mut h = Raw::new();
        h.el("p", &[("class", "not-applicable"), ("data-not-applicable", what)], t.stage_not_reached);
        h
    };
    let mut heading = Raw::new();
    heading.el("h2", &[("class", "details-heading")], t.details_title);
    let mut parts = vec![heading.html()];
    let hit: Vec<_> = a
        .red_lines
        .iter()
        .filter_map(|r| match &r.rule {
            crate::engine::assess::RuleRef::RedLine(id) => rb.red_lines.iter().find(|x| &x.id == id),
            _ => None,
        })
        .collect();
    if !hit.is_empty() {
        let mut body = Raw::new();
        body.open("ul", &[("class", "list")]);
        for r in hit {
            body.open("li", &[("data-red-line", &r.id.0)])
                .el("b", &[], r.title.get(l))
                .text(t.colon)
                .text(r.description.get(l))
                .close("li");
        }
        body.close("ul");
        parts.push(folded("red-lines", t.red_lines_title, body.html()));
    }
    let distinctions = if v.distinctions_reached {
        let list = a
            .distinctions
            .iter()
            .filter_map(|d| rb.distinctions.iter().find(|x| x.id == d.id).map(|def| (d, def)))
            .map(|(d, def)| Verdict {
                data: ("data-distinction", &d.id.0),
                value: ("data-side", d.side.as_str()),
                title: def.title.get(l),
                badge: side_text(t, d.side),
                hint: format!("{} ⟷ {}", def.tolerable.get(l), def.intolerable.get(l)),
                questions: &d.questions,
            })
            .collect();
        verdicts(ctx, answers, list)
    } else {
        not_reached("distinctions")
    };
    parts.push(folded("distinctions", t.distinctions_title, distinctions.html()));
    let elements = if v.elements_reached {
        let list = a
            .elements
            .iter()
            .filter_map(|e| rb.elements.iter().find(|x| x.id == e.id).map(|def| (e, def)))
            .map(|(e, def)| Verdict {
                data: ("data-element", &e.id.0),
                value: ("data-status", e.status.as_str()),
                title: def.title.get(l),
                badge: status_text(t, e.status),
                hint: def.description.get(l).to_owned(),
                questions: &e.questions,
            })
            .collect();
        verdicts(ctx, answers, list)
    } else {
        not_reached("elements")
    };
    parts.push(folded("elements", t.elements_title, elements.html()));
    let mut references = Raw::new();
    references.open("ul", &[("class", "list small")]);
    for r in &rb.references {
        references.open("li", &[]).el("b", &[], r.title.get(l)).text(t.colon).text(r.note.get(l)).close("li");
    }
    references.close("ul");
    if v.score {
        parts.push(folded("score", t.score_title, score_breakdown(ctx, a)));
    }
    parts.push(folded("all-answers", t.summary_answers, answer_list(ctx, false, 3)));
    parts.push(folded("references", t.references_title, references.html()));
    super::nodes(parts)
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
