//! Saving the answers to a file the user keeps, and opening such a file.
//! Nothing is written to any browser storage.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::dom;
use crate::app::state::{Action, AppContext};
use crate::engine::save;
use crate::i18n::ui;

/// "Save my answers to a file": a download, nothing stored by the page; a
/// message then says where the file went and who could read it.
pub fn save_button(ctx: &AppContext) -> Html {
    let t = ui(ctx.locale);
    let onclick = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            let today = dom::today();
            // A neutral file name: nothing in it says what the file is about.
            let name = format!("{}-{today}.json", ui(ctx.locale).save_name);
            ctx.dispatch(Action::Save { today, name });
        })
    };
    html! { <button type="button" class="button button--secondary" id="save-file" {onclick}>{ t.save_file }</button> }
}

/// "Open a saved file". Opening over answers asks first, in the page.
pub fn open_file(ctx: &AppContext) -> Html {
    let t = ui(ctx.locale);
    let onchange = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            if file.size() > save::MAX_FILE_BYTES as f64 {
                ctx.dispatch(Action::Opened(Err(Some(save::OpenError::TooLarge))));
                return;
            }
            let ctx = ctx.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Read the bytes and refuse anything that is not UTF-8 (as the CLI
                // does), then anything that is not a saved self-check (`save::open`).
                let bytes = JsFuture::from(file.array_buffer()).await.ok().map(|b| js_sys::Uint8Array::new(&b).to_vec());
                match bytes.and_then(|b| String::from_utf8(b).ok()) {
                    Some(text) => ctx.dispatch(Action::Opened(save::open(&ctx.rb, &text).map_err(Some))),
                    None => ctx.dispatch(Action::Opened(Err(None))),
                }
            });
        })
    };
    html! {
        <div class="file-open">
            <label for="open-file" class="file-open__label">{ t.open_file }</label>
            <input type="file" id="open-file" accept=".json,application/json" {onchange} />
        </div>
    }
}
