//! One question per page, GOV.UK style: the question as the page heading,
//! "why we ask" and glossary terms in place, errors summarised at the top and
//! repeated at the field, a primary submit button.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{answer_text, field_id, notice};
use crate::app::dom;
use crate::app::state::{Action, AppContext};
use crate::engine::Answer;
use crate::engine::answers::toggle_choice;
use crate::engine::model::{OptionId, QuestionKind};
use crate::flow::FieldError;
use crate::i18n::{Ui, fill, ui};

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub index: usize,
    pub ctx: AppContext,
}

fn error_text(t: &Ui, e: &FieldError) -> String {
    match e {
        FieldError::Required { multi: false } => t.err_required.into(),
        FieldError::Required { multi: true } => t.err_required_multi.into(),
        FieldError::BadDate => t.err_date.into(),
        FieldError::TooLong { max, got } => fill(t.err_too_long, &[("max", &max.to_string()), ("n", &got.to_string())]),
    }
}

#[component]
pub fn QuestionPage(props: &QuestionProps) -> Html {
    let ctx = Some(props.ctx.clone());
    let index = props.index;
    let saved = ctx.as_ref().and_then(|c| c.rb.questions.get(index).and_then(|q| c.session.answers.get(&q.id.0).cloned()));
    let draft = use_state(|| saved.clone());
    let text_ref = use_node_ref();
    let count = use_state(|| match &saved {
        Some(Answer::Text(t)) => t.chars().count(),
        _ => 0,
    });
    let Some(ctx) = ctx else { return html! {} };
    let (t, l, rb) = (ui(ctx.locale), ctx.locale, ctx.rb.clone());
    let path = ctx.path().cloned();
    let path = path.as_ref();
    let Some(q) = rb.questions.get(index) else { return html! {} };
    let w = q.on(path);
    let section = rb.section(&q.section.0);
    // A section's intro leads its first question asked.
    let first_of_section = {
        let asked = ctx.asked();
        rb.questions.iter().enumerate().find(|(j, x)| asked[*j] && x.section == q.section).map(|(j, _)| j) == Some(index)
    };
    let intro = section.and_then(|s| s.intro.as_ref()).filter(|_| first_of_section).map(|i| i.get(l).to_owned());
    let (sec_n, sec_total) = ctx.session.section_progress(&rb).unwrap_or((0, rb.sections.len()));
    let id = field_id(q);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let error = ctx.error.as_ref().map(|e| error_text(t, e));

    let onsubmit = {
        let ctx = ctx.clone();
        let draft = draft.clone();
        let (text_ref, kind) = (text_ref.clone(), q.kind);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let answer = match kind {
                QuestionKind::Text => text_ref.cast::<HtmlTextAreaElement>().map(|e| Answer::Text(e.value())),
                _ => (*draft).clone(),
            };
            ctx.dispatch(Action::Submit { index, answer });
        })
    };
    // The second click of a double click lands on the next page's button:
    // it must not submit that page too (skipping an optional question).
    let ondouble = Callback::from(|e: MouseEvent| {
        if e.detail() > 1 {
            e.prevent_default();
        }
    });
    let onerror_link = {
        let id = id.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            dom::focus(&format!("#{id}"));
        })
    };

    let describedby = {
        let mut ids = Vec::new();
        if w.hint.is_some() || q.kind == QuestionKind::Multi || q.kind == QuestionKind::Date {
            ids.push(hint_id.clone());
        }
        if error.is_some() {
            ids.push(err_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let intro = html! {
        if let Some(i) = &intro { <p class="section-intro" id="section-intro">{ i }</p> }
    };
    let caption = html! {
        <span class="caption">
            { fill(t.progress, &[("n", &(sec_n + 1).to_string()), ("total", &sec_total.to_string())]) }
            { " · " }{ section.map(|s| s.title.get(l)).unwrap_or_default() }
        </span>
    };
    let optional = if q.required { "" } else { t.optional };
    let hint = html! {
        <>
            if let Some(h) = w.hint {
                <p class="hint" id={hint_id.clone()}>{ h.get(l) }
                    if q.kind == QuestionKind::Multi { { " " }{ t.choose_all } }
                    if q.kind == QuestionKind::Date { { " " }{ t.date_hint } }
                </p>
            } else if q.kind == QuestionKind::Multi {
                <p class="hint" id={hint_id.clone()}>{ t.choose_all }</p>
            } else if q.kind == QuestionKind::Date {
                <p class="hint" id={hint_id.clone()}>{ t.date_hint }</p>
            }
            if let Some(e) = &error {
                <p class="error-message" id={err_id.clone()}><span class="visually-hidden">{ t.error_prefix }</span>{ e }</p>
            }
        </>
    };

    let control = match q.kind {
        QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multi => {
            let multi = q.kind == QuestionKind::Multi;
            let chosen: Vec<OptionId> = match &*draft {
                Some(Answer::Choice(o)) => vec![o.clone()],
                Some(Answer::Choices(os)) => os.clone(),
                _ => vec![],
            };
            let items = q.options.iter().enumerate().map(|(k, o)| {
                let input_id = if k == 0 { id.clone() } else { format!("{id}-{}", o.id) };
                let checked = chosen.contains(&o.id);
                let onchange = {
                    let (draft, rb, o_id, chosen) = (draft.clone(), rb.clone(), o.id.clone(), chosen.clone());
                    Callback::from(move |e: Event| {
                        let on = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                        if multi {
                            draft.set(Some(Answer::Choices(toggle_choice(&rb.questions[index], &chosen, &o_id, on))));
                        } else {
                            draft.set(Some(Answer::Choice(o_id.clone())));
                        }
                    })
                };
                let opt_hint = o.hint_on(path).map(|h| h.get(l).to_owned());
                let opt_hint_id = format!("{input_id}-hint");
                html! {
                    <>
                        if multi && o.exclusive && k > 0 && !q.options[k - 1].exclusive {
                            <p class="choices__divider">{ t.or_divider }</p>
                        }
                        <div class="choice" key={o.id.0.clone()}>
                            <input class="choice__input" type={if multi { "checkbox" } else { "radio" }} id={input_id.clone()}
                                name={q.id.0.clone()} value={o.id.0.clone()} {checked} {onchange}
                                aria-describedby={opt_hint.as_ref().map(|_| opt_hint_id.clone())} />
                            <label class="choice__label" for={input_id.clone()}>{ o.label_on(path).get(l) }</label>
                            if let Some(h) = opt_hint {
                                <p class="hint choice__hint" id={opt_hint_id}>{ h }</p>
                            }
                        </div>
                    </>
                }
            });
            html! {
                <fieldset class="fieldset" aria-describedby={describedby.clone()}>
                    <legend class="fieldset__legend">
                        { caption.clone() }
                        <h1 class="question-title" tabindex="-1">{ w.text.get(l) }</h1>
                    </legend>
                    { hint.clone() }
                    <div class={if multi { "choices choices--multi" } else { "choices" }}>{ for items }</div>
                </fieldset>
            }
        }
        QuestionKind::Text => {
            let oninput = {
                let count = count.clone();
                Callback::from(move |e: InputEvent| {
                    if let Some(a) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                        count.set(a.value().chars().count());
                    }
                })
            };
            let initial = match &saved {
                Some(Answer::Text(s)) => s.clone(),
                _ => String::new(),
            };
            html! {
                <>
                    { caption.clone() }
                    <h1 class="question-title" tabindex="-1"><label for={id.clone()}>{ w.text.get(l) }{ optional }</label></h1>
                    { hint.clone() }
                    <textarea class={if error.is_some() { "textarea textarea--error" } else { "textarea" }} id={id.clone()} name={q.id.0.clone()}
                        rows="6" maxlength={q.max_chars.to_string()} ref={text_ref.clone()} defaultvalue={initial}
                        aria-describedby={describedby.clone()} {oninput} spellcheck="false" autocomplete="off" />
                    <p class="hint char-count" aria-live="polite">
                        // The limit is only worth mentioning when it comes near.
                        { if *count as u64 * 10 >= q.max_chars as u64 * 9 {
                            fill(t.chars_limit, &[("n", &count.to_string()), ("max", &q.max_chars.to_string())])
                        } else {
                            fill(t.chars_count, &[("n", &count.to_string())])
                        } }
                    </p>
                </>
            }
        }
        QuestionKind::Date => {
            let value = match &*draft {
                Some(Answer::Date(s)) => s.clone(),
                _ => String::new(),
            };
            let oninput = {
                let draft = draft.clone();
                Callback::from(move |e: InputEvent| {
                    if let Some(i) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                        draft.set(Some(Answer::Date(i.value())));
                    }
                })
            };
            html! {
                <>
                    { caption.clone() }
                    <h1 class="question-title" tabindex="-1"><label for={id.clone()}>{ w.text.get(l) }{ optional }</label></h1>
                    { hint.clone() }
                    <input class={if error.is_some() { "input input--date input--error" } else { "input input--date" }} type="date" id={id.clone()}
                        name={q.id.0.clone()} {value} {oninput} aria-describedby={describedby.clone()} autocomplete="off" />
                </>
            }
        }
    };

    let confirm = ctx.pending.as_ref().filter(|p| p.index == index).map(|p| {
        let names: Vec<(String, String)> = p
            .drops
            .iter()
            .filter_map(|d| rb.question(&d.0))
            .map(|d| (d.on(path).short.get(l).to_owned(), answer_text(&rb, d, ctx.session.answers.get(&d.id.0), l, path)))
            .collect();
        html! {
            <section class="confirm" id="drop-confirm" tabindex="-1" aria-labelledby="drop-title">
                <h2 id="drop-title">{ t.drop_title }</h2>
                <ul class="list" id="drop-list">
                    { for names.iter().map(|(n, a)| html! { <li><b>{ n }</b>{ t.colon }<span class="user-text">{ a }</span></li> }) }
                </ul>
                <p>{ t.drop_text }</p>
                <div class="button-group">
                    <button type="button" class="button button--warning" id="drop-confirm-button" data-act="drop">{ t.drop_confirm }</button>
                    <button type="button" class="button button--secondary" data-act="keep">{ t.drop_cancel }</button>
                </div>
            </section>
        }
    });

    let terms: Vec<_> = q.terms.iter().filter_map(|id| rb.term(&id.0)).collect();
    let sections_nav = rb.sections.iter().enumerate().map(|(k, s)| {
        html! {
            <li class={match k.cmp(&sec_n) {
                std::cmp::Ordering::Less => "progress__step progress__step--done",
                std::cmp::Ordering::Equal => "progress__step progress__step--current",
                std::cmp::Ordering::Greater => "progress__step",
            }}
                aria-current={(k == sec_n).then_some("step")} key={s.id.0.clone()}>
                { s.title.get(l) }
            </li>
        }
    });
    html! {
        <div class="question" data-question={q.id.0.clone()}>
            { super::back_link(t.back, "back-link") }
            { notice(&ctx) }
            <nav class="progress" aria-label={fill(t.progress, &[("n", &(sec_n + 1).to_string()), ("total", &sec_total.to_string())])}>
                <ol>{ for sections_nav }</ol>
            </nav>
            if let Some(e) = &error {
                <div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{ t.error_title }</h2>
                    <ul><li><a href={format!("#{id}")} onclick={onerror_link}>{ e }</a></li></ul>
                </div>
            }
            { intro }
            <form class={if error.is_some() { "form form--error" } else { "form" }} novalidate=true {onsubmit}>
                <div class={if error.is_some() { "form-group form-group--error" } else { "form-group" }}>{ control }</div>
                <details class="details">
                    <summary>{ t.why_we_ask }</summary>
                    <div class="details__text">{ w.why.get(l) }</div>
                </details>
                if !terms.is_empty() {
                    <aside class="terms" aria-labelledby={format!("{id}-terms")}>
                        <h2 class="terms__title" id={format!("{id}-terms")}>{ t.terms_title }</h2>
                        <dl>
                            { for terms.iter().map(|term| html! {
                                <><dt>{ term.term.get(l) }</dt><dd>{ term.definition.get(l) }</dd></>
                            }) }
                        </dl>
                    </aside>
                }
                if let Some(c) = confirm {
                    { c }
                } else {
                    <button type="submit" class="button" id="continue" onclick={ondouble}>
                        { if ctx.session.changing { t.save_and_return } else { t.continue_button } }
                    </button>
                }
            </form>
        </div>
    }
}
