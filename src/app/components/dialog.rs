//! The question the page asks in place, never in a browser dialog: a
//! browser dialog holds the page on screen and quick exit cannot clear it.

use yew::prelude::*;

use crate::app::state::{AppContext, Dialog};
use crate::i18n::ui;

/// The dialog on screen, if any: a question with two buttons.
pub fn dialog(ctx: &AppContext) -> Html {
    let t = ui(ctx.locale);
    let Some(d) = &ctx.dialog else { return html! {} };
    let (title, text, yes) = match d {
        Dialog::Restart => (t.restart_title, t.restart_confirm, t.restart_yes),
        Dialog::Replace(_) => (t.open_title, t.open_replaces, t.open_yes),
    };
    html! {
        <section class="confirm dialog" id="dialog" role="alertdialog" tabindex="-1" aria-labelledby="dialog-title" aria-describedby="dialog-text">
            <h2 id="dialog-title">{ title }</h2>
            <p id="dialog-text">{ text }</p>
            <div class="button-group">
                <button type="button" class="button button--warning" id="dialog-yes" data-act="yes">{ yes }</button>
                <button type="button" class="button button--secondary" id="dialog-no" data-act="no">{ t.cancel }</button>
            </div>
        </section>
    }
}
