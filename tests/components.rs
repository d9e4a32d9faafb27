#![cfg(target_arch = "wasm32")]
//! Component tests in headless Chromium: each mounts a component into a fresh
//! element with real state and checks the DOM it produces against the engine.
//! Run with `cargo test --target wasm32-unknown-unknown --test components`.

use std::rc::Rc;

use rongcuo::app::components::{QuestionPage, result_page, review_page};
use rongcuo::app::state::{AppContext, Shell};
use rongcuo::app::{App, AppProps};
use rongcuo::engine::app::App as Core;
use rongcuo::engine::{Answer, Answers, Locale, Rulebook, assess, cases};
use rongcuo::flow::Step;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const CASES: &str = include_str!("../rulebooks/default.cases.toml");

fn rulebook() -> Rc<Rulebook> {
    // The wording the page fetches once it is ready, as the build wrote it.
    assert!(rongcuo::builtin::install_rest(rongcuo::builtin::REST_BYTES).is_some());
    Rc::new(rongcuo::builtin::default_rulebook().expect("the default rulebook loads"))
}

fn case_answers(rb: &Rulebook, id: &str) -> Answers {
    let all = cases::load_cases("default.cases.toml", CASES, rb).expect("cases load");
    all.into_iter().find(|c| c.id == id).expect("case exists").answers
}

#[derive(Properties)]
struct HarnessProps {
    state: Core,
}

impl PartialEq for HarnessProps {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Provides the app context around one page, like the app does.
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let initial = props.state.clone();
    let ctx: AppContext = use_reducer(move || Shell(initial));
    match (ctx.session.step, ctx.result.clone()) {
        (Step::Question(i), _) => html! { <QuestionPage index={i} ctx={ctx.clone()} /> },
        (Step::Result | Step::Outcome, Some(a)) => result_page(&ctx, &a),
        _ => review_page(&ctx),
    }
}

fn fresh_root() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

async fn mount(state: Core) -> Element {
    let root = fresh_root();
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { state }).render();
    yew::scheduler::flush().await;
    root
}

fn q(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(sel).unwrap()
}

fn all(root: &Element, sel: &str) -> Vec<Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap()).collect()
}

fn click(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().unwrap().click();
}

fn state_at(rb: &Rc<Rulebook>, answers: Answers, step: Step) -> Core {
    Core::at(rb.clone(), Locale::PRIMARY, answers, step, 0)
}

#[wasm_bindgen_test]
async fn question_page_renders_the_rulebook_question_with_accessible_choices() {
    let rb = rulebook();
    let i = rb.question_index("context").unwrap();
    let root = mount(state_at(&rb, Answers::default(), Step::Question(i))).await;
    let question = &rb.questions[i];
    let h1 = q_text(&root, "legend h1");
    assert_eq!(h1, question.text.get(Locale::PRIMARY));
    let radios = all(&root, "input[type=radio]");
    assert_eq!(radios.len(), question.options.len());
    for (input, opt) in radios.iter().zip(&question.options) {
        assert_eq!(input.get_attribute("value").as_deref(), Some(opt.id.as_str()));
        let label = q(&root, &format!("label[for=\"{}\"]", input.id())).expect("each input has a label");
        assert_eq!(label.text_content().unwrap(), opt.label.get(Locale::PRIMARY));
    }
    assert!(q(&root, "details summary").is_some(), "why-we-ask disclosure");
    assert!(q(&root, "button[type=submit]").is_some(), "a submit button continues");
}

fn q_text(root: &Element, sel: &str) -> String {
    q(root, sel).and_then(|e| e.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn submitting_without_an_answer_shows_the_error_at_the_top_and_at_the_field() {
    let rb = rulebook();
    let i = rb.question_index("context").unwrap();
    let root = mount(state_at(&rb, Answers::default(), Step::Question(i))).await;
    assert!(q(&root, "#error-summary").is_none());
    click(&q(&root, "#continue").unwrap());
    yew::scheduler::flush().await;
    let summary = q(&root, "#error-summary").expect("error summary");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    let message = q(&root, ".error-message").expect("message at the field");
    let fieldset = q(&root, "fieldset").unwrap();
    let described = fieldset.get_attribute("aria-describedby").unwrap_or_default();
    assert!(described.split(' ').any(|id| id == message.id()), "the field points at its error");
    // The summary link leads to the first control.
    let link = q(&root, "#error-summary a").unwrap();
    let first = all(&root, "input[type=radio]")[0].id();
    assert_eq!(link.get_attribute("href"), Some(format!("#{first}")));
}

#[wasm_bindgen_test]
async fn multiple_choice_exclusive_option_clears_the_others() {
    let rb = rulebook();
    let i = rb.question_index("t_basis").unwrap();
    let root = mount(state_at(&rb, Answers::default(), Step::Question(i))).await;
    let by_value = |v: &str| q(&root, &format!("input[value=\"{v}\"]")).unwrap().dyn_into::<HtmlInputElement>().unwrap();
    by_value("policy").click();
    yew::scheduler::flush().await;
    by_value("collective").click();
    yew::scheduler::flush().await;
    assert!(by_value("policy").checked() && by_value("collective").checked());
    by_value("none").click();
    yew::scheduler::flush().await;
    assert!(by_value("none").checked());
    assert!(!by_value("policy").checked() && !by_value("collective").checked(), "\"none\" clears the others");
}

#[wasm_bindgen_test]
async fn review_lists_every_asked_answer_literally_with_a_change_button() {
    let rb = rulebook();
    let mut answers = case_answers(&rb, "pilot_land_transfer");
    let hostile = "<b>粗体？</b> <script>alert(1)</script> مرحبا 😀";
    answers.set(&rb.question("description").unwrap().id, Answer::Text(hostile.into()));
    let shown = rongcuo::flow::asked(&rb, &answers).iter().filter(|s| **s).count();
    let root = mount(state_at(&rb, answers, Step::Review)).await;
    let rows = all(&root, "[data-answer]");
    assert_eq!(rows.len(), shown);
    assert_eq!(all(&root, "[data-change]").len(), shown);
    let desc = q(&root, "[data-answer=description] .summary-list__value").unwrap();
    assert_eq!(desc.text_content().unwrap().trim(), hostile, "shown exactly as typed");
    assert!(q(&root, "[data-answer=description] b").is_none() && q(&root, "[data-answer=description] script").is_none());
}

#[wasm_bindgen_test]
async fn result_page_shows_the_engine_outcome_and_only_what_applies() {
    let rb = rulebook();
    for id in ["pilot_land_transfer", "red_line_private_gain", "unsure_private_gain", "mandatory_overdue", "village_road_overrun"] {
        let answers = case_answers(&rb, id);
        let expected = assess(&rb, &answers);
        let root = mount(state_at(&rb, answers, Step::Result)).await;
        let outcome = q(&root, "[data-outcome]").expect("outcome");
        assert_eq!(outcome.get_attribute("data-outcome").as_deref(), Some(expected.tier.as_str()), "{id}");
        let keys: Vec<String> = all(&root, "#reasons > li").iter().map(|l| l.get_attribute("data-rule").unwrap()).collect();
        let want: Vec<String> = expected.reasons.iter().map(|r| r.rule.key()).collect();
        assert_eq!(keys, want, "{id}");
        // Each answer named behind a reason can be changed from there.
        let named: usize = expected.reasons.iter().map(|r| r.questions.len()).sum();
        assert_eq!(all(&root, "#reasons [data-revisit]").len(), named, "{id}");
        if expected.stage.reached_decision() {
            assert_eq!(all(&root, "#score-table tbody tr").len(), rb.factors.len(), "{id}");
            assert_eq!(all(&root, "rect.chart__value").len(), expected.score.factors.iter().filter(|f| f.applies).count());
            for e in &expected.elements {
                let el = q(&root, &format!("[data-element={}]", e.id)).unwrap();
                assert_eq!(el.get_attribute("data-status").as_deref(), Some(e.status.as_str()));
            }
        } else {
            // Decided before the score: no score, no element verdicts, no favourable badges.
            assert!(q(&root, "#score-table").is_none(), "{id}: a score shown for a result decided before it");
            assert!(q(&root, "[data-element]").is_none() && q(&root, "[data-not-applicable=elements]").is_some(), "{id}");
            assert!(q(&root, ".badge--tolerable").is_none(), "{id}: a tolerable badge on a ruled-out result");
        }
        if expected.stage.reached_distinctions() {
            for d in &expected.distinctions {
                let el = q(&root, &format!("[data-distinction={}]", d.id)).unwrap();
                assert_eq!(el.get_attribute("data-side").as_deref(), Some(d.side.as_str()));
            }
        }
        let red: Vec<String> = all(&root, "[data-red-line]").iter().map(|e| e.get_attribute("data-red-line").unwrap()).collect();
        assert_eq!(red.len(), expected.red_lines.len(), "{id}");
        let tier = rb.tier(expected.tier.as_str()).unwrap();
        assert_eq!(q(&root, "#procedure").is_some(), tier.application, "{id}: the procedure only where applying makes sense");
        assert_eq!(q(&root, "#plan").is_some(), tier.correction, "{id}");
        let materials: Vec<String> = all(&root, "[data-material]").iter().map(|e| e.get_attribute("data-material").unwrap()).collect();
        assert_eq!(materials, expected.materials.iter().map(|m| m.0.clone()).collect::<Vec<_>>(), "{id}");
    }
}

#[wasm_bindgen_test]
async fn the_app_starts_at_the_start_page_and_moves_focus_to_the_first_question() {
    let rb = rulebook();
    let root = fresh_root();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { rulebook: rb.clone(), locale: Locale::PRIMARY }).render();
    yew::scheduler::flush().await;
    assert!(q(&root, "#start").is_some());
    click(&q(&root, "[data-action=start]").unwrap());
    yew::scheduler::flush().await;
    let first = rb.questions.first().unwrap();
    assert_eq!(q_text(&root, "main h1"), first.text.get(Locale::PRIMARY));
    let active = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(active.tag_name(), "H1", "focus moves to the page heading");
}

#[wasm_bindgen_test]
async fn the_recovery_message_keeps_a_working_quick_exit() {
    // What the panic hook shows: a plain message with plain links that need no wasm.
    rongcuo::app::show_recovery();
    let doc = web_sys::window().unwrap().document().unwrap();
    let boxed = doc.get_element_by_id("recovery").expect("recovery message");
    assert_eq!(boxed.get_attribute("role").as_deref(), Some("alert"));
    let exit = doc.query_selector("[data-quick-exit]").unwrap().expect("quick exit link");
    assert!(exit.get_attribute("href").is_some_and(|h| !h.is_empty()));
    assert!(doc.document_element().unwrap().has_attribute("data-crashed"));
    // Leave the document as the other tests expect it.
    doc.get_element_by_id("recovery-page").unwrap().remove();
    doc.document_element().unwrap().remove_attribute("data-crashed").unwrap();
}
