//! Locales and localised text. The locales are data: [`LOCALES`] lists them,
//! every wording of a rulebook carries one string per locale it declares,
//! and every message table (`locales/<tag>.toml`) has one file per locale.
//! Adding a locale touches only those tables and the rulebook's text; a
//! pseudo-locale used in tests (`en-XA`, feature `pseudo-locale`) proves it.

use std::fmt;

/// A locale the product knows: its BCP 47 tag, its own name, and the label of
/// the button that switches to it (in that locale, so it can be shown before
/// the locale's wording has been fetched).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocaleDef {
    pub tag: &'static str,
    pub name: &'static str,
    pub switch_label: &'static str,
}

/// Every locale, the primary one first. The order is the index of a
/// [`Locale`] and of the strings in a [`Text`].
pub const LOCALES: &[LocaleDef] = &[
    LocaleDef { tag: "zh-CN", name: "中文", switch_label: "切换为中文" },
    LocaleDef { tag: "en", name: "English", switch_label: "Switch to English" },
    #[cfg(feature = "pseudo-locale")]
    LocaleDef { tag: "en-XA", name: "[Ëñĝļîšĥ]", switch_label: "[Šŵîţçĥ ţö Ëñĝļîšĥ]" },
];

/// A language the product can be shown in: an index into [`LOCALES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Locale(u8);

impl Locale {
    /// Simplified Chinese, the primary locale: always present, the fallback of every text.
    pub const PRIMARY: Locale = Locale(0);

    /// Every known locale, primary first.
    pub fn all() -> impl Iterator<Item = Locale> {
        (0..LOCALES.len() as u8).map(Locale)
    }

    /// The position in [`LOCALES`].
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The locale at a position of [`LOCALES`].
    pub fn from_index(i: usize) -> Option<Locale> {
        (i < LOCALES.len()).then_some(Locale(i as u8))
    }

    /// Its definition.
    pub fn def(self) -> &'static LocaleDef {
        &LOCALES[self.index().min(LOCALES.len() - 1)]
    }

    /// The BCP 47 tag, as used in rulebook keys and the `lang` attribute.
    pub fn tag(self) -> &'static str {
        self.def().tag
    }

    /// Parses a BCP 47 tag; only the tags of [`LOCALES`] are accepted.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        LOCALES.iter().position(|l| l.tag == tag).map(|i| Locale(i as u8))
    }

    /// True for the primary locale.
    pub fn is_primary(self) -> bool {
        self == Locale::PRIMARY
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A piece of rulebook wording: one string per locale, by [`Locale::index`].
/// The primary string is always present once validated; an empty or absent
/// string in another locale falls back to it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub Vec<String>);

impl Text {
    /// The wording in `locale`, falling back to the primary locale.
    pub fn get(&self, locale: Locale) -> &str {
        match self.0.get(locale.index()) {
            Some(s) if !s.is_empty() => s,
            _ => self.0.first().map_or("", String::as_str),
        }
    }

    /// Whether the text has its own wording in `locale`.
    pub fn has(&self, locale: Locale) -> bool {
        self.0.get(locale.index()).is_some_and(|s| !s.is_empty())
    }

    /// Sets the wording in `locale`.
    pub fn set(&mut self, locale: Locale, s: String) {
        if self.0.len() <= locale.index() {
            self.0.resize(locale.index() + 1, String::new());
        }
        self.0[locale.index()] = s;
    }

    /// A text in the primary locale only.
    pub fn primary(s: &str) -> Text {
        Text(vec![s.to_owned()])
    }

    /// A text from strings in [`LOCALES`] order, for tests and built-in defaults.
    pub fn new(strings: &[&str]) -> Text {
        Text(strings.iter().map(|s| (*s).to_owned()).collect())
    }
}

/// Replaces `{name}` placeholders; unknown ones are kept as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) => {
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{placeholder}` names of a template, sorted.
pub fn placeholders(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name.to_owned())).collect();
    sort_small(&mut out, |a, b| a > b);
    out
}

/// Sorts a short list stably, swapping neighbours while `after(left, right)`.
/// The page's lists here are a few items long; the standard library's sort
/// would add some 4 KB (gzip) of code to the page for them.
pub fn sort_small<T>(v: &mut [T], after: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && after(&v[j - 1], &v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The pseudo-locale form of a string: Latin letters accented, the whole in
/// `⟦…⟧`, placeholders kept. A page or paper in the pseudo-locale in which
/// any text is not so marked has a string that does not come from a table.
pub fn pseudo(s: &str) -> String {
    const FROM: &str = "aceinorsuyACEINORSUY";
    const TO: &[char] = &['á', 'ç', 'é', 'î', 'ñ', 'ö', 'ŕ', 'š', 'û', 'ý', 'Á', 'Ç', 'É', 'Î', 'Ñ', 'Ö', 'Ŕ', 'Š', 'Û', 'Ý'];
    let mut out = String::from("⟦");
    let mut in_placeholder = false;
    for c in s.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        match FROM.find(c) {
            Some(i) if !in_placeholder => out.push(TO[FROM[..i].chars().count()]),
            _ => out.push(c),
        }
    }
    out.push('⟧');
    out
}

#[cfg(feature = "serde")]
impl serde::Serialize for Locale {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

/// A text as a map from locale tag to wording, for the CLI's JSON outputs.
#[cfg(feature = "serde")]
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        for l in Locale::all().filter(|l| self.has(*l)) {
            m.serialize_entry(l.tag(), self.get(l))?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_the_primary_locale() {
        let en = Locale::from_tag("en").unwrap();
        let t = Text::new(&["中", ""]);
        assert_eq!(t.get(en), "中");
        assert!(!t.has(en));
        let mut t = t;
        t.set(en, "en".into());
        assert_eq!(t.get(en), "en");
        assert_eq!(Text::default().get(en), "");
        assert_eq!(Locale::from_tag("fr"), None);
        assert_eq!(Locale::PRIMARY.tag(), "zh-CN");
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill("{n} of {max}", &[("n", "3"), ("max", "9")]), "3 of 9");
        assert_eq!(fill("第 {n} 部分{x}{", &[("n", "二")]), "第 二 部分{x}{");
        assert_eq!(placeholders("{b} and {a}"), ["a", "b"]);
    }

    #[test]
    fn pseudo_marks_and_keeps_placeholders() {
        assert_eq!(pseudo("Save {n} cases"), "⟦Šávé {n} çášéš⟧");
        assert_eq!(placeholders(&pseudo("{max} of {n}")), ["max", "n"]);
    }
}
