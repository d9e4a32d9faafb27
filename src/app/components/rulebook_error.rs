//! Shown instead of the self-check when a deployer's rulebook cannot be used:
//! a plain message for the user and the exact problems for the deployer.
//! Nothing of a half-loaded rulebook is ever shown.

use yew::prelude::*;

use crate::engine::Locale;
use crate::i18n::ui;

/// One problem found by the loader: its code and the message in each locale.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub code: String,
    pub zh: String,
    pub en: String,
}

#[derive(Properties, PartialEq)]
pub struct RulebookErrorProps {
    pub locale: Locale,
    /// Problems found in the file (file, key path, line).
    #[prop_or_default]
    pub errors: Vec<Problem>,
    /// A message when the file could not be fetched or was refused.
    #[prop_or_default]
    pub message: Option<String>,
}

#[component]
pub fn RulebookErrorPage(props: &RulebookErrorProps) -> Html {
    let t = ui(props.locale);
    let paper = if props.locale == Locale::En { "blank-form.en.html" } else { "blank-form.html" };
    html! {
        <main id="main" class="page" tabindex="-1">
            <div class="rulebook-error" data-rulebook-error="">
                <h1 tabindex="-1">{ t.rulebook_error_title }</h1>
                <p class="lead">{ t.rulebook_error_user }</p>
                <p><a href={paper}>{ t.paper_link }</a></p>
                <details class="details" open=true>
                    <summary>{ t.rulebook_error_admin }</summary>
                    <div class="details__text">
                        if let Some(m) = &props.message { <p class="user-text" id="rulebook-message">{ m }</p> }
                        <ul class="error-list" id="rulebook-errors">
                            { for props.errors.iter().map(|e| html! {
                                <li class="user-text" data-code={e.code.clone()}>{ if props.locale == Locale::En { &e.en } else { &e.zh } }</li>
                            }) }
                        </ul>
                    </div>
                </details>
            </div>
        </main>
    }
}
