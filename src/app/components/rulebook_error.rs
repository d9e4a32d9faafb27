//! Shown instead of the self-check when a deployer's rulebook cannot be used:
//! a plain message for the user and the exact problems for the deployer.
//! Nothing of a half-loaded rulebook is ever shown.

use yew::prelude::*;

use crate::engine::Locale;
use crate::i18n::ui;

/// One problem found by the loader: its code and the message in each locale, by locale index.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub code: String,
    pub messages: Vec<String>,
}

/// The page shown instead of the app: `problems` found in the file (file,
/// key path, line) and/or a `message` when it could not be fetched or was refused.
pub fn rulebook_error_page(locale: Locale, problems: &[Problem], message: Option<&str>, fallback: Option<String>) -> Html {
    let t = ui(locale);
    let paper = super::paper_form(locale);
    html! {
        <>
        { Html::from_html_unchecked(super::header_markup(locale, &[]).into()) }
        <main id="main" class="page" tabindex="-1">
            <div class="rulebook-error" data-rulebook-error="">
                <h1 tabindex="-1">{ t.rulebook_error_title }</h1>
                <p class="lead">{ t.rulebook_error_user }</p>
                <p><a href={paper}>{ t.paper_link }</a></p>
                if let Some(href) = fallback { <p><a href={href} id="use-builtin">{ t.rulebook_use_builtin }</a></p> }
                <details class="details" open=true>
                    <summary>{ t.rulebook_error_admin }</summary>
                    <div class="details__text">
                        if let Some(m) = message { <p class="user-text" id="rulebook-message"><bdi>{ m }</bdi></p> }
                        <ul class="error-list" id="rulebook-errors">
                            { for problems.iter().map(|e| html! {
                                <li class="user-text" data-code={e.code.clone()}><bdi>{ e.messages.get(locale.index()).or(e.messages.first()).cloned().unwrap_or_default() }</bdi></li>
                            }) }
                        </ul>
                    </div>
                </details>
            </div>
        </main>
        </>
    }
}
