#![cfg(all(target_arch = "wasm32", feature = "pseudo-locale"))]
//! The page in the pseudo-locale (`en-XA`, added the way a real locale is:
//! a line in `LOCALES`, a table and the rulebook's wording): every text a
//! user reads on every page type must come out marked `⟦…⟧`. A string that
//! does not is held by the code instead of a table. Run with
//! `cargo test --target wasm32-unknown-unknown --features pseudo-locale --test pseudo_page`.

use std::rc::Rc;

use rongcuo::app::components::{QuestionPage, document_page, layout, result_page, review_page, start_page};
use rongcuo::app::state::{AppContext, Shell};
use rongcuo::engine::app::App as Core;
use rongcuo::engine::{Answers, Locale, Rulebook, cases, compact};
use rongcuo::flow::Step;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const CASES: &str = include_str!("../rulebooks/default.cases.toml");

fn xa() -> Locale {
    Locale::from_tag("en-XA").unwrap()
}

/// The default rulebook with its pseudo-locale wording, and that locale's interface strings installed.
fn rulebook() -> Rc<Rulebook> {
    let (wording, interface) = compact::unpack_locale(rongcuo::builtin::PSEUDO_LOCALE_BYTES).expect("the pseudo-locale file");
    assert!(rongcuo::i18n::install(xa(), interface));
    assert!(rongcuo::builtin::install_rest(rongcuo::builtin::REST_BYTES).is_some());
    let mut rb = rongcuo::builtin::with_locale(xa(), &wording).expect("its wording fits");
    rb.meta.locales.push(xa());
    Rc::new(rb)
}

fn case_answers(rb: &Rulebook, id: &str) -> Answers {
    cases::load_cases("default.cases.toml", CASES, rb).unwrap().into_iter().find(|c| c.id == id).unwrap().answers
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

/// One page of the app, in its frame, from a given state.
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let initial = props.state.clone();
    let ctx: AppContext = use_reducer(move || Shell(initial));
    let page = match (ctx.session.step, ctx.result.clone()) {
        (Step::Start, _) => start_page(&ctx),
        (Step::Question(i), _) => html! { <QuestionPage index={i} ctx={ctx.clone()} /> },
        (Step::Result | Step::Outcome, Some(a)) => result_page(&ctx, &a),
        (Step::Document(i), Some(a)) => document_page(&ctx, &a, i),
        _ => review_page(&ctx),
    };
    layout(&ctx, page)
}

async fn render(rb: &Rc<Rulebook>, answers: Answers, step: Step, resume_at: usize) -> Element {
    let state = Core::at(rb.clone(), xa(), answers, step, resume_at);
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { state }).render();
    yew::scheduler::flush().await;
    root
}

/// The texts under `root` that are not marked, leaving out what the user typed
/// and the language switch (each locale's own name and label).
fn unmarked(root: &Element) -> Vec<String> {
    let mut out = Vec::new();
    let walker = web_sys::window().unwrap().document().unwrap().create_tree_walker_with_what_to_show(root, 4).unwrap();
    while let Ok(Some(node)) = walker.next_node() {
        let text = node.text_content().unwrap_or_default();
        let t = text.trim();
        let parent: Option<Element> = node.parent_node().and_then(|p: Node| p.dyn_into::<Element>().ok());
        if parent.as_ref().is_some_and(|p| p.closest(".user-text, .lang-switch, textarea").ok().flatten().is_some()) {
            continue;
        }
        let neutral = |c: char| c.is_ascii_digit() || c.is_whitespace() || c.is_ascii_punctuation() || "·–—→⟷".contains(c);
        // What lies outside every marked stretch must be numbers and punctuation:
        // a node may join several marked texts with figures (a band's "⟦High⟧ 80–100").
        let mut depth = 0u32;
        let mut outside = String::new();
        for c in t.chars() {
            match c {
                '⟦' => depth += 1,
                '⟧' => depth = depth.saturating_sub(1),
                c if depth == 0 => outside.push(c),
                _ => {}
            }
        }
        if outside.chars().all(neutral) {
            continue;
        }
        out.push(t.to_owned());
    }
    out
}

#[wasm_bindgen_test]
async fn every_page_in_a_new_locale_shows_only_its_own_wording() {
    let rb = rulebook();
    let mut bad = Vec::new();
    let mut check = |what: &str, root: &Element| {
        for t in unmarked(root) {
            bad.push(format!("{what}: {t}"));
        }
        root.remove();
    };
    check("start", &render(&rb, Answers::default(), Step::Start, 0).await);
    // Every question, in the wording of each path.
    for id in ["pilot_land_transfer", "emergency_canteen_purchase", "plan_pilot_ready"] {
        let answers = case_answers(&rb, id);
        let shown = rongcuo::flow::asked(&rb, &answers);
        // The app words each question for the answers' path itself.
        let view = rb.clone();
        for (i, _) in rb.questions.iter().enumerate().filter(|(i, _)| shown[*i]) {
            check(&format!("{id} question {i}"), &render(&view, answers.clone(), Step::Question(i), 0).await);
        }
        check(&format!("{id} review"), &render(&view, answers.clone(), Step::Review, 0).await);
        check(&format!("{id} result"), &render(&view, answers.clone(), Step::Result, 0).await);
        for (d, _) in rb.documents.iter().enumerate() {
            check(&format!("{id} document {d}"), &render(&view, answers.clone(), Step::Document(d), 0).await);
        }
    }
    for id in
        ["several_red_lines", "unsure_private_gain", "mandatory_overdue", "self_found_not_yet_reported", "clash_reported_but_not_told"]
    {
        let answers = case_answers(&rb, id);
        check(&format!("{id} review"), &render(&rb, answers.clone(), Step::Review, 0).await);
        check(&format!("{id} result"), &render(&rb, answers.clone(), Step::Result, 0).await);
    }
    let early = case_answers(&rb, "red_line_at_once");
    let at = rb.question_index("rl_knowing").unwrap();
    check("early outcome", &render(&rb, early, Step::Outcome, at).await);
    assert!(bad.is_empty(), "text not from a table or the rulebook:\n{}", bad.join("\n"));
}
