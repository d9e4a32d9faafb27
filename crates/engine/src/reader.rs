//! A strict reader from TOML into the rulebook model.
//!
//! It walks the spanned TOML tree by hand rather than through `serde` derive,
//! for two reasons a deployer feels: every problem in a file is reported at
//! once (derive stops at the first), and each carries the key path and the
//! line. It also keeps the shipped wasm small: one monomorphic reader instead
//! of a generated visitor per type.

use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};

use super::diag::Cx;
use super::error::ErrorKind;
use super::model::*;
use super::model::{is_date, is_id};
use super::text::{Locale, Text};

type Value<'i> = toml::Spanned<DeValue<'i>>;

/// The locale tags a rulebook may declare, for error messages.
#[cfg(not(feature = "pseudo-locale"))]
const KNOWN_LOCALES: &str = "zh-CN, en";
#[cfg(feature = "pseudo-locale")]
const KNOWN_LOCALES: &str = "zh-CN, en, en-XA";

/// Parses the TOML, recording every syntax error the parser can recover
/// from (not only the first); `None` when there was any, since a document
/// patched up by recovery would only add confusing problems.
pub(crate) fn parse<'i>(cx: &mut Cx<'_>, src: &'i str) -> Option<toml::Spanned<DeTable<'i>>> {
    let (doc, errors) = DeTable::parse_recoverable(src);
    for e in &errors {
        cx.error_at("", e.span(), ErrorKind::Syntax { message: e.message().to_owned() });
    }
    errors.is_empty().then_some(doc)
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

/// A table being read: remembers which keys were asked for, so the rest can
/// be reported as unknown.
pub(crate) struct Tab<'a, 'i> {
    pub(crate) path: String,
    table: &'a DeTable<'i>,
    span: Range<usize>,
    asked: Vec<&'static str>,
    /// Every key is free (a map of ids), so none is unknown.
    open: bool,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

impl<'a, 'i> Tab<'a, 'i> {
    pub(crate) fn root(table: &'a toml::Spanned<DeTable<'i>>) -> Tab<'a, 'i> {
        Tab { path: String::new(), table: table.get_ref(), span: table.span(), asked: Vec::new(), open: false }
    }

    /// Looks up a key, marking it as known.
    fn get(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<(&'a Value<'i>, String)> {
        self.asked.push(key);
        let (k, v) = self.table.iter().find(|(k, _)| k.get_ref() == key)?;
        let path = join(&self.path, key);
        cx.seen(&path, k.span());
        Some((v, path))
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.table.iter().any(|(k, _)| k.get_ref() == key)
    }

    // Typed, non-generic getters. The rulebook reader calls these for every
    // field; keeping them monomorphic (and out of line) keeps the loader worker's
    // wasm small.

    /// A required value; reports it missing otherwise.
    #[inline(never)]
    fn need(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<(&'a Value<'i>, String)> {
        let r = self.get(cx, key);
        if r.is_none() {
            cx.error_at(&self.path, Some(self.span.clone()), ErrorKind::MissingKey { key: key.to_owned() });
        }
        r
    }

    #[inline(never)]
    pub(crate) fn id(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<String> {
        let (v, p) = self.need(cx, key)?;
        ident(cx, v, &p)
    }

    #[inline(never)]
    pub(crate) fn word(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<String> {
        let (v, p) = self.need(cx, key)?;
        nonempty(cx, v, &p)
    }

    #[inline(never)]
    pub(crate) fn text(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<Text> {
        let (v, p) = self.need(cx, key)?;
        text(cx, v, &p)
    }

    #[inline(never)]
    pub(crate) fn opt_text(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<Text> {
        let (v, p) = self.get(cx, key)?;
        text(cx, v, &p)
    }

    #[inline(never)]
    pub(crate) fn cond(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<Condition> {
        let (v, p) = self.need(cx, key)?;
        condition(cx, v, &p)
    }

    #[inline(never)]
    pub(crate) fn opt_cond(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<Condition> {
        let (v, p) = self.get(cx, key)?;
        condition(cx, v, &p)
    }

    #[inline(never)]
    pub(crate) fn int(&mut self, cx: &mut Cx<'_>, key: &'static str, min: i64, max: i64) -> Option<u32> {
        let (v, p) = self.need(cx, key)?;
        integer(cx, v, &p, min, max)
    }

    #[inline(never)]
    pub(crate) fn opt_int(&mut self, cx: &mut Cx<'_>, key: &'static str, min: i64, max: i64) -> Option<u32> {
        let (v, p) = self.get(cx, key)?;
        integer(cx, v, &p, min, max)
    }

    #[inline(never)]
    pub(crate) fn opt_bool(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<bool> {
        let (v, p) = self.get(cx, key)?;
        boolean(cx, v, &p)
    }

    #[inline(never)]
    pub(crate) fn opt_ids(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<Vec<String>> {
        let (v, p) = self.get(cx, key)?;
        ids(cx, v, &p)
    }

    #[inline(never)]
    pub(crate) fn points(&mut self, cx: &mut Cx<'_>, key: &'static str, max: i64) -> Option<Vec<(OptionId, u32)>> {
        let (v, p) = self.need(cx, key)?;
        points(cx, v, &p, max)
    }

    #[inline(never)]
    pub(crate) fn sub(&mut self, cx: &mut Cx<'_>, key: &'static str) -> Option<Tab<'a, 'i>> {
        let (v, p) = self.need(cx, key)?;
        table(cx, v, &p)
    }

    /// The tables of an array of tables; `required` lists must not be empty.
    #[inline(never)]
    pub(crate) fn tables(&mut self, cx: &mut Cx<'_>, key: &'static str, required: bool) -> Vec<Tab<'a, 'i>> {
        let Some((v, path)) = self.get(cx, key) else {
            if required {
                cx.error_at(&self.path, Some(self.span.clone()), ErrorKind::MissingKey { key: key.to_owned() });
            }
            return Vec::new();
        };
        let Some(items) = array(cx, v, &path) else { return Vec::new() };
        if required && items.is_empty() {
            cx.error_at(&path, Some(v.span()), ErrorKind::Empty);
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            cx.seen(&p, item.span());
            if let Some(t) = table(cx, item, &p) {
                out.push(t);
            }
        }
        out
    }

    /// A required value.
    pub(crate) fn req<T>(
        &mut self,
        cx: &mut Cx<'_>,
        key: &'static str,
        f: impl FnOnce(&mut Cx<'_>, &'a Value<'i>, &str) -> Option<T>,
    ) -> Option<T> {
        match self.get(cx, key) {
            Some((v, path)) => f(cx, v, &path),
            None => {
                cx.error_at(&self.path, Some(self.span.clone()), ErrorKind::MissingKey { key: key.to_owned() });
                None
            }
        }
    }

    /// An optional value (errors in it are still recorded).
    pub(crate) fn opt<T>(
        &mut self,
        cx: &mut Cx<'_>,
        key: &'static str,
        f: impl FnOnce(&mut Cx<'_>, &'a Value<'i>, &str) -> Option<T>,
    ) -> Option<T> {
        let (v, path) = self.get(cx, key)?;
        f(cx, v, &path)
    }

    /// Visits every entry as a free map from ids to values.
    pub(crate) fn entries(&mut self, cx: &mut Cx<'_>, mut f: impl FnMut(&mut Cx<'_>, &str, Range<usize>, &'a Value<'i>, &str)) {
        self.open = true;
        for (k, v) in self.table.iter() {
            let path = join(&self.path, k.get_ref());
            cx.seen(&path, k.span());
            f(cx, k.get_ref(), k.span(), v, &path);
        }
    }

    /// Reports every key that no reader asked for.
    pub(crate) fn finish(self, cx: &mut Cx<'_>) {
        if self.open {
            return;
        }
        for (k, _) in self.table.iter() {
            if !self.asked.contains(&k.get_ref().as_ref()) {
                let path = join(&self.path, k.get_ref());
                cx.error_at(&path, Some(k.span()), ErrorKind::UnknownKey { key: k.get_ref().to_string() });
            }
        }
    }
}

fn wrong(cx: &mut Cx<'_>, v: &Value<'_>, path: &str, expected: &'static str) {
    cx.error_at(path, Some(v.span()), ErrorKind::WrongType { expected, found: type_name(v.get_ref()) });
}

pub(crate) fn table<'a, 'i>(cx: &mut Cx<'_>, v: &'a Value<'i>, path: &str) -> Option<Tab<'a, 'i>> {
    match v.get_ref() {
        DeValue::Table(t) => Some(Tab { path: path.to_owned(), table: t, span: v.span(), asked: Vec::new(), open: false }),
        _ => {
            wrong(cx, v, path, "table");
            None
        }
    }
}

fn array<'a, 'i>(cx: &mut Cx<'_>, v: &'a Value<'i>, path: &str) -> Option<&'a DeArray<'i>> {
    match v.get_ref() {
        DeValue::Array(a) if a.len() > limits::LIST => over(cx, path, v.span(), "entries", a.len(), limits::LIST),
        DeValue::Array(a) => Some(a),
        _ => {
            wrong(cx, v, path, "array");
            None
        }
    }
}

/// Reports a bound of `model::limits` exceeded, naming it; reading stops there.
fn over<T>(cx: &mut Cx<'_>, path: &str, span: Range<usize>, what: &'static str, found: usize, max: usize) -> Option<T> {
    cx.error_at(path, Some(span), ErrorKind::OverLimit { what, found, max });
    None
}

pub(crate) fn string(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<String> {
    match v.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        _ => {
            wrong(cx, v, path, "string");
            None
        }
    }
}

fn nonempty(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<String> {
    let s = string(cx, v, path)?;
    if s.trim().is_empty() {
        cx.error_at(path, Some(v.span()), ErrorKind::Empty);
        return None;
    }
    Some(s)
}

fn boolean(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<bool> {
    match v.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        _ => {
            wrong(cx, v, path, "boolean");
            None
        }
    }
}

fn integer(cx: &mut Cx<'_>, v: &Value<'_>, path: &str, min: i64, max: i64) -> Option<u32> {
    let n = match v.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => {
            wrong(cx, v, path, "integer");
            return None;
        }
    };
    match n {
        Some(n) if (min..=max).contains(&n) => Some(n as u32),
        Some(n) => {
            cx.error_at(path, Some(v.span()), ErrorKind::OutOfRange { value: n, min, max });
            None
        }
        None => {
            cx.error_at(path, Some(v.span()), ErrorKind::OutOfRange { value: i64::MAX, min, max });
            None
        }
    }
}

/// A `YYYY-MM-DD` date, written either as a TOML date or as a string.
pub(crate) fn date(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<String> {
    let s = match v.get_ref() {
        DeValue::Datetime(d) => d.to_string(),
        DeValue::String(s) => s.to_string(),
        _ => {
            wrong(cx, v, path, "date");
            return None;
        }
    };
    if is_date(&s) {
        Some(s)
    } else {
        cx.error_at(path, Some(v.span()), ErrorKind::BadDate { value: s });
        None
    }
}

/// An id (see [`is_id`]).
pub(crate) fn ident(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<String> {
    let s = string(cx, v, path)?;
    if is_id(&s) {
        Some(s)
    } else {
        cx.error_at(path, Some(v.span()), ErrorKind::BadId { id: s });
        None
    }
}

/// A non-empty list of ids (an empty list in a condition could never hold).
fn id_list(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<Vec<String>> {
    let list = ids(cx, v, path)?;
    if list.is_empty() {
        cx.error_at(path, Some(v.span()), ErrorKind::Empty);
        return None;
    }
    Some(list)
}

fn ids(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<Vec<String>> {
    let items = array(cx, v, path)?;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let p = format!("{path}[{i}]");
        cx.seen(&p, item.span());
        match ident(cx, item, &p) {
            Some(s) => out.push(s),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A wording: a table of locale tags, or a bare string when the primary
/// locale is the only one declared.
pub(crate) fn text(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<Text> {
    let mut found: Vec<Option<(String, Range<usize>)>> = vec![None; crate::text::LOCALES.len()];
    match v.get_ref() {
        DeValue::String(s) if s.chars().count() > limits::TEXT_CHARS => {
            return over(cx, path, v.span(), "text_chars", s.chars().count(), limits::TEXT_CHARS);
        }
        DeValue::String(s) => found[0] = Some((s.to_string(), v.span())),
        DeValue::Table(t) => {
            for (k, val) in t.iter() {
                let p = format!("{path}.{}", k.get_ref());
                cx.seen(&p, k.span());
                let loc = Locale::from_tag(k.get_ref()).filter(|l| cx.locales.contains(l));
                let Some(loc) = loc else {
                    cx.error_at(&p, Some(k.span()), ErrorKind::UnknownLocale { locale: k.get_ref().to_string() });
                    continue;
                };
                let s = string(cx, val, &p)?;
                let n = s.chars().count();
                if n > limits::TEXT_CHARS {
                    return over(cx, &p, val.span(), "text_chars", n, limits::TEXT_CHARS);
                }
                found[loc.index()] = Some((s, val.span()));
            }
        }
        _ => {
            wrong(cx, v, path, "table");
            return None;
        }
    }
    let mut ok = true;
    for loc in cx.locales.clone() {
        let got = &found[loc.index()];
        if got.as_ref().is_none_or(|(s, _)| s.trim().is_empty()) {
            let at = got.as_ref().map_or(v.span(), |(_, o)| o.clone());
            cx.error_at(&format!("{path}.{}", loc.tag()), Some(at), ErrorKind::MissingLocale { locale: loc.tag() });
            ok = false;
        }
    }
    let mut strings: Vec<String> = found.into_iter().map(|f| f.map(|f| f.0).unwrap_or_default()).collect();
    while strings.len() > 1 && strings.last().is_some_and(String::is_empty) {
        strings.pop();
    }
    ok.then_some(Text(strings))
}

/// A condition: `"always"`, or an inline table (see `docs/rulebook.md`).
pub(crate) fn condition(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<Condition> {
    if cx.depth >= limits::CONDITION_DEPTH {
        return over(cx, path, v.span(), "condition_depth", cx.depth as usize + 1, limits::CONDITION_DEPTH as usize);
    }
    cx.depth += 1;
    let c = condition_in(cx, v, path);
    cx.depth -= 1;
    c
}

fn condition_in(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<Condition> {
    if let DeValue::String(s) = v.get_ref() {
        if s == "always" {
            return Some(Condition::Always);
        }
        cx.error_at(
            path,
            Some(v.span()),
            ErrorKind::BadValue {
                value: s.to_string(),
                allowed: "always, { question = …, is = … }, { all = […] }, { any = […] }, { not = … }",
            },
        );
        return None;
    }
    let mut t = table(cx, v, path)?;
    let list = |cx: &mut Cx<'_>, v: &Value<'_>, p: &str| -> Option<Vec<Condition>> {
        let items = array(cx, v, p)?;
        if items.is_empty() {
            cx.error_at(p, Some(v.span()), ErrorKind::Empty);
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let ip = format!("{p}[{i}]");
            cx.seen(&ip, item.span());
            match condition(cx, item, &ip) {
                Some(c) => out.push(c),
                None => ok = false,
            }
        }
        ok.then_some(out)
    };
    let c = if t.has("all") {
        t.req(cx, "all", list).map(Condition::All)
    } else if t.has("any") {
        t.req(cx, "any", list).map(Condition::Any)
    } else if t.has("not") {
        t.req(cx, "not", condition).map(|c| Condition::Not(Box::new(c)))
    } else if t.has("question") {
        let q = t.req(cx, "question", ident).map(QuestionId);
        if t.has("is") {
            let o = t.req(cx, "is", ident);
            q.zip(o).map(|(question, o)| Condition::Is { question, option: OptionId(o) })
        } else if t.has("in") {
            let os = t.req(cx, "in", id_list);
            q.zip(os).map(|(question, os)| Condition::In { question, options: os.into_iter().map(OptionId).collect() })
        } else {
            let a = t.req(cx, "answered", boolean);
            match a {
                Some(true) => q.map(|question| Condition::Answered { question }),
                Some(false) => {
                    cx.error(
                        &format!("{path}.answered"),
                        ErrorKind::BadValue { value: "false".into(), allowed: "true (use { not = … } for the opposite)" },
                    );
                    None
                }
                None => None,
            }
        }
    } else if t.has("element") {
        let e = t.req(cx, "element", ident).map(ElementId);
        let statuses = if t.has("in") {
            t.req(cx, "in", |cx, v, p| {
                let raw = id_list(cx, v, p)?;
                raw.iter().map(|s| status(cx, p, v, s)).collect::<Option<Vec<_>>>()
            })
        } else {
            t.req(cx, "is", |cx, v, p| {
                let s = ident(cx, v, p)?;
                status(cx, p, v, &s).map(|s| vec![s])
            })
        };
        e.zip(statuses).map(|(element, statuses)| Condition::Element { element, statuses })
    } else if t.has("band") {
        t.req(cx, "band", |cx, v, p| match v.get_ref() {
            DeValue::Array(_) => id_list(cx, v, p),
            _ => ident(cx, v, p).map(|s| vec![s]),
        })
        .map(|bs| Condition::Band { bands: bs.into_iter().map(BandId).collect() })
    } else if t.has("tier") {
        t.req(cx, "tier", |cx, v, p| match v.get_ref() {
            DeValue::Array(_) => id_list(cx, v, p),
            _ => ident(cx, v, p).map(|s| vec![s]),
        })
        .map(|ts| Condition::Tier { tiers: ts.into_iter().map(TierId).collect() })
    } else if t.has("risk") {
        t.req(cx, "risk", ident).map(|r| Condition::Risk { risk: (r != "any").then_some(RiskId(r)) })
    } else if t.has("plan") {
        match t.req(cx, "plan", boolean) {
            Some(true) => Some(Condition::Plan),
            Some(false) => {
                cx.error(
                    &format!("{path}.plan"),
                    ErrorKind::BadValue { value: "false".into(), allowed: "true (use { not = … } for the opposite)" },
                );
                None
            }
            None => None,
        }
    } else {
        cx.error_at(
            path,
            Some(v.span()),
            ErrorKind::MissingKey { key: "question | element | band | tier | risk | plan | all | any | not".into() },
        );
        return None;
    };
    t.finish(cx);
    c
}

fn status(cx: &mut Cx<'_>, path: &str, v: &Value<'_>, s: &str) -> Option<ElementStatus> {
    let st = ElementStatus::parse(s);
    if st.is_none() {
        cx.error_at(path, Some(v.span()), ErrorKind::BadValue { value: s.to_owned(), allowed: "met, partly, not_met" });
    }
    st
}

/// `on = { path_id = { … }, … }`: wording of its own per path, each read by `f`.
fn wordings<T>(
    cx: &mut Cx<'_>,
    v: &Value<'_>,
    path: &str,
    mut f: impl FnMut(&mut Cx<'_>, &mut Tab<'_, '_>) -> T,
) -> Option<Vec<(PathId, T)>> {
    let mut t = table(cx, v, path)?;
    let mut out = Vec::new();
    t.entries(cx, |cx, key, at, val, p| {
        if !is_id(key) {
            cx.error_at(p, Some(at), ErrorKind::BadId { id: key.to_owned() });
            return;
        }
        if let Some(mut w) = table(cx, val, p) {
            let got = f(cx, &mut w);
            w.finish(cx);
            out.push((PathId(key.to_owned()), got));
        }
    });
    Some(out)
}

/// `{ option_id = points, … }`.
fn points(cx: &mut Cx<'_>, v: &Value<'_>, path: &str, max: i64) -> Option<Vec<(OptionId, u32)>> {
    let mut t = table(cx, v, path)?;
    let mut out = Vec::new();
    let mut ok = true;
    t.entries(cx, |cx, key, at, val, p| {
        if !is_id(key) {
            cx.error_at(p, Some(at), ErrorKind::BadId { id: key.to_owned() });
            ok = false;
            return;
        }
        match integer(cx, val, p, 0, max) {
            Some(n) => out.push((OptionId(key.to_owned()), n)),
            None => ok = false,
        }
    });
    ok.then_some(out)
}

/// Reads a whole rulebook document. Errors are left in `cx`.
pub(crate) fn read_rulebook(cx: &mut Cx<'_>, doc: &toml::Spanned<DeTable<'_>>) -> Option<Rulebook> {
    let mut root = Tab::root(doc);
    let meta = root.sub(cx, "meta").and_then(|t| read_meta(cx, t));
    let labels = root.sub(cx, "labels").and_then(|mut t| {
        let l = (t.text(cx, "yes"), t.text(cx, "no"), t.text(cx, "unsure"), t.text(cx, "not_provided"));
        let p = (
            t.text(cx, "date"),
            t.text(cx, "list_sep"),
            t.text(cx, "item"),
            t.text(cx, "plan_item"),
            t.text(cx, "plan_item_undated"),
            t.text(cx, "risk_item"),
        );
        t.finish(cx);
        Some(Labels {
            yes: l.0?,
            no: l.1?,
            unsure: l.2?,
            not_provided: l.3?,
            date: p.0?,
            list_sep: p.1?,
            item: p.2?,
            plan_item: p.3?,
            plan_item_undated: p.4?,
            risk_item: p.5?,
        })
    });
    let mut sections = Vec::new();
    for mut t in root.tables(cx, "sections", true) {
        let s = (t.id(cx, "id"), t.text(cx, "title"), t.opt_text(cx, "intro"));
        t.finish(cx);
        if let (Some(id), Some(title)) = (s.0, s.1) {
            sections.push(Section { id: SectionId(id), title, intro: s.2 });
        }
    }
    let mut glossary = Vec::new();
    for mut t in root.tables(cx, "glossary", false) {
        let g = (t.id(cx, "id"), t.text(cx, "term"), t.text(cx, "definition"));
        t.finish(cx);
        if let (Some(id), Some(term), Some(definition)) = g {
            glossary.push(Term { id: TermId(id), term, definition });
        }
    }
    let questions: Vec<Question> =
        root.tables(cx, "questions", true).into_iter().filter_map(|t| read_question(cx, t, labels.as_ref())).collect();
    let mut scope = Vec::new();
    for mut t in root.tables(cx, "scope", false) {
        let r = (t.id(cx, "id"), t.cond(cx, "when"), t.id(cx, "tier"), t.text(cx, "reason"));
        t.finish(cx);
        if let (Some(id), Some(when), Some(tier), Some(reason)) = r {
            scope.push(ScopeRule { id: ScopeId(id), when, tier: TierId(tier), reason });
        }
    }
    let mut red_lines = Vec::new();
    for mut t in root.tables(cx, "red_lines", true) {
        let r = (t.id(cx, "id"), t.text(cx, "title"), t.text(cx, "description"), t.cond(cx, "when"), t.id(cx, "tier"));
        t.finish(cx);
        if let (Some(id), Some(title), Some(description), Some(when), Some(tier)) = r {
            red_lines.push(RedLine { id: RedLineId(id), title, description, when, tier: TierId(tier) });
        }
    }
    let mut distinctions = Vec::new();
    for mut t in root.tables(cx, "distinctions", true) {
        let d = (
            t.id(cx, "id"),
            t.text(cx, "title"),
            t.text(cx, "tolerable"),
            t.text(cx, "intolerable"),
            t.cond(cx, "tolerable_when"),
            t.cond(cx, "intolerable_when"),
            t.id(cx, "tier"),
        );
        t.finish(cx);
        if let (Some(id), Some(title), Some(tolerable), Some(intolerable), Some(tw), Some(iw), Some(tier)) = d {
            distinctions.push(Distinction {
                id: DistinctionId(id),
                title,
                tolerable,
                intolerable,
                tolerable_when: tw,
                intolerable_when: iw,
                tier: TierId(tier),
            });
        }
    }
    let mut tracks = Vec::new();
    for mut t in root.tables(cx, "tracks", true) {
        let tier = if t.has("tier") { t.id(cx, "tier").map(TierId) } else { None };
        let r = (
            t.id(cx, "id"),
            t.text(cx, "title"),
            t.text(cx, "description"),
            t.cond(cx, "when"),
            t.text(cx, "reason"),
            t.opt_bool(cx, "distinctions_apply").unwrap_or(false),
        );
        t.finish(cx);
        if let (Some(id), Some(title), Some(description), Some(when), Some(reason)) = (r.0, r.1, r.2, r.3, r.4) {
            tracks.push(Track { id: TrackId(id), title, description, when, tier, reason, distinctions_apply: r.5 });
        }
    }
    let mut elements = Vec::new();
    for mut t in root.tables(cx, "elements", true) {
        let e =
            (t.id(cx, "id"), t.text(cx, "title"), t.text(cx, "description"), t.int(cx, "met_at", 1, 1000), t.int(cx, "partly_at", 1, 1000));
        let mut counts = Vec::new();
        for mut c in t.tables(cx, "counts", true) {
            let r = (c.id(cx, "question"), c.points(cx, "points", 100), c.opt_cond(cx, "when"));
            c.finish(cx);
            if let (Some(q), Some(points)) = (r.0, r.1) {
                counts.push(ElementCount { question: QuestionId(q), points, when: r.2 });
            }
        }
        t.finish(cx);
        if let (Some(id), Some(title), Some(description), Some(met_at), Some(partly_at)) = e {
            elements.push(Element { id: ElementId(id), title, description, counts, met_at, partly_at });
        }
    }
    let score = root.sub(cx, "score").and_then(|mut t| {
        let grade_max = t.int(cx, "grade_max", 1, 10);
        let mut bands = Vec::new();
        for mut b in t.tables(cx, "bands", true) {
            let r = (b.id(cx, "id"), b.text(cx, "title"), b.int(cx, "from", 0, 100), b.int(cx, "to", 0, 100));
            b.finish(cx);
            if let (Some(id), Some(title), Some(from), Some(to)) = r {
                bands.push(Band { id: BandId(id), title, from, to });
            }
        }
        t.finish(cx);
        Some(Score { grade_max: grade_max?, bands })
    });
    let grade_max = score.as_ref().map_or(10, |s| s.grade_max as i64);
    let mut factors = Vec::new();
    for mut t in root.tables(cx, "factors", true) {
        let f = (t.id(cx, "id"), t.text(cx, "title"), t.id(cx, "question"), t.int(cx, "weight", 1, 100), t.points(cx, "grades", grade_max));
        let when = t.opt_cond(cx, "when");
        t.finish(cx);
        if let (Some(id), Some(title), Some(q), Some(weight), Some(grades)) = f {
            factors.push(Factor { id: FactorId(id), title, question: QuestionId(q), weight, grades, when });
        }
    }
    let mut tiers = Vec::new();
    for mut t in root.tables(cx, "tiers", true) {
        let tone = t.word(cx, "tone").and_then(|s| {
            let tone = [Tone::Favourable, Tone::Caution, Tone::Unfavourable, Tone::Info].into_iter().find(|t| t.as_str() == s);
            if tone.is_none() {
                cx.error(&format!("{}.tone", t.path), ErrorKind::BadValue { value: s, allowed: "favourable, caution, unfavourable, info" });
            }
            tone
        });
        let r = (t.id(cx, "id"), t.text(cx, "title"), t.text(cx, "summary"), t.opt_ids(cx, "next_steps").unwrap_or_default());
        let flags = (t.opt_bool(cx, "stop_early"), t.opt_bool(cx, "application"), t.opt_bool(cx, "correction"));
        let afterwards = t.opt_text(cx, "afterwards");
        t.finish(cx);
        if let (Some(id), Some(title), Some(summary), Some(tone)) = (r.0, r.1, r.2, tone) {
            tiers.push(Tier {
                id: TierId(id),
                title,
                summary,
                tone,
                next_steps: r.3.into_iter().map(NextStepId).collect(),
                stop_early: flags.0.unwrap_or(false),
                application: flags.1.unwrap_or(matches!(tone, Tone::Favourable | Tone::Caution)),
                correction: flags.2.unwrap_or(true),
                afterwards,
            });
        }
    }
    let outcome = root.sub(cx, "outcome").and_then(|mut t| {
        let o = (t.id(cx, "unknown_tier"), t.text(cx, "unknown_reason"));
        t.finish(cx);
        Some(OutcomeConfig { unknown_tier: TierId(o.0?), unknown_reason: o.1? })
    });
    let mut decisions = Vec::new();
    for mut t in root.tables(cx, "decisions", true) {
        // A row either grants a tier or caps it: exactly one of the two keys.
        let effect = match (t.has("grant"), t.has("cap")) {
            (true, false) => t.id(cx, "grant").map(|x| (x, false)),
            (false, true) => t.id(cx, "cap").map(|x| (x, true)),
            (true, true) => {
                cx.error(&format!("{}.cap", t.path), ErrorKind::NotAllowedHere { what: "grant_and_cap" });
                None
            }
            (false, false) => {
                cx.error(&t.path, ErrorKind::MissingKey { key: "grant | cap".into() });
                None
            }
        };
        let d = (t.id(cx, "id"), t.cond(cx, "when"), t.text(cx, "reason"));
        t.finish(cx);
        if let (Some(id), Some(when), Some(reason), Some((tier, cap))) = (d.0, d.1, d.2, effect) {
            decisions.push(Decision { id: DecisionId(id), when, tier: TierId(tier), cap, reason });
        }
    }
    let mut measures = Vec::new();
    for mut t in root.tables(cx, "measures", true) {
        let m =
            (t.id(cx, "id"), t.text(cx, "title"), t.text(cx, "description"), t.opt_cond(cx, "required_when"), t.opt_cond(cx, "offer_when"));
        t.finish(cx);
        if let (Some(id), Some(title), Some(description)) = (m.0, m.1, m.2) {
            measures.push(Measure { id: MeasureId(id), title, description, required_when: m.3, offer_when: m.4 });
        }
    }
    let mut materials = Vec::new();
    for mut t in root.tables(cx, "materials", true) {
        let m = (t.id(cx, "id"), t.text(cx, "title"), t.opt_cond(cx, "when"), t.opt_ids(cx, "tiers").unwrap_or_default());
        let document = if t.has("document") { t.id(cx, "document").map(DocumentId) } else { None };
        t.finish(cx);
        if let (Some(id), Some(title)) = (m.0, m.1) {
            materials.push(Material { id: MaterialId(id), title, when: m.2, tiers: m.3.into_iter().map(TierId).collect(), document });
        }
    }
    let mut next_steps = Vec::new();
    for mut t in root.tables(cx, "next_steps", true) {
        let n = (t.id(cx, "id"), t.text(cx, "text"), t.opt_cond(cx, "when"));
        t.finish(cx);
        if let (Some(id), Some(text)) = (n.0, n.1) {
            next_steps.push(NextStep { id: NextStepId(id), text, when: n.2 });
        }
    }
    let mut stages = Vec::new();
    for mut t in root.tables(cx, "stages", true) {
        let s = (t.id(cx, "id"), t.text(cx, "title"), t.text(cx, "description"));
        t.finish(cx);
        if let (Some(id), Some(title), Some(description)) = s {
            stages.push(Stage { id: StageId(id), title, description });
        }
    }
    let mut recipients = Vec::new();
    for mut t in root.tables(cx, "recipients", true) {
        let r = (t.id(cx, "id"), t.text(cx, "title"), t.text(cx, "role"));
        t.finish(cx);
        if let (Some(id), Some(title), Some(role)) = r {
            recipients.push(Recipient { id: RecipientId(id), title, role });
        }
    }
    let mut references = Vec::new();
    for mut t in root.tables(cx, "references", false) {
        let r = (t.id(cx, "id"), t.text(cx, "title"), t.text(cx, "note"));
        t.finish(cx);
        if let (Some(id), Some(title), Some(note)) = r {
            references.push(Reference { id: ReferenceId(id), title, note });
        }
    }
    let mut consistency = Vec::new();
    for mut t in root.tables(cx, "consistency", false) {
        let c = (t.id(cx, "id"), t.cond(cx, "when"), t.text(cx, "message"));
        t.finish(cx);
        if let (Some(id), Some(when), Some(message)) = c {
            consistency.push(Consistency { id: ConsistencyId(id), when, message });
        }
    }
    let mut paths = Vec::new();
    for mut t in root.tables(cx, "paths", false) {
        let p = (
            t.id(cx, "id"),
            t.text(cx, "title"),
            t.cond(cx, "when"),
            t.opt(cx, "tiers", |cx, v, p| {
                let mut m = table(cx, v, p)?;
                let mut out = Vec::new();
                m.entries(cx, |cx, key, at, val, p| {
                    if !is_id(key) {
                        cx.error_at(p, Some(at), ErrorKind::BadId { id: key.to_owned() });
                    } else if let Some(to) = ident(cx, val, p) {
                        out.push((TierId(key.to_owned()), TierId(to)));
                    }
                });
                Some(out)
            }),
        );
        t.finish(cx);
        if let (Some(id), Some(title), Some(when)) = (p.0, p.1, p.2) {
            paths.push(Path { id: PathId(id), title, when, tiers: p.3.unwrap_or_default() });
        }
    }
    let mut risks = Vec::new();
    for mut t in root.tables(cx, "risks", false) {
        let r = (t.id(cx, "id"), t.cond(cx, "when"), t.text(cx, "title"), t.text(cx, "advice"));
        t.finish(cx);
        if let (Some(id), Some(when), Some(title), Some(advice)) = r {
            risks.push(Risk { id: RiskId(id), when, title, advice });
        }
    }
    let mut documents = Vec::new();
    for mut t in root.tables(cx, "documents", false) {
        let d =
            (t.id(cx, "id"), t.text(cx, "title"), t.text(cx, "intro"), t.opt_ids(cx, "tiers").unwrap_or_default(), t.opt_bool(cx, "talk"));
        let attaches = t.opt_ids(cx, "attaches").unwrap_or_default();
        let mut sections = Vec::new();
        for mut st in t.tables(cx, "sections", true) {
            let heading = st.opt_text(cx, "heading");
            // `body` is a paragraph of one part, written whenever its answers are there.
            let mut parts: Vec<DocumentPart> = st.opt_text(cx, "body").map(|text| DocumentPart { when: None, text }).into_iter().collect();
            for mut pt in st.tables(cx, "parts", false) {
                let x = (pt.opt_cond(cx, "when"), pt.text(cx, "text"));
                pt.finish(cx);
                if let Some(text) = x.1 {
                    parts.push(DocumentPart { when: x.0, text });
                }
            }
            let fields = st.opt(cx, "fields", |cx, v, p| {
                let items = array(cx, v, p)?;
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    out.push(text(cx, item, &format!("{p}[{i}]"))?);
                }
                Some(out)
            });
            let x = (st.opt_bool(cx, "editable"), st.opt_int(cx, "lines", 0, 40), st.opt_bool(cx, "right"));
            st.finish(cx);
            sections.push(DocumentSection {
                heading,
                parts,
                fields: fields.unwrap_or_default(),
                editable: x.0.unwrap_or(false),
                lines: x.1.unwrap_or(0),
                right: x.2.unwrap_or(false),
            });
        }
        t.finish(cx);
        if let (Some(id), Some(title), Some(intro)) = (d.0, d.1, d.2) {
            documents.push(Document {
                id: DocumentId(id),
                title,
                intro,
                tiers: d.3.into_iter().map(TierId).collect(),
                talk: d.4.unwrap_or(false),
                attaches: attaches.into_iter().map(DocumentId).collect(),
                sections,
            });
        }
    }
    let mut invariants = Vec::new();
    for mut t in root.tables(cx, "invariants", false) {
        let condition = match (t.has("never"), t.has("reachable")) {
            (true, false) => t.cond(cx, "never").map(|c| (c, false)),
            (false, true) => t.cond(cx, "reachable").map(|c| (c, true)),
            (true, true) => {
                cx.error(&format!("{}.reachable", t.path), ErrorKind::NotAllowedHere { what: "never_and_reachable" });
                None
            }
            (false, false) => {
                cx.error(&t.path, ErrorKind::MissingKey { key: "never | reachable".into() });
                None
            }
        };
        let r = (t.id(cx, "id"), t.text(cx, "message"));
        t.finish(cx);
        if let (Some(id), Some(message), Some((condition, reachable))) = (r.0, r.1, condition) {
            invariants.push(Invariant { id: InvariantId(id), condition, reachable, message });
        }
    }
    // Scenario cases may ride along in a rulebook; they are read by `cases`.
    let _ = root.get(cx, "cases");
    root.finish(cx);
    Some(Rulebook {
        meta: meta?,
        labels: labels?,
        sections,
        questions,
        glossary,
        scope,
        red_lines,
        distinctions,
        tracks,
        elements,
        score: score?,
        factors,
        tiers,
        outcome: outcome?,
        decisions,
        measures,
        materials,
        next_steps,
        stages,
        recipients,
        references,
        consistency,
        paths,
        risks,
        documents,
        invariants,
    })
}

fn read_meta(cx: &mut Cx<'_>, mut t: Tab<'_, '_>) -> Option<Meta> {
    // The locales come first: every wording after them is checked against them.
    let locales = t.need(cx, "locales").and_then(|(v, p)| {
        let items = array(cx, v, &p)?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let ip = format!("{p}[{i}]");
            let Some(s) = string(cx, item, &ip) else { continue };
            match Locale::from_tag(&s) {
                Some(l) if !out.contains(&l) => out.push(l),
                Some(_) => cx.error_at(&ip, Some(item.span()), ErrorKind::DuplicateId { id: s }),
                None => cx.error_at(&ip, Some(item.span()), ErrorKind::BadValue { value: s, allowed: KNOWN_LOCALES }),
            }
        }
        if !out.contains(&Locale::PRIMARY) {
            cx.error_at(&p, Some(v.span()), ErrorKind::MissingLocale { locale: Locale::PRIMARY.tag() });
        }
        Some(out)
    });
    if let Some(l) = &locales {
        cx.locales = l.clone();
        if !cx.locales.contains(&Locale::PRIMARY) {
            cx.locales.insert(0, Locale::PRIMARY);
        }
    }
    let effective = t.need(cx, "effective").and_then(|(v, p)| date(cx, v, &p));
    let m = (
        t.id(cx, "id"),
        t.text(cx, "title"),
        t.word(cx, "version"),
        t.text(cx, "issuer"),
        t.text(cx, "notice"),
        t.text(cx, "disclaimer"),
        t.int(cx, "minutes", 1, 120),
    );
    let questions = t.opt_int(cx, "questions", 1, 500).unwrap_or(0);
    t.finish(cx);
    Some(Meta {
        id: m.0?,
        title: m.1?,
        version: m.2?,
        issuer: m.3?,
        effective: effective?,
        notice: m.4?,
        disclaimer: m.5?,
        minutes: m.6?,
        questions,
        locales: locales?,
    })
}

#[inline(never)]
fn read_question(cx: &mut Cx<'_>, mut t: Tab<'_, '_>, labels: Option<&Labels>) -> Option<Question> {
    let id = t.id(cx, "id");
    let section = t.id(cx, "section");
    let kind = t.word(cx, "kind").and_then(|s| {
        let k = [QuestionKind::Single, QuestionKind::Multi, QuestionKind::YesNo, QuestionKind::Date, QuestionKind::Text]
            .into_iter()
            .find(|k| k.as_str() == s);
        if k.is_none() {
            cx.error(&format!("{}.kind", t.path), ErrorKind::BadValue { value: s, allowed: "single, multi, yes_no, date, text" });
        }
        k
    });
    let text_ = t.text(cx, "text");
    let short = t.text(cx, "short");
    let hint = t.opt_text(cx, "hint");
    let why = t.text(cx, "why");
    let terms = t.opt_ids(cx, "terms").unwrap_or_default();
    let show_if = t.opt_cond(cx, "show_if");
    let required = t.opt_bool(cx, "required");
    let allow_unsure = t.opt_bool(cx, "allow_unsure");
    let max_chars = t.opt_int(cx, "max_chars", 1, 200_000);
    let on = t.opt(cx, "on", |cx, v, p| {
        wordings(cx, v, p, |cx, w| QuestionWording {
            path: PathId(String::new()),
            text: w.opt_text(cx, "text"),
            hint: w.opt_text(cx, "hint"),
            why: w.opt_text(cx, "why"),
            short: w.opt_text(cx, "short"),
        })
    });
    let has_options = t.has("options");
    let option_tables = t.tables(cx, "options", false);
    if option_tables.len() > limits::OPTIONS {
        let (path, span) = (format!("{}.options", t.path), t.span.clone());
        return over(cx, &path, span, "options", option_tables.len(), limits::OPTIONS);
    }
    // Counted before reading, so a broken option is not also reported as a missing one.
    let written_options = option_tables.len();
    let mut options = Vec::new();
    for mut o in option_tables {
        let c = (
            o.id(cx, "id"),
            o.text(cx, "label"),
            o.opt_text(cx, "hint"),
            o.opt_bool(cx, "unsure").unwrap_or(false),
            o.opt_bool(cx, "exclusive").unwrap_or(false),
            o.opt_text(cx, "action"),
            o.opt(cx, "on", |cx, v, p| {
                wordings(cx, v, p, |cx, w| ChoiceWording {
                    path: PathId(String::new()),
                    label: w.opt_text(cx, "label"),
                    hint: w.opt_text(cx, "hint"),
                })
            }),
        );
        o.finish(cx);
        if let (Some(oid), Some(label)) = (c.0, c.1) {
            let on = c.6.unwrap_or_default().into_iter().map(|(path, w)| ChoiceWording { path, ..w }).collect();
            options.push(Choice { id: OptionId(oid), label, hint: c.2, unsure: c.3, exclusive: c.4, action: c.5, on });
        }
    }
    let path = t.path.clone();
    t.finish(cx);
    let kind = kind?;
    let opts_err = |cx: &mut Cx<'_>, reason| cx.error(&format!("{path}.options"), ErrorKind::Options { reason });
    match kind {
        QuestionKind::YesNo => {
            if has_options {
                opts_err(cx, "yes_no_options");
            }
            let l = labels?;
            options = vec![
                Choice { id: "yes".into(), label: l.yes.clone(), ..Choice::default() },
                Choice { id: "no".into(), label: l.no.clone(), ..Choice::default() },
            ];
            if allow_unsure == Some(true) {
                options.push(Choice { id: "unsure".into(), label: l.unsure.clone(), unsure: true, ..Choice::default() });
            }
        }
        QuestionKind::Single | QuestionKind::Multi => {
            if written_options < 2 {
                opts_err(cx, "too_few_options");
            }
            if options.iter().filter(|o| o.unsure).count() > 1 {
                opts_err(cx, "one_unsure");
            }
            if kind == QuestionKind::Single && options.iter().any(|o| o.exclusive) {
                opts_err(cx, "exclusive_multi");
            }
        }
        QuestionKind::Date | QuestionKind::Text => {
            if has_options {
                opts_err(cx, "choice_only");
            }
        }
    }
    if allow_unsure.is_some() && kind != QuestionKind::YesNo {
        cx.error(&format!("{path}.allow_unsure"), ErrorKind::Options { reason: "allow_unsure_yes_no" });
    }
    Some(Question {
        id: QuestionId(id?),
        section: SectionId(section?),
        kind,
        text: text_?,
        hint,
        why: why?,
        terms: terms.into_iter().map(TermId).collect(),
        show_if,
        options,
        required: required.unwrap_or(kind.is_choice()),
        max_chars: max_chars.unwrap_or(4000),
        short: short?,
        on: on.unwrap_or_default().into_iter().map(|(path, w)| QuestionWording { path, ..w }).collect(),
    })
}
