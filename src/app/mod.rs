//! The Yew shell: renders [`crate::flow`] state and performs the effects the
//! engine must not (history, focus, files, printing). The assessment itself is
//! [`crate::engine::assess`].

pub mod components;
pub mod dom;
mod effects;
pub mod state;

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use self::components::*;
use self::state::{Action, AppContext, AppState};
use crate::engine::{Locale, Rulebook, compact};
use crate::flow::Step;
use crate::i18n::{fill, ui};
use crate::options;

thread_local! {
    /// The locale of the recovery message, should the app ever panic.
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::ZhCn) };
}

#[derive(Properties)]
pub struct AppProps {
    pub rulebook: Rc<Rulebook>,
    pub locale: Locale,
}

impl PartialEq for AppProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.rulebook, &o.rulebook) && self.locale == o.locale
    }
}

fn page_title(s: &AppState) -> String {
    let (t, l, rb) = (ui(s.locale), s.locale, &s.rb);
    let title = rb.meta.title.get(l);
    let page = match s.session.step {
        Step::Start => return title.to_owned(),
        Step::Question(i) => rb.questions.get(i).map_or("", |q| q.text.get(l)).to_owned(),
        Step::Review => t.review_title.to_owned(),
        Step::Result => crate::engine::assess(rb, &s.session.answers).tier.0.clone(),
    };
    let page = if s.session.step == Step::Result {
        rb.tier(&page).map_or(page.clone(), |x| x.title.get(l).to_owned())
    } else {
        page
    };
    let prefix = if s.error.is_some() { t.error_prefix } else { "" };
    format!("{prefix}{page} – {title}")
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let (rb, locale) = (props.rulebook.clone(), props.locale);
        use_reducer(move || AppState::new(rb, locale))
    };
    let ctx: AppContext = state.clone();
    effects::use_history(&ctx);
    effects::use_unload_warning(!ctx.session.answers.is_empty());
    effects::use_focus_on_navigation(ctx.nav);
    let title = use_memo((ctx.session.step, ctx.locale, ctx.error.is_some(), ctx.nav), {
        let s = (*ctx).clone();
        move |_| page_title(&s)
    });
    effects::use_document_meta((*title).clone(), ctx.locale.tag());
    LOCALE.with(|l| l.set(ctx.locale));
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            mark_ready();
            // A click on "start" made before the wasm was ready is honoured now.
            if dom::root().is_some_and(|r| r.has_attribute("data-start-requested")) {
                ctx.dispatch(Action::Start);
            }
        });
    }
    let page = match ctx.session.step {
        Step::Start => html! { <StartPage /> },
        Step::Question(i) => {
            let key = ctx.rb.questions.get(i).map_or(String::new(), |q| q.id.0.clone());
            html! { <QuestionPage {key} index={i} /> }
        }
        Step::Review => html! { <ReviewPage /> },
        Step::Result => html! { <ResultPage /> },
    };
    html! {
        <ContextProvider<AppContext> context={ctx}>
            <Layout>{ page }</Layout>
        </ContextProvider<AppContext>>
    }
}

/// Removes the static start page and marks the page interactive.
fn mark_ready() {
    if let Some(doc) = dom::document() {
        if let Some(el) = doc.get_element_by_id("static") {
            el.remove();
        }
        if let Some(r) = doc.document_element() {
            let _ = r.set_attribute("data-ready", "");
        }
    }
}

/// The element the app renders into, placed before the static start page.
fn mount_point() -> Option<web_sys::Element> {
    let doc = dom::document()?;
    if let Some(el) = doc.get_element_by_id("root") {
        return Some(el);
    }
    let el = doc.create_element("div").ok()?;
    el.set_id("root");
    let body = doc.body()?;
    let _ = body.insert_before(&el, doc.get_element_by_id("static").as_ref().map(|s| s.as_ref()));
    Some(el)
}

/// Replaces the page with a recovery message that needs no wasm to work:
/// plain links to reload and to exit quickly.
pub fn show_recovery() {
    let Some(doc) = dom::document() else { return };
    let t = ui(LOCALE.with(|l| l.get()));
    let make = |tag: &str, text: &str| {
        let el = doc.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let Some(box_) = doc.create_element("div").ok() else { return };
    box_.set_id("recovery");
    box_.set_class_name("recovery");
    let _ = box_.set_attribute("role", "alert");
    if let (Some(h), Some(p)) = (make("h1", t.panic_title), make("p", t.panic_text)) {
        let _ = box_.append_child(&h);
        let _ = box_.append_child(&p);
    }
    if let (Some(reload), Some(exit)) = (make("a", t.panic_reload), make("a", t.quick_exit)) {
        let _ = reload.set_attribute("href", &dom::here());
        reload.set_class_name("button");
        let _ = exit.set_attribute("href", &dom::exit_url());
        let _ = exit.set_attribute("data-quick-exit", "");
        exit.set_class_name("quick-exit");
        let _ = box_.append_child(&reload);
        let _ = box_.append_child(&exit);
    }
    // Remove the app (and the static start page, if still there); nothing else
    // on the page belongs to it.
    for id in ["root", "static"] {
        if let Some(el) = doc.get_element_by_id(id) {
            el.remove();
        }
    }
    if let Some(body) = doc.body() {
        let _ = body.prepend_with_node_1(&box_);
    }
    if let Some(r) = doc.document_element() {
        let _ = r.set_attribute("data-crashed", "");
    }
}

/// Installs the hook that shows [`show_recovery`] on any panic.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        show_recovery();
    }));
}

fn mount_error(locale: Locale, errors: Vec<Problem>, message: Option<String>) {
    if let Some(root) = mount_point() {
        yew::Renderer::<RulebookErrorPage>::with_root_and_props(root, components::RulebookErrorProps { locale, errors, message }).render();
    }
    mark_ready();
}

fn mount_app(locale: Locale, rb: Rulebook) {
    let locale = if rb.meta.locales.contains(&locale) { locale } else { Locale::ZhCn };
    if let Some(root) = mount_point() {
        yew::Renderer::<App>::with_root_and_props(root, AppProps { rulebook: Rc::new(rb), locale }).render();
    }
}

async fn fetch_text(name: &str) -> Result<String, String> {
    let w = dom::window().ok_or("no window")?;
    let resp = JsFuture::from(w.fetch_with_str(name)).await.map_err(|_| "network".to_owned())?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "response".to_owned())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| "body".to_owned())?).await.map_err(|_| "body".to_owned())?;
    text.as_string().ok_or_else(|| "body".to_owned())
}

/// Has the loader worker (`src/bin/loader.rs`) read and validate a deployer's
/// rulebook, then mounts the app with it, or the error page with every problem.
fn load_in_worker(locale: Locale, name: String, src: String) {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::closure::Closure;

    let failed = move |why: &str| mount_error(locale, vec![], Some(why.to_owned()));
    let Ok(worker) = web_sys::Worker::new("./loader_loader.js") else {
        return failed("the rulebook loader could not be started");
    };
    let w = worker.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let msg: Array = e.data().dyn_into().unwrap_or_default();
        match msg.get(0).as_string().as_deref() {
            Some("ready") => {
                let _ = w.post_message(&Array::of2(&name.as_str().into(), &src.as_str().into()));
            }
            Some("ok") => {
                w.terminate();
                let bytes = msg.get(1).dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
                match compact::decode(&bytes) {
                    Some(rb) => mount_app(locale, rb),
                    None => mount_error(locale, vec![], Some("the rulebook loader sent an unreadable answer".into())),
                }
            }
            Some("errors") => {
                w.terminate();
                let list: Array = msg.get(1).dyn_into().unwrap_or_default();
                let problems = list
                    .iter()
                    .map(|p| {
                        let p: Array = p.dyn_into().unwrap_or_default();
                        let s = |i| p.get(i).as_string().unwrap_or_default();
                        Problem { code: s(0), zh: s(1), en: s(2) }
                    })
                    .collect();
                mount_error(locale, problems, None);
            }
            _ => {}
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
}

/// Entry point: reads the options, loads and validates the rulebook, mounts the app.
pub fn run() {
    install_panic_hook();
    let opts = options::parse(&dom::query());
    if let Some(accent) = &opts.accent {
        dom::set_css_var("--accent", accent);
    }
    if let Some(scale) = &opts.scale {
        dom::set_css_var("--scale", scale);
    }
    let locale = opts.locale.unwrap_or_default();
    LOCALE.with(|l| l.set(locale));
    match opts.rulebook {
        None => match crate::engine::default_rulebook() {
            Ok(rb) => mount_app(locale, rb),
            Err(e) => mount_error(locale, e.iter().map(|e| Problem { code: e.kind.code().into(), zh: e.to_string(), en: e.to_string() }).collect(), None),
        },
        Some(Err(raw)) => mount_error(locale, vec![], Some(format!("{} ({raw})", ui(locale).rulebook_refused))),
        Some(Ok(name)) => wasm_bindgen_futures::spawn_local(async move {
            match fetch_text(&name).await {
                Ok(src) => load_in_worker(locale, name, src),
                Err(status) => mount_error(locale, vec![], Some(fill(ui(locale).rulebook_fetch_failed, &[("file", &name), ("status", &status)]))),
            }
        }),
    }
}
