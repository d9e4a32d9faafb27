//! The page frame: skip link, header with the language switch and the quick
//! exit, the main region and the privacy footer.

use yew::prelude::*;

use crate::app::dom;
use crate::app::state::AppContext;
use crate::engine::Locale;
use crate::i18n::ui;

/// The frame around every page of the app.
pub fn layout(ctx: &AppContext, children: Html) -> Html {
    let t = ui(ctx.locale);
    let other = if ctx.locale == Locale::ZhCn { Locale::En } else { Locale::ZhCn };
    let onlang = {
        let ctx = ctx.clone();
        Callback::from(move |_| crate::app::switch_language(&ctx, other))
    };
    html! {
        <>
            <a class="skip-link" href="#main">{ t.skip_link }</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <span class="site-header__brand">{ t.brand }</span>
                    <button type="button" class="link-button lang-switch" lang={other.tag()} aria-label={t.other_language_label} onclick={onlang}>
                        { t.other_language }
                    </button>
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
