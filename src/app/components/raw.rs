//! Static parts of a page written as escaped HTML text instead of `html!`
//! trees: the result's reasons, steps and folded details have no handlers of
//! their own (their buttons carry `data-act`, handled once on `<main>`), and
//! a string of markup costs the wasm far less code than a tree of nodes
//! (docs/performance.md). Every text and attribute value goes through
//! `markup::escape_into`, so what a rulebook or a user wrote is shown literally.

use yew::{AttrValue, Html};

use crate::markup::escape_into as escape;

/// Markup under construction.
#[derive(Default)]
pub struct Raw(String);

impl Raw {
    pub fn new() -> Raw {
        Raw(String::with_capacity(1024))
    }

    /// `<tag a="v" …>`; an attribute with an empty name is skipped (for the optional ones).
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Raw {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs.iter().filter(|(n, _)| !n.is_empty()) {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            escape(&mut self.0, value);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Raw {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Raw {
        escape(&mut self.0, s);
        self
    }

    /// `<tag …>text</tag>`.
    pub fn el(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Raw {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// Markup made by another [`Raw`].
    pub fn push(&mut self, other: Raw) -> &mut Raw {
        self.0.push_str(&other.0);
        self
    }

    pub fn html(self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.0))
    }
}
