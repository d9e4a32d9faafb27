//! The Yew shell: renders the app core's state ([`crate::engine::app`]) and
//! performs the effects it returns (history, focus, files, printing). The
//! assessment, the run and every decision are the engine's.
//!
//! Entry: `main.rs` calls [`run`], which reads the options, gets the
//! rulebook (the built-in one, or a deployer's through the loader worker)
//! and mounts [`Root`]: the app, or the page saying why it cannot start.

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
use self::state::{Action, App as Core, AppContext, Shell};
use crate::engine::{Locale, Rulebook, compact};
use crate::flow::Step;
use crate::i18n::{fill, ui};
use crate::options;

thread_local! {
    /// The locale of the recovery message, should the app ever panic.
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::PRIMARY) };
}

#[derive(Properties, Clone)]
pub struct AppProps {
    pub rulebook: Rc<Rulebook>,
    pub locale: Locale,
}

impl PartialEq for AppProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.rulebook, &o.rulebook) && self.locale == o.locale
    }
}

/// The self-check: the core's state, its effects, and the page for the current step.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let (rb, locale) = (props.rulebook.clone(), props.locale);
        use_reducer(move || Shell(Core::new(rb, locale)))
    };
    let ctx: AppContext = state;
    effects::use_effects(&ctx);
    effects::use_history(&ctx);
    // The title names the tool only, never a question or a result: browsers
    // keep titles in their history and use them as file names.
    let title = if ctx.error.is_some() {
        format!("{}{}", ui(ctx.locale).error_prefix, ctx.rb.meta.title.get(ctx.locale))
    } else {
        ctx.rb.meta.title.get(ctx.locale).to_owned()
    };
    effects::use_document_meta(title, ctx.locale.tag());
    LOCALE.with(|l| l.set(ctx.locale));
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            // Clicks made on the static page before the wasm was ready are honoured now.
            let requested = |a: &str| dom::root().and_then(|r| r.get_attribute(a));
            if let Some(to) = requested("data-language-requested").as_deref().and_then(Locale::from_tag)
                && ctx.locale.is_primary()
            {
                switch_language(&ctx, to);
            }
            if requested("data-start-requested").is_some() {
                ctx.dispatch(Action::Start);
            }
        });
    }
    // The wording only later pages show is fetched once the page is ready
    // (built-in rulebook only; a deployer's comes whole from the loader).
    let rest = use_state(|| if !BUILT_IN.with(Cell::get) || crate::builtin::rest_ready() { Rest::Ready } else { Rest::Pending(0) });
    {
        let (ctx, rest) = (ctx.clone(), rest.clone());
        use_effect_with(*rest, move |r| {
            match *r {
                Rest::Pending(_) => wasm_bindgen_futures::spawn_local(async move {
                    let file = crate::builtin::rest_file().unwrap_or_default();
                    let bytes = fetch_bytes(&format!("./{file}"), FETCH_LIMIT_MS).await;
                    match bytes.ok().and_then(|b| crate::builtin::install_rest(&b)) {
                        Some(rb) => {
                            ctx.dispatch(Action::Rulebook(Rc::new(rb)));
                            rest.set(Rest::Ready);
                        }
                        None => rest.set(Rest::Failed),
                    }
                }),
                // For the tests: everything the page may show is in place.
                Rest::Ready => {
                    if let Some(root) = dom::root() {
                        let _ = root.set_attribute("data-complete", "");
                    }
                }
                Rest::Failed => {}
            }
        });
    }
    let later = !matches!(ctx.session.step, Step::Start | Step::Question(_));
    let page = match (ctx.session.step, ctx.result.as_ref()) {
        _ if later && *rest != Rest::Ready => {
            let t = ui(ctx.locale);
            let retry = {
                let rest = rest.clone();
                Callback::from(move |_| rest.set(Rest::Pending(1)))
            };
            html! {
                <div class="notice" aria-busy={(*rest != Rest::Failed).to_string()}>
                    if *rest == Rest::Failed {
                        <p id="rest-failed" role="alert">{ t.rest_failed }</p>
                        <button type="button" class="button button--secondary" id="rest-retry" onclick={retry}>{ t.rest_retry }</button>
                    } else {
                        <p role="status">{ t.rest_loading }</p>
                    }
                </div>
            }
        }
        (Step::Start, _) => start_page(&ctx),
        (Step::Question(i), _) => {
            let key = ctx.rb.questions.get(i).map_or(String::new(), |q| q.id.0.clone());
            html! { <QuestionPage {key} index={i} ctx={ctx.clone()} /> }
        }
        (Step::Result | Step::Outcome, Some(a)) => result_page(&ctx, a),
        (Step::Document(i), Some(a)) => document_page(&ctx, a, i),
        _ => review_page(&ctx),
    };
    layout(&ctx, page)
}

/// The wording only later pages show (see [`crate::builtin::install_rest`]).
#[derive(Clone, Copy, PartialEq)]
enum Rest {
    /// Being fetched (the number tells a retry from the first try).
    Pending(u8),
    Ready,
    Failed,
}

/// What the page starts with: the app, or why it cannot run.
#[derive(Clone, PartialEq)]
pub enum Loaded {
    Ready(AppProps),
    Failed { locale: Locale, problems: Vec<Problem>, message: Option<String> },
}

#[derive(Properties, PartialEq)]
pub struct RootProps {
    pub loaded: Loaded,
}

/// The single root: one renderer for the app and the error page alike.
#[component]
pub fn Root(props: &RootProps) -> Html {
    use_effect_with((), |_| mark_ready());
    match &props.loaded {
        Loaded::Ready(app) => html! { <App ..app.clone() /> },
        Loaded::Failed { locale, problems, message } => rulebook_error_page(*locale, problems, message.as_deref(), builtin_fallback()),
    }
}

/// Where the built-in rulebook can be used instead of a deployer's that
/// failed, if the deployer allows it (`fallback=builtin`): this page's
/// address without the rulebook option.
fn builtin_fallback() -> Option<String> {
    let q = dom::query();
    options::parse(&q).fallback_builtin.then(|| {
        let kept: Vec<&str> = q.trim_start_matches('?').split('&').filter(|p| !p.starts_with("rulebook=") && !p.is_empty()).collect();
        format!("?{}", kept.join("&"))
    })
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
/// the site header with its quick exit, and a link to reload.
pub fn show_recovery() {
    let Some(doc) = dom::document() else { return };
    let locale = LOCALE.with(|l| l.get());
    let t = ui(locale);
    let Some(body) = doc.body() else { return };
    let e = crate::markup::escape;
    // Remove the app (and the static start page, if still there); nothing
    // else on the page belongs to it.
    for id in ["root", "static"] {
        if let Some(el) = doc.get_element_by_id(id) {
            el.remove();
        }
    }
    let Ok(page) = doc.create_element("div") else { return };
    page.set_id("recovery-page");
    page.set_inner_html(&format!(
        "{}<main class=\"page\"><div id=\"recovery\" class=\"recovery\" role=\"alert\"><h1>{}</h1><p>{}</p><a class=\"button\" href=\"{}\">{}</a></div></main>",
        components::header_markup(locale, &[]),
        e(t.panic_title),
        e(t.panic_text),
        e(&dom::here()),
        e(t.panic_reload)
    ));
    let _ = body.insert_before(&page, body.first_child().as_ref());
    if let Some(r) = doc.document_element() {
        let _ = r.set_attribute("data-crashed", "");
    }
    effects::ensure_quick_exit();
}

/// Installs the hook that shows [`show_recovery`] on any panic.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        // The message only: formatting the location too would add a kilobyte of code.
        web_sys::console::error_1(&info.payload_as_str().unwrap_or("panic").into());
        show_recovery();
    }));
}

fn render(loaded: Loaded) {
    if let Some(root) = mount_point() {
        yew::Renderer::<Root>::with_root_and_props(root, RootProps { loaded }).render();
    }
}

/// Renders the page; in another locale, once its wording has been fetched.
fn mount(loaded: Loaded) {
    let wanted = match &loaded {
        Loaded::Ready(AppProps { locale: l, .. }) | Loaded::Failed { locale: l, .. } => *l,
    };
    if crate::i18n::has(wanted) {
        return render(loaded);
    }
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = match loaded {
            Loaded::Ready(AppProps { rulebook, locale }) => match fetch_locale(locale, Some(&rulebook)).await {
                Ok(Some(rb)) => Loaded::Ready(AppProps { rulebook: rb, locale }),
                Ok(None) => Loaded::Ready(AppProps { rulebook, locale }),
                // The wording could not be fetched: the page stays in the primary locale.
                Err(()) => Loaded::Ready(AppProps { rulebook, locale: Locale::PRIMARY }),
            },
            Loaded::Failed { locale, problems, message } => {
                let locale = if fetch_locale(locale, None).await.is_ok() { locale } else { Locale::PRIMARY };
                Loaded::Failed { locale, problems, message }
            }
        };
        render(loaded);
    });
}

fn mount_error(locale: Locale, problems: Vec<Problem>, message: Option<String>) {
    mount(Loaded::Failed { locale, problems, message });
}

fn mount_app(locale: Locale, rb: Rulebook) {
    let locale = if rb.meta.locales.contains(&locale) { locale } else { Locale::PRIMARY };
    mount(Loaded::Ready(AppProps { rulebook: Rc::new(rb), locale }));
}

/// Switches the language; another locale's wording comes from a file of its own, fetched the first time.
pub fn switch_language(ctx: &AppContext, to: Locale) {
    if crate::i18n::has(to) {
        return ctx.dispatch(Action::SetLocale(to));
    }
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match fetch_locale(to, Some(&ctx.rb)).await {
            Ok(rb) => {
                if let Some(rb) = rb {
                    ctx.dispatch(Action::Rulebook(rb));
                }
                ctx.dispatch(Action::SetLocale(to));
            }
            Err(()) => ctx.dispatch(Action::LocaleFailed(to)),
        }
    });
}

thread_local! {
    /// Whether the app runs the built-in rulebook (whose other locales are files of their own).
    static BUILT_IN: Cell<bool> = const { Cell::new(false) };
}

/// Fetches a locale's wording file once and installs its interface strings;
/// for the built-in rulebook, returns it with that locale's wording put back
/// (`None` when nothing needs replacing). `Err` when the file is unavailable
/// or does not fit.
pub async fn fetch_locale(locale: Locale, current: Option<&Rulebook>) -> Result<Option<Rc<Rulebook>>, ()> {
    let file = crate::builtin::locale_file(locale).ok_or(())?;
    let bytes = fetch_bytes(&format!("./{file}"), FETCH_LIMIT_MS).await.map_err(|_| ())?;
    let (rulebook, interface) = compact::unpack_locale(&bytes).ok_or(())?;
    if !crate::i18n::install(locale, interface) {
        return Err(());
    }
    let Some(current) = current.filter(|_| BUILT_IN.with(|b| b.get())) else { return Ok(None) };
    let with = crate::builtin::with_locale(locale, &rulebook).ok_or(())?;
    Ok((with.meta.id == current.meta.id).then(|| Rc::new(with)))
}

/// How long a fetch of one of the page's own files may take before the page says so.
const FETCH_LIMIT_MS: u32 = 15_000;

/// Fetches one of the page's own files within `limit_ms`; `Err` says why
/// (for the administrator's message).
async fn fetch_bytes(name: &str, limit_ms: u32) -> Result<Vec<u8>, String> {
    let w = dom::window().ok_or("no window")?;
    // An abort signal bounds the whole fetch, body included.
    let abort = web_sys::AbortController::new().ok();
    let init = web_sys::RequestInit::new();
    if let Some(a) = &abort {
        init.set_signal(Some(&a.signal()));
    }
    let timer = abort.clone().map(|a| gloo::timers::callback::Timeout::new(limit_ms, move || a.abort()));
    let result = async {
        let resp = JsFuture::from(w.fetch_with_str_and_init(name, &init)).await.map_err(|_| "network or time limit".to_owned())?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| "response".to_owned())?;
        if !resp.ok() {
            return Err(format!("HTTP {}", resp.status()));
        }
        let buf = JsFuture::from(resp.array_buffer().map_err(|_| "body".to_owned())?).await.map_err(|_| "body or time limit".to_owned())?;
        Ok(js_sys::Uint8Array::new(&buf).to_vec())
    }
    .await;
    drop(timer);
    result
}

/// A deployer's rulebook is read by the loader worker (`crates/loader`),
/// which validates it with the engine and hands back the compact form or
/// every problem; the app is then mounted with it, or the error page.
fn load_in_worker(locale: Locale, name: String, src: String) {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::closure::Closure;

    // Whatever happens, the page ends in the app or a plain message: the
    // first of an answer, a failure or the time limit wins.
    let done = Rc::new(Cell::new(false));
    let finish = {
        let done = done.clone();
        move || !done.replace(true)
    };
    let failed = move |why: &str| mount_error(locale, vec![], Some(why.to_owned()));
    let Ok(worker) = web_sys::Worker::new("./loader_loader.js") else {
        finish();
        return failed(ui(locale).rulebook_loader_failed);
    };
    let w = worker.clone();
    let on_answer = finish.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let msg: Array = e.data().dyn_into().unwrap_or_default();
        match msg.get(0).as_string().as_deref() {
            Some("ready") => {
                let fetched: Array = msg.get(1).dyn_into().unwrap_or_default();
                dom::note_worker_requests("./loader_loader.js", fetched.iter().filter_map(|f| f.as_string()));
                let _ = w.post_message(&Array::of2(&name.as_str().into(), &src.as_str().into()));
            }
            Some("ok") if on_answer() => {
                w.terminate();
                let bytes = msg.get(1).dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
                match compact::decode(&bytes) {
                    Some(rb) => mount_app(locale, rb),
                    None => failed(ui(locale).rulebook_loader_failed),
                }
            }
            Some("errors") if on_answer() => {
                w.terminate();
                let list: Array = msg.get(1).dyn_into().unwrap_or_default();
                let problems = list
                    .iter()
                    .map(|p| {
                        let p: Array = p.dyn_into().unwrap_or_default();
                        let messages: Array = p.get(1).dyn_into().unwrap_or_default();
                        Problem {
                            code: p.get(0).as_string().unwrap_or_default(),
                            messages: messages.iter().map(|m| m.as_string().unwrap_or_default()).collect(),
                        }
                    })
                    .collect();
                mount_error(locale, problems, None);
            }
            // The worker could not start its own wasm (missing or damaged file).
            Some("failed") if on_answer() => {
                w.terminate();
                let why = msg.get(1).as_string().unwrap_or_default();
                failed(&fill(ui(locale).rulebook_loader_broken, &[("why", &why)]));
            }
            _ => {}
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // A missing loader script fails the worker itself.
    let (w, on_error) = (worker.clone(), finish.clone());
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if on_error() {
            w.terminate();
            failed(ui(locale).rulebook_loader_failed);
        }
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    // A loader that never answers: the rulebook is too large or too slow to read.
    gloo::timers::callback::Timeout::new(LOADER_TIME_LIMIT_MS, move || {
        if finish() {
            worker.terminate();
            failed(ui(locale).rulebook_loader_slow);
        }
    })
    .forget();
}

/// How long a deployer's rulebook may take to load before the page says so.
const LOADER_TIME_LIMIT_MS: u32 = 8_000;

/// The largest deployer's rulebook read (a real one is about 100 KB).
const MAX_RULEBOOK_BYTES: usize = 1_000_000;

/// Entry point: reads the options, loads and validates the rulebook, mounts the app.
pub fn run() {
    install_panic_hook();
    effects::ensure_quick_exit();
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
        // Validated at build time; decoding cannot fail short of a corrupt download.
        None => match crate::builtin::default_rulebook() {
            Ok(rb) => {
                BUILT_IN.with(|b| b.set(true));
                mount_app(locale, rb);
            }
            Err(_) => mount_error(locale, vec![], Some("the built-in rulebook could not be read".into())),
        },
        // A fixed message: whatever the address says is never shown back.
        Some(Err(_)) => mount_error(locale, vec![], Some(ui(locale).rulebook_refused.to_owned())),
        Some(Ok(name)) => wasm_bindgen_futures::spawn_local(async move {
            let text = fetch_bytes(&name, FETCH_LIMIT_MS).await.and_then(|b| {
                if b.len() > MAX_RULEBOOK_BYTES {
                    return Err(fill(ui(locale).rulebook_too_large, &[("max", &(MAX_RULEBOOK_BYTES / 1000).to_string())]));
                }
                String::from_utf8(b).map_err(|_| "UTF-8".to_owned())
            });
            match text {
                Ok(src) => load_in_worker(locale, name, src),
                Err(status) => {
                    mount_error(locale, vec![], Some(fill(ui(locale).rulebook_fetch_failed, &[("file", &name), ("status", &status)])))
                }
            }
        }),
    }
}
