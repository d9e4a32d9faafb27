#![cfg(target_arch = "wasm32")]
//! Proves the panic hook is installed: a real panic, raised the way a bug
//! would raise it (in an event callback), replaces the page with the recovery
//! message and a working quick-exit link. A separate test binary, because a
//! panic ends the wasm instance it happens in.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Yields to the browser for `ms` milliseconds, between checks of a condition.
async fn tick(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_panic_shows_the_recovery_message() {
    let doc = web_sys::window().unwrap().document().unwrap();
    assert!(doc.get_element_by_id("recovery").is_none());
    rongcuo::app::install_panic_hook();
    let boom = Closure::once_into_js(|| {
        let v: Vec<u8> = Vec::new();
        // An out-of-bounds index, as a real bug would be.
        let _ = v[std::hint::black_box(3)];
    });
    web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 0).unwrap();
    // Wait for the panic to happen and the hook to run (bounded: 5 s).
    for _ in 0..500 {
        if doc.get_element_by_id("recovery").is_some() {
            break;
        }
        tick(10).await;
    }
    let recovery = doc.get_element_by_id("recovery").expect("the hook replaced the page with the recovery message");
    assert!(recovery.get_attribute("role").as_deref() == Some("alert"));
    assert!(doc.query_selector("header [data-quick-exit]").unwrap().is_some(), "the header with its quick exit");
    assert!(doc.document_element().unwrap().has_attribute("data-crashed"));
}
