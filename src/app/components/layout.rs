//! The page frame: skip link, the site header (one markup for every page:
//! `crate::markup::header`), the main region with the in-page dialog, and
//! the footer with the privacy self-check.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::dom;
use crate::app::state::AppContext;
use crate::engine::Locale;
use crate::i18n::{fill, ui};
use crate::markup::{HeaderText, header};

/// The site header's markup in a locale, with a switch to each of `others`.
pub fn header_markup(l: Locale, others: &[Locale]) -> String {
    let t = ui(l);
    let switches: Vec<(&str, &str, &str)> = others.iter().map(|o| o.def()).map(|d| (d.tag, d.name, d.switch_label)).collect();
    header(
        &HeaderText {
            brand: t.brand,
            exit_href: &crate::app::dom::exit_url(),
            quick_exit: t.quick_exit,
            quick_exit_hint: t.quick_exit_hint,
            exit_two_more: t.exit_two_more,
            exit_one_more: t.exit_one_more,
            exit_reset: t.exit_reset,
        },
        &switches,
    )
}

/// The frame around every page of the app.
pub fn layout(ctx: &AppContext, children: Html) -> Html {
    let t = ui(ctx.locale);
    let others: Vec<Locale> = ctx.rb.meta.locales.iter().copied().filter(|l| *l != ctx.locale).collect();
    // The language switches are in the header's markup: one handler for them.
    let onlang = {
        let ctx = ctx.clone();
        Callback::from(move |e: MouseEvent| {
            let to = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("[data-locale]").ok().flatten())
                .and_then(|el| el.get_attribute("data-locale"))
                .and_then(|tag| Locale::from_tag(&tag));
            if let Some(to) = to {
                crate::app::switch_language(&ctx, to);
            }
        })
    };
    let act = super::on_act(ctx);
    html! {
        <>
            <a class="skip-link" href="#main">{ t.skip_link }</a>
            <div onclick={onlang}>{ Html::from_html_unchecked(header_markup(ctx.locale, &others).into()) }</div>
            <main id="main" class="page" tabindex="-1" onclick={act}>
                { super::dialog(ctx) }
                { children }
            </main>
            <footer class="site-footer">
                <p>{ t.private_badge }</p>
                <PrivacyCheck locale={ctx.locale} other_locales={ctx.rb.meta.locales.len() > 1} />
            </footer>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct PrivacyCheckProps {
    pub locale: Locale,
    pub other_locales: bool,
}

/// "Privacy self-check": every request the page has made since it loaded,
/// as the browser itself recorded them (resource timing, the loader
/// worker's included), so a user can see that they all went to this site;
/// and what the page does not store.
#[component]
pub fn PrivacyCheck(props: &PrivacyCheckProps) -> Html {
    let t = ui(props.locale);
    let list = use_state(Vec::<String>::new);
    let ontoggle = {
        let list = list.clone();
        Callback::from(move |_: Event| list.set(dom::requests_made()))
    };
    let origin = dom::origin();
    let mut items = Vec::new();
    for r in list.iter() {
        items.push(html! { <li class="user-text" data-request={r.clone()}><bdi>{ r }</bdi></li> });
    }
    let offline = if props.other_locales {
        format!("{}{}", t.privacy_check_offline, t.privacy_check_languages)
    } else {
        t.privacy_check_offline.to_owned()
    };
    html! {
        <details class="details privacy-check no-print" id="privacy-check" {ontoggle}>
            <summary>{ t.privacy_check }</summary>
            <div class="details__text">
                <p>{ fill(t.privacy_check_lead, &[("site", &origin), ("n", &list.len().to_string())]) }</p>
                <ol class="list small" id="privacy-requests">{ super::nodes(items) }</ol>
                <p>{ t.privacy_check_storage }</p>
                <p>{ offline }</p>
            </div>
        </details>
    }
}
