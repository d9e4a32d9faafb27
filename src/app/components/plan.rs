//! The correction-plan builder: tick measures, set a target date for each.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::nodes;
use crate::app::state::{Action, AppContext};
use crate::engine::Assessment;
use crate::engine::model::Measure;
use crate::i18n::{fill, ui};

/// The plan: the measures the answers require first (ticked to begin with),
/// then, folded, the others that can apply; measures that cannot apply to
/// these answers are not listed.
pub fn plan_builder(ctx: &AppContext, a: &Assessment) -> Html {
    let t = ui(ctx.locale);
    let required: Vec<Html> = a.measures.iter().filter_map(|id| ctx.rb.measure(&id.0)).map(|m| item(ctx, m, true)).collect();
    let optional: Vec<Html> = a.optional_measures.iter().filter_map(|id| ctx.rb.measure(&id.0)).map(|m| item(ctx, m, false)).collect();
    let chosen_optional = a.optional_measures.iter().any(|m| ctx.session.plan.has(&m.0));
    html! {
        <section class="result-section plan" aria-labelledby="plan-title" id="plan">
            <h2 id="plan-title">{ t.plan_title }</h2>
            <p class="no-print">{ t.plan_lead }</p>
            if ctx.session.plan.0.is_empty() { <p class="print-only">{ t.plan_empty }</p> }
            <ul class="plan__list" id="plan-required">{ nodes(required) }</ul>
            if !optional.is_empty() {
                <details class={if chosen_optional { "details plan__more" } else { "details plan__more plan__more--none" }} id="plan-more" open={chosen_optional}>
                    <summary>{ fill(t.plan_more, &[("n", &optional.len().to_string())]) }</summary>
                    <ul class="plan__list">{ nodes(optional) }</ul>
                </details>
            }
        </section>
    }
}

fn item(ctx: &AppContext, m: &Measure, required: bool) -> Html {
    let (t, l) = (ui(ctx.locale), ctx.locale);
    let chosen = ctx.session.plan.0.iter().find(|p| p.measure == m.id);
    let id = format!("m-{}", m.id);
    let ontoggle = {
        let (ctx, mid) = (ctx.clone(), m.id.clone());
        Callback::from(move |e: Event| {
            let on = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|i| i.checked());
            ctx.dispatch(Action::TogglePlan(mid.clone(), on));
        })
    };
    let ondate = {
        let (ctx, mid) = (ctx.clone(), m.id.clone());
        Callback::from(move |e: Event| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                ctx.dispatch(Action::PlanDate(mid.clone(), i.value()));
            }
        })
    };
    html! {
        <li class={if chosen.is_some() { "plan__item plan__item--chosen" } else { "plan__item no-print" }} key={m.id.0.clone()} data-measure={m.id.0.clone()}
            data-required={required.then_some("")}>
            <div class="choice">
                <input class="choice__input" type="checkbox" id={id.clone()} checked={chosen.is_some()} onchange={ontoggle}
                    aria-describedby={format!("{id}-desc")} />
                <label class="choice__label" for={id.clone()}>
                    { m.title.get(l) }
                    if required { <strong class="tag">{ t.plan_required }</strong> }
                </label>
                <p class="hint choice__hint" id={format!("{id}-desc")}>{ m.description.get(l) }</p>
            </div>
            if let Some(p) = chosen {
                <div class="plan__date">
                    <label for={format!("{id}-date")}>{ t.plan_date }</label>
                    <input class="input input--date" type="date" id={format!("{id}-date")}
                        value={p.date.clone().unwrap_or_default()} onchange={ondate} />
                    <span class="print-inline">{ p.date.clone().unwrap_or_else(|| "____-__-__".into()) }</span>
                </div>
            }
        </li>
    }
}
