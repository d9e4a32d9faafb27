//! The page frame: skip link, header with the language switch and the quick
//! exit, the main region and the privacy footer.

use yew::prelude::*;

use crate::app::dom;
use crate::app::state::AppContext;
use crate::i18n::ui;

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
                    <a class="quick-exit" href={dom::exit_url()} data-quick-exit="" rel="noreferrer">
                        { t.quick_exit }<span class="quick-exit__hint">{ t.quick_exit_hint }</span>
                    </a>
                </div>
            </header>
            <main id="main" class="page" tabindex="-1">
                { children }
            </main>
            <footer class="site-footer"><p>{ t.private_badge }</p></footer>
        </>
    }
}
