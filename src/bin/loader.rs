//! The rulebook loader, run as a web worker when a deployer points the widget
//! at their own rulebook. It reads and validates the TOML with the same engine
//! as the `rulebook` CLI and the build, and answers with the compact form or
//! with every problem found (code, and the message in each locale). Keeping it
//! in a worker keeps the TOML reader out of the page's own wasm, and the work
//! off the page's thread.
//!
//! Protocol: the worker posts `["ready"]`; the page posts `[file, text]`; the
//! worker answers `["ok", Uint8Array]` or `["errors", [[code, zh, en], …]]`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Array, Uint8Array};
    use rongcuo::engine::{self, Locale, compact};
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
                for err in &errors {
                    list.push(&Array::of3(&err.kind.code().into(), &err.message(Locale::ZhCn).into(), &err.message(Locale::En).into()));
                }
                Array::of2(&"errors".into(), &list)
            }
        };
        let _ = reply.post_message(&answer);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&Array::of1(&"ready".into()));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The rulebook loader runs in the browser as a web worker; natively, use `rulebook check`.");
}
