//! The rulebook loader, run as a web worker when a deployer points the widget
//! at their own rulebook. It reads and validates the TOML with the same engine
//! as the `rulebook` CLI and the build, and answers with the compact form or
//! with the problems found (at most [`MAX_PROBLEMS`], then how many more), each
//! as its code and its message in every locale. Keeping it in a worker keeps
//! the TOML reader out of the page's own wasm, and the work off the page's thread.
//!
//! Protocol: the worker posts `["ready", [address of each file it fetched]]`
//! (its own resource timing, for the page's privacy self-check); the page
//! posts `[file, text]`; the worker answers `["ok", Uint8Array]` or `["errors", [[code, [message per locale]], …]]`.

/// Problems sent to the page; the rest are counted in one last problem.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const MAX_PROBLEMS: usize = 200;

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Array, Uint8Array};
    use rongcuo_engine::{self as engine, ErrorKind, Locale, compact};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let msg: Array = e.data().dyn_into().unwrap_or_default();
        let (file, text) = (msg.get(0).as_string().unwrap_or_default(), msg.get(1).as_string().unwrap_or_default());
        let answer = match engine::load(&file, &text) {
            Ok(rb) => Array::of2(&"ok".into(), &Uint8Array::from(compact::encode(&rb).as_slice())),
            Err(errors) => {
                let list = Array::new();
                let problem = |code: &str, message: &dyn Fn(Locale) -> String| {
                    let messages = Array::new();
                    for l in Locale::all() {
                        messages.push(&message(l).into());
                    }
                    Array::of2(&code.into(), &messages)
                };
                for err in errors.iter().take(MAX_PROBLEMS) {
                    list.push(&problem(err.kind.code(), &|l| err.message(l)));
                }
                if errors.len() > MAX_PROBLEMS {
                    let more = ErrorKind::TooMany { shown: MAX_PROBLEMS, more: errors.len() - MAX_PROBLEMS };
                    list.push(&problem(more.code(), &|l| more.describe(l)));
                }
                Array::of2(&"errors".into(), &list)
            }
        };
        let _ = reply.post_message(&answer);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // The files this worker fetched (its script and wasm), as the browser
    // recorded them: the page lists them beside its own requests.
    let fetched = Array::new();
    let perf = js_sys::Reflect::get(&scope, &"performance".into()).unwrap_or_default();
    let entries = js_sys::Reflect::get(&perf, &"getEntries".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&perf).ok())
        .and_then(|l| l.dyn_into::<Array>().ok())
        .unwrap_or_default();
    for e in entries.iter() {
        if js_sys::Reflect::get(&e, &"entryType".into()).ok().and_then(|t| t.as_string()).as_deref() == Some("resource") {
            fetched.push(&js_sys::Reflect::get(&e, &"name".into()).unwrap_or_default());
        }
    }
    let _ = scope.post_message(&Array::of2(&"ready".into(), &fetched));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The rulebook loader runs in the browser as a web worker; natively, use `rulebook check`.");
}
