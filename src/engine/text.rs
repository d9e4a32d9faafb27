//! Localised text: every wording of a rulebook carries a Chinese original and,
//! where the rulebook declares it, an English version.

use std::fmt;

/// A language the product can be shown in. Chinese is primary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Locale {
    /// Simplified Chinese, the primary language.
    #[default]
    ZhCn,
    /// English, the second language.
    En,
}

impl Locale {
    /// Every locale, primary first.
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, as used in rulebook keys and the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Parses a BCP 47 tag; only the two supported tags are accepted.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.tag() == tag)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A piece of rulebook wording in each declared locale.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// The Chinese original (always present once validated).
    pub zh: String,
    /// The English version, required when the rulebook declares `en`.
    pub en: Option<String>,
}

impl Text {
    /// The wording in `locale`, falling back to Chinese.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => self.en.as_deref().unwrap_or(&self.zh),
            Locale::ZhCn => &self.zh,
        }
    }

    /// Convenience constructor for tests and built-in defaults.
    pub fn new(zh: &str, en: &str) -> Text {
        Text { zh: zh.to_owned(), en: Some(en.to_owned()) }
    }
}
