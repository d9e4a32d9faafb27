//! The pages and their parts, one per file. Only the question page is a
//! component of its own (it keeps the unsubmitted answer); the rest are plain
//! functions of the shared state, which keeps the shipped wasm small.

mod answers;
mod document;
mod files;
mod layout;
mod notice;
mod plan;
mod question;
mod result;
mod review;
mod rulebook_error;
mod score;
mod start;

pub use answers::answer_list;
pub use document::document_page;
pub use files::{open_file, save_button};
pub use layout::layout;
pub use notice::notice;
pub use plan::plan_builder;
pub use question::QuestionPage;
pub use result::result_page;
pub use review::review_page;
pub use rulebook_error::{Problem, rulebook_error_page};
pub use score::{score_breakdown, score_points};
pub use start::start_page;

use yew::Html;

use crate::engine::model::{Question, Rulebook};
use crate::engine::{Answer, Locale};

/// An answer in words, exactly as typed for free text.
pub fn answer_text(rb: &Rulebook, q: &Question, a: Option<&Answer>, l: Locale) -> String {
    crate::engine::documents::answer_text(rb, q, a, l, crate::i18n::ui(l).list_sep)
}

/// Children from a list of nodes. The pages build their lists with plain
/// loops into a `Vec<Html>` and pass them here: one shared conversion instead
/// of an iterator chain per list keeps the shipped wasm smaller.
pub fn nodes(items: Vec<Html>) -> Html {
    Html::from_iter(items)
}

/// The "Back" link at the top of a page: the browser's own Back, so the
/// history and the page always agree.
pub fn back_link(label: &'static str, class: &'static str) -> yew::Html {
    let onclick = yew::Callback::from(|_: yew::MouseEvent| {
        if let Some(h) = crate::app::dom::window().and_then(|w| w.history().ok()) {
            let _ = h.back();
        }
    });
    yew::html! { <button type="button" {class} {onclick}>{ label }</button> }
}

/// The blank paper form in a locale (`rulebook blank-form` writes one per locale).
pub fn paper_form(l: Locale) -> String {
    if l.is_primary() { "blank-form.html".to_owned() } else { format!("blank-form.{}.html", l.tag()) }
}

/// The DOM id of a question's first control.
pub fn field_id(q: &Question) -> String {
    format!("f-{}", q.id)
}
