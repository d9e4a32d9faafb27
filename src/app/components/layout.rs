//! The page frame: skip link, header with the language switch and the quick
//! exit, the main region and the footer with the privacy self-check.

use yew::prelude::*;

use crate::app::dom;
use crate::app::state::AppContext;
use crate::i18n::{fill, ui};

/// The frame around every page of the app.
pub fn layout(ctx: &AppContext, children: Html) -> Html {
    let t = ui(ctx.locale);
    // A switch to each other locale the rulebook has; none for a single-locale rulebook.
    let mut switches = Vec::new();
    for other in ctx.rb.meta.locales.iter().copied().filter(|l| *l != ctx.locale) {
        let onlang = {
            let ctx = ctx.clone();
            Callback::from(move |_| crate::app::switch_language(&ctx, other))
        };
        let d = other.def();
        switches.push(html! {
            <button type="button" class="link-button lang-switch" lang={d.tag} data-locale={d.tag} aria-label={d.switch_label} onclick={onlang}>
                { d.name }
            </button>
        });
    }
    html! {
        <>
            <a class="skip-link" href="#main">{ t.skip_link }</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <span class="site-header__brand">{ t.brand }</span>
                    { super::nodes(switches) }
                    <a class="quick-exit" href={dom::exit_url()} data-quick-exit="" rel="noreferrer"
                        data-exit-two-more={t.exit_two_more} data-exit-one-more={t.exit_one_more} data-exit-reset={t.exit_reset}>
                        { t.quick_exit }<span class="quick-exit__hint">{ t.quick_exit_hint }</span>
                    </a>
                </div>
            </header>
            <main id="main" class="page" tabindex="-1">
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
    pub locale: crate::engine::Locale,
    pub other_locales: bool,
}

/// "Privacy self-check": every request the page has made since it loaded,
/// as the browser itself recorded them (resource timing), so a user can see
/// that they all went to this site; and what the page does not store.
#[component]
pub fn PrivacyCheck(props: &PrivacyCheckProps) -> Html {
    let t = ui(props.locale);
    let list = use_state(Vec::<String>::new);
    let ontoggle = {
        let list = list.clone();
        Callback::from(move |_: Event| list.set(dom::requests_made()))
    };
    let origin = dom::origin();
    let items: Vec<Html> = list.iter().map(|r| html! { <li class="user-text" data-request={r.clone()}>{ r }</li> }).collect();
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
