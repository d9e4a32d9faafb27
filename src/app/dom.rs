//! Small, fallible wrappers over browser APIs. None of them panics: a missing
//! API degrades to doing nothing, because a dead page is worse than a missing
//! nicety.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Window};

pub fn window() -> Option<Window> {
    web_sys::window()
}

pub fn document() -> Option<Document> {
    window()?.document()
}

/// The `<html>` element.
pub fn root() -> Option<Element> {
    document()?.document_element()
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Focuses the first element matching `selector`.
pub fn focus(selector: &str) {
    if let Some(el) = document().and_then(|d| d.query_selector(selector).ok().flatten())
        && let Ok(el) = el.dyn_into::<HtmlElement>()
    {
        let _ = el.focus();
    }
}

pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Offers `content` as a file download; nothing is stored by the page.
pub fn download(name: &str, mime: &str, content: &str) {
    let Some(doc) = document() else { return };
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a")
        && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download(name);
        a.set_hidden(true);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    // Revoke after the click has been handled.
    gloo::timers::callback::Timeout::new(1000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Opens (`true`) the result's folded details for printing, or folds again
/// (`false`) those it opened.
pub fn open_details(open: bool) {
    let Some(d) = document() else { return };
    let selector = if open {
        "details.result-details:not([open]), details.plan__more:not([open]), details.based-on--folded:not([open])"
    } else {
        "details[data-opened-for-print]"
    };
    let Ok(list) = d.query_selector_all(selector) else { return };
    for i in 0..list.length() {
        if let Some(el) = list.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            if open {
                let _ = el.set_attribute("open", "");
                let _ = el.set_attribute("data-opened-for-print", "");
            } else {
                let _ = el.remove_attribute("open");
                let _ = el.remove_attribute("data-opened-for-print");
            }
        }
    }
}

/// Prints the page as `version` (the print stylesheet reads `data-print`:
/// `full`, `talk` for the version for a first talk, `document` for a paper).
/// While the dialog is open the title, which browsers use as the PDF's file
/// name, is a neutral one that says nothing of the result.
pub fn print(version: &str, title: &str) {
    let (Some(w), Some(root)) = (window(), root()) else { return };
    let old = document().map(|d| d.title()).unwrap_or_default();
    let _ = root.set_attribute("data-print", version);
    set_title(title);
    open_details(true);
    let _ = w.print();
    open_details(false);
    root.remove_attribute("data-print").ok();
    set_title(&old);
}

/// Whether the page is inside another page's frame.
pub fn in_frame() -> bool {
    let Some(w) = window() else { return false };
    match w.parent() {
        Ok(Some(p)) => !js_sys::Object::is(&p, &w),
        _ => false,
    }
}

/// Quick exit, as `exit.js` does it: the page is emptied at once and the
/// browser leaves for the neutral page, replacing this entry.
pub fn quick_exit() {
    let Some(root) = root() else { return };
    if root.has_attribute("data-exiting") {
        return;
    }
    let _ = root.set_attribute("data-exiting", "");
    set_title("");
    if let Some(body) = document().and_then(|d| d.body()) {
        body.set_inner_html("");
    }
    if let Some(w) = window() {
        let _ = w.location().replace(&exit_url());
    }
}

/// Whether an event's target is a field the user types into (Shift there is typing).
pub fn typing(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<Element>().ok()) else { return false };
    if el.closest("textarea, [contenteditable]").ok().flatten().is_some() {
        return true;
    }
    el.dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|i| !matches!(i.type_().as_str(), "radio" | "checkbox" | "button" | "submit" | "reset" | "file" | "range" | "color"))
}

/// Counts Shift pressed three times on its own, as `exit.js` does: a Shift
/// counts only when it is pressed and released with nothing else in between
/// (no other key, no pointer press, no wheel), and within 5 s of the last.
#[derive(Default)]
pub struct ShiftCounter {
    count: std::cell::Cell<u32>,
    alone: std::cell::Cell<bool>,
    last: std::cell::Cell<f64>,
}

impl ShiftCounter {
    pub fn key_down(&self, key: &str) {
        if key == "Shift" {
            self.alone.set(true);
        } else {
            self.reset();
        }
    }

    /// True when this release is the third Shift on its own.
    pub fn key_up(&self, key: &str, typing: bool) -> bool {
        if key != "Shift" || typing || !self.alone.replace(false) {
            self.count.set(0);
            return false;
        }
        let now = js_sys::Date::now();
        if now - self.last.replace(now) > 5000.0 {
            self.count.set(0);
        }
        self.count.set(self.count.get() + 1);
        self.count.get() >= 3
    }

    pub fn reset(&self) {
        self.count.set(0);
        self.alone.set(false);
    }
}

/// The quick-exit address, chosen and validated by `exit.js` at start-up.
pub fn exit_url() -> String {
    root().and_then(|r| r.get_attribute("data-exit-url")).unwrap_or_else(|| "neutral.html".into())
}

/// The page's query string.
pub fn query() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The page's address without the fragment, for reload links.
pub fn here() -> String {
    window().and_then(|w| w.location().href().ok()).map(|h| h.split('#').next().unwrap_or("").to_owned()).unwrap_or_default()
}

/// Sets a CSS custom property on `<html>` (through the CSSOM, which a strict CSP allows).
pub fn set_css_var(name: &str, value: &str) {
    if let Some(el) = root().and_then(|r| r.dyn_into::<HtmlElement>().ok()) {
        let _ = el.style().set_property(name, value);
    }
}

/// The page's origin, as the browser sees it.
pub fn origin() -> String {
    window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// Every request the page has made since it loaded, as the browser recorded
/// them (the page itself, then each resource), with the origin left out when
/// it is the page's own.
pub fn requests_made() -> Vec<String> {
    let Some(p) = window().and_then(|w| w.performance()) else { return vec![] };
    let own = origin();
    let mut out = Vec::new();
    for kind in ["navigation", "resource"] {
        for e in p.get_entries_by_type(kind).iter() {
            let name = e.unchecked_into::<web_sys::PerformanceEntry>().name();
            out.push(name.strip_prefix(&own).map_or(name.clone(), str::to_owned));
        }
    }
    WORKER_REQUESTS.with(|w| {
        for name in w.borrow().iter() {
            let name = name.strip_prefix(&own).map_or(name.clone(), str::to_owned);
            if !out.contains(&name) {
                out.push(name);
            }
        }
    });
    out
}

thread_local! {
    /// What the loader worker fetched: its timeline is its own, not the page's.
    static WORKER_REQUESTS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Records the requests of the loader worker: its script (started by the
/// page, at `script`, relative to the page) and what it fetched itself.
pub fn note_worker_requests(script: &str, fetched: impl Iterator<Item = String>) {
    let base = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let script = web_sys::Url::new_with_base(script, &base).map(|u| u.href()).unwrap_or_else(|_| script.to_owned());
    WORKER_REQUESTS.with(|w| {
        let mut w = w.borrow_mut();
        for name in std::iter::once(script).chain(fetched) {
            if !w.contains(&name) {
                w.push(name);
            }
        }
    });
}
