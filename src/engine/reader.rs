//! A strict reader from TOML into the rulebook model.
//!
//! It walks the spanned TOML tree by hand rather than through `serde` derive,
//! for two reasons a deployer feels: every problem in a file is reported at
//! once (derive stops at the first), and each carries the key path and the
//! line. It also keeps the shipped wasm small: one monomorphic reader instead
//! of a generated visitor per type.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};

use super::error::{ErrorKind, RulebookError};
use super::model::*;
use super::text::{Locale, Text};

type Value<'i> = toml::Spanned<DeValue<'i>>;

/// Shared state of one read: the source, the errors so far and where each key path was seen.
pub(crate) struct Cx<'s> {
    src: &'s str,
    file: String,
    pub(crate) errors: Vec<RulebookError>,
    /// Key path → byte offset, for errors found after reading.
    locs: HashMap<String, usize>,
    locales: Vec<Locale>,
}

impl<'s> Cx<'s> {
    pub(crate) fn new(file: &str, src: &'s str) -> Cx<'s> {
        Cx { src, file: file.to_owned(), errors: Vec::new(), locs: HashMap::new(), locales: vec![Locale::ZhCn] }
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.src.len());
        let mut start = offset;
        while start > 0 && !self.src.is_char_boundary(start) {
            start -= 1;
        }
        let before = &self.src[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line as u32, col as u32)
    }

    /// Records an error at a byte offset.
    pub(crate) fn error_at(&mut self, path: &str, offset: Option<usize>, kind: ErrorKind) {
        let (line, column) = match offset {
            Some(o) => {
                let (l, c) = self.line_col(o);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        self.errors.push(RulebookError { file: self.file.clone(), path: path.to_owned(), line, column, kind });
    }

    /// Records an error at a key path seen while reading (or its nearest recorded parent).
    pub(crate) fn error(&mut self, path: &str, kind: ErrorKind) {
        let mut p = path;
        let offset = loop {
            if let Some(&o) = self.locs.get(p) {
                break Some(o);
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => break None,
            }
        };
        self.error_at(path, offset, kind);
    }

    fn seen(&mut self, path: &str, offset: usize) {
        self.locs.insert(path.to_owned(), offset);
    }
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
        cx.seen(&path, k.span().start);
        Some((v, path))
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.table.iter().any(|(k, _)| k.get_ref() == key)
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
                cx.error_at(&self.path, Some(self.span.start), ErrorKind::MissingKey { key: key.to_owned() });
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

    /// An array of tables; `required` lists must have at least one entry.
    pub(crate) fn list<T>(
        &mut self,
        cx: &mut Cx<'_>,
        key: &'static str,
        required: bool,
        mut f: impl FnMut(&mut Cx<'_>, Tab<'a, 'i>) -> Option<T>,
    ) -> Vec<T> {
        let Some((v, path)) = self.get(cx, key) else {
            if required {
                cx.error_at(&self.path, Some(self.span.start), ErrorKind::MissingKey { key: key.to_owned() });
            }
            return Vec::new();
        };
        let Some(items) = array(cx, v, &path) else { return Vec::new() };
        if required && items.is_empty() {
            cx.error_at(&path, Some(v.span().start), ErrorKind::Empty);
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            cx.seen(&p, item.span().start);
            if let Some(t) = table(cx, item, &p)
                && let Some(x) = f(cx, t)
            {
                out.push(x);
            }
        }
        out
    }

    /// Visits every entry as a free map from ids to values.
    pub(crate) fn entries(&mut self, cx: &mut Cx<'_>, mut f: impl FnMut(&mut Cx<'_>, &str, usize, &'a Value<'i>, &str)) {
        self.open = true;
        for (k, v) in self.table.iter() {
            let path = join(&self.path, k.get_ref());
            cx.seen(&path, k.span().start);
            f(cx, k.get_ref(), k.span().start, v, &path);
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
                cx.error_at(&path, Some(k.span().start), ErrorKind::UnknownKey { key: k.get_ref().to_string() });
            }
        }
    }
}

fn wrong(cx: &mut Cx<'_>, v: &Value<'_>, path: &str, expected: &'static str) {
    cx.error_at(path, Some(v.span().start), ErrorKind::WrongType { expected, found: type_name(v.get_ref()) });
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
        DeValue::Array(a) => Some(a),
        _ => {
            wrong(cx, v, path, "array");
            None
        }
    }
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
        cx.error_at(path, Some(v.span().start), ErrorKind::Empty);
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
            cx.error_at(path, Some(v.span().start), ErrorKind::OutOfRange { value: n, min, max });
            None
        }
        None => {
            cx.error_at(path, Some(v.span().start), ErrorKind::OutOfRange { value: i64::MAX, min, max });
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
        cx.error_at(path, Some(v.span().start), ErrorKind::BadDate { value: s });
        None
    }
}

/// True for a plausible calendar date `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: Range<usize>| s.get(r).and_then(|x| x.bytes().all(|c| c.is_ascii_digit()).then(|| x.parse::<u32>().ok()).flatten());
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
            (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]
        }
        _ => false,
    }
}

/// True for a well-formed id: an ASCII letter, then letters, digits or `_`.
pub fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.len() <= 64
}

/// An id (see [`is_id`]).
pub(crate) fn ident(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<String> {
    let s = string(cx, v, path)?;
    if is_id(&s) {
        Some(s)
    } else {
        cx.error_at(path, Some(v.span().start), ErrorKind::BadId { id: s });
        None
    }
}

fn ids(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<Vec<String>> {
    let items = array(cx, v, path)?;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let p = format!("{path}[{i}]");
        cx.seen(&p, item.span().start);
        match ident(cx, item, &p) {
            Some(s) => out.push(s),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A wording: a table of locale tags, or a bare string when Chinese is the only locale.
pub(crate) fn text(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<Text> {
    let mut zh = None;
    let mut en = None;
    match v.get_ref() {
        DeValue::String(s) => zh = Some((s.to_string(), v.span().start)),
        DeValue::Table(t) => {
            for (k, val) in t.iter() {
                let p = format!("{path}.{}", k.get_ref());
                cx.seen(&p, k.span().start);
                let loc = Locale::from_tag(k.get_ref()).filter(|l| cx.locales.contains(l));
                let Some(loc) = loc else {
                    cx.error_at(&p, Some(k.span().start), ErrorKind::UnknownLocale { locale: k.get_ref().to_string() });
                    continue;
                };
                let s = string(cx, val, &p)?;
                match loc {
                    Locale::ZhCn => zh = Some((s, val.span().start)),
                    Locale::En => en = Some((s, val.span().start)),
                }
            }
        }
        _ => {
            wrong(cx, v, path, "table");
            return None;
        }
    }
    let mut ok = true;
    for loc in cx.locales.clone() {
        let got = match loc {
            Locale::ZhCn => &zh,
            Locale::En => &en,
        };
        if got.as_ref().is_none_or(|(s, _)| s.trim().is_empty()) {
            let at = got.as_ref().map_or(v.span().start, |(_, o)| *o);
            cx.error_at(&format!("{path}.{}", loc.tag()), Some(at), ErrorKind::MissingLocale { locale: loc.tag() });
            ok = false;
        }
    }
    ok.then(|| Text { zh: zh.map(|z| z.0).unwrap_or_default(), en: en.map(|e| e.0) })
}

/// A condition: `"always"`, or an inline table (see `docs/rulebook.md`).
pub(crate) fn condition(cx: &mut Cx<'_>, v: &Value<'_>, path: &str) -> Option<Condition> {
    if let DeValue::String(s) = v.get_ref() {
        if s == "always" {
            return Some(Condition::Always);
        }
        cx.error_at(path, Some(v.span().start), ErrorKind::BadValue { value: s.to_string(), allowed: "always, { question = …, is = … }, { all = […] }, { any = […] }, { not = … }" });
        return None;
    }
    let mut t = table(cx, v, path)?;
    let list = |cx: &mut Cx<'_>, v: &Value<'_>, p: &str| -> Option<Vec<Condition>> {
        let items = array(cx, v, p)?;
        if items.is_empty() {
            cx.error_at(p, Some(v.span().start), ErrorKind::Empty);
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let ip = format!("{p}[{i}]");
            cx.seen(&ip, item.span().start);
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
            let os = t.req(cx, "in", ids);
            q.zip(os).map(|(question, os)| Condition::In { question, options: os.into_iter().map(OptionId).collect() })
        } else {
            let a = t.req(cx, "answered", boolean);
            match a {
                Some(true) => q.map(|question| Condition::Answered { question }),
                Some(false) => {
                    cx.error(&format!("{path}.answered"), ErrorKind::BadValue { value: "false".into(), allowed: "true (use { not = … } for the opposite)" });
                    None
                }
                None => None,
            }
        }
    } else if t.has("element") {
        let e = t.req(cx, "element", ident).map(ElementId);
        let statuses = if t.has("in") {
            t.req(cx, "in", |cx, v, p| {
                let raw = ids(cx, v, p)?;
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
            DeValue::Array(_) => ids(cx, v, p),
            _ => ident(cx, v, p).map(|s| vec![s]),
        })
        .map(|bs| Condition::Band { bands: bs.into_iter().map(BandId).collect() })
    } else {
        cx.error_at(path, Some(v.span().start), ErrorKind::MissingKey { key: "question | element | band | all | any | not".into() });
        return None;
    };
    t.finish(cx);
    c
}

fn status(cx: &mut Cx<'_>, path: &str, v: &Value<'_>, s: &str) -> Option<ElementStatus> {
    let st = ElementStatus::parse(s);
    if st.is_none() {
        cx.error_at(path, Some(v.span().start), ErrorKind::BadValue { value: s.to_owned(), allowed: "met, partly, not_met" });
    }
    st
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

fn tier_id(cx: &mut Cx<'_>, v: &Value<'_>, p: &str) -> Option<TierId> {
    ident(cx, v, p).map(TierId)
}

/// Reads a whole rulebook document. Errors are left in `cx`.
pub(crate) fn read_rulebook(cx: &mut Cx<'_>, doc: &toml::Spanned<DeTable<'_>>) -> Option<Rulebook> {
    let mut root = Tab::root(doc);
    let meta = root.req(cx, "meta", |cx, v, p| {
        let mut t = table(cx, v, p)?;
        let locales = t.req(cx, "locales", |cx, v, p| {
            let items = array(cx, v, p)?;
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let ip = format!("{p}[{i}]");
                let s = string(cx, item, &ip)?;
                match Locale::from_tag(&s) {
                    Some(l) if !out.contains(&l) => out.push(l),
                    Some(_) => cx.error_at(&ip, Some(item.span().start), ErrorKind::DuplicateId { id: s }),
                    None => cx.error_at(&ip, Some(item.span().start), ErrorKind::BadValue { value: s, allowed: "zh-CN, en" }),
                }
            }
            if !out.contains(&Locale::ZhCn) {
                cx.error_at(p, Some(v.span().start), ErrorKind::MissingLocale { locale: "zh-CN" });
            }
            Some(out)
        });
        if let Some(l) = &locales {
            cx.locales = l.clone();
            if !cx.locales.contains(&Locale::ZhCn) {
                cx.locales.insert(0, Locale::ZhCn);
            }
        }
        let m = Meta {
            id: t.req(cx, "id", ident)?,
            title: t.req(cx, "title", text)?,
            version: t.req(cx, "version", nonempty)?,
            issuer: t.req(cx, "issuer", text)?,
            effective: t.req(cx, "effective", date)?,
            notice: t.req(cx, "notice", text)?,
            disclaimer: t.req(cx, "disclaimer", text)?,
            minutes: t.req(cx, "minutes", |cx, v, p| integer(cx, v, p, 1, 120))?,
            locales: locales?,
        };
        t.finish(cx);
        Some(m)
    });
    let labels = root.req(cx, "labels", |cx, v, p| {
        let mut t = table(cx, v, p)?;
        let l = (
            t.req(cx, "yes", text),
            t.req(cx, "no", text),
            t.req(cx, "unsure", text),
            t.req(cx, "not_provided", text),
        );
        t.finish(cx);
        Some(Labels { yes: l.0?, no: l.1?, unsure: l.2?, not_provided: l.3? })
    });
    let sections = root.list(cx, "sections", true, |cx, mut t| {
        let s = Section {
            id: SectionId(t.req(cx, "id", ident)?),
            title: t.req(cx, "title", text)?,
            intro: t.opt(cx, "intro", text),
        };
        t.finish(cx);
        Some(s)
    });
    let glossary = root.list(cx, "glossary", false, |cx, mut t| {
        let g = (t.req(cx, "id", ident), t.req(cx, "term", text), t.req(cx, "definition", text));
        t.finish(cx);
        Some(Term { id: TermId(g.0?), term: g.1?, definition: g.2? })
    });
    let questions = root.list(cx, "questions", true, |cx, t| read_question(cx, t, labels.as_ref()));
    let scope = root.list(cx, "scope", false, |cx, mut t| {
        let r = (t.req(cx, "id", ident), t.req(cx, "when", condition), t.req(cx, "tier", tier_id), t.req(cx, "reason", text));
        t.finish(cx);
        Some(ScopeRule { id: ScopeId(r.0?), when: r.1?, tier: r.2?, reason: r.3? })
    });
    let red_lines = root.list(cx, "red_lines", true, |cx, mut t| {
        let r = (
            t.req(cx, "id", ident),
            t.req(cx, "title", text),
            t.req(cx, "description", text),
            t.req(cx, "when", condition),
            t.req(cx, "tier", tier_id),
        );
        t.finish(cx);
        Some(RedLine { id: RedLineId(r.0?), title: r.1?, description: r.2?, when: r.3?, tier: r.4? })
    });
    let distinctions = root.list(cx, "distinctions", true, |cx, mut t| {
        let d = (
            t.req(cx, "id", ident),
            t.req(cx, "title", text),
            t.req(cx, "tolerable", text),
            t.req(cx, "intolerable", text),
            t.req(cx, "tolerable_when", condition),
            t.req(cx, "intolerable_when", condition),
            t.req(cx, "tier", tier_id),
        );
        t.finish(cx);
        Some(Distinction {
            id: DistinctionId(d.0?),
            title: d.1?,
            tolerable: d.2?,
            intolerable: d.3?,
            tolerable_when: d.4?,
            intolerable_when: d.5?,
            tier: d.6?,
        })
    });
    let tracks = root.list(cx, "tracks", true, |cx, mut t| {
        let r = (
            t.req(cx, "id", ident),
            t.req(cx, "title", text),
            t.req(cx, "description", text),
            t.req(cx, "when", condition),
            t.opt(cx, "tier", tier_id),
            t.req(cx, "reason", text),
            t.opt(cx, "distinctions_apply", boolean).unwrap_or(false),
        );
        t.finish(cx);
        Some(Track {
            id: TrackId(r.0?),
            title: r.1?,
            description: r.2?,
            when: r.3?,
            tier: r.4,
            reason: r.5?,
            distinctions_apply: r.6,
        })
    });
    let elements = root.list(cx, "elements", true, |cx, mut t| {
        let e = (
            t.req(cx, "id", ident),
            t.req(cx, "title", text),
            t.req(cx, "description", text),
            t.req(cx, "met_at", |cx, v, p| integer(cx, v, p, 1, 1000)),
            t.req(cx, "partly_at", |cx, v, p| integer(cx, v, p, 1, 1000)),
        );
        let counts = t.list(cx, "counts", true, |cx, mut t| {
            let c = (t.req(cx, "question", ident), t.req(cx, "points", |cx, v, p| points(cx, v, p, 100)));
            t.finish(cx);
            Some(ElementCount { question: QuestionId(c.0?), points: c.1? })
        });
        t.finish(cx);
        Some(Element { id: ElementId(e.0?), title: e.1?, description: e.2?, counts, met_at: e.3?, partly_at: e.4? })
    });
    let score = root.req(cx, "score", |cx, v, p| {
        let mut t = table(cx, v, p)?;
        let grade_max = t.req(cx, "grade_max", |cx, v, p| integer(cx, v, p, 1, 10));
        let bands = t.list(cx, "bands", true, |cx, mut t| {
            let b = (
                t.req(cx, "id", ident),
                t.req(cx, "title", text),
                t.req(cx, "from", |cx, v, p| integer(cx, v, p, 0, 100)),
                t.req(cx, "to", |cx, v, p| integer(cx, v, p, 0, 100)),
            );
            t.finish(cx);
            Some(Band { id: BandId(b.0?), title: b.1?, from: b.2?, to: b.3? })
        });
        t.finish(cx);
        Some(Score { grade_max: grade_max?, bands })
    });
    let grade_max = score.as_ref().map_or(10, |s| s.grade_max as i64);
    let factors = root.list(cx, "factors", true, |cx, mut t| {
        let f = (
            t.req(cx, "id", ident),
            t.req(cx, "title", text),
            t.req(cx, "question", ident),
            t.req(cx, "weight", |cx, v, p| integer(cx, v, p, 1, 100)),
            t.req(cx, "grades", |cx, v, p| points(cx, v, p, grade_max)),
        );
        t.finish(cx);
        Some(Factor { id: FactorId(f.0?), title: f.1?, question: QuestionId(f.2?), weight: f.3?, grades: f.4? })
    });
    let tiers = root.list(cx, "tiers", true, |cx, mut t| {
        let r = (
            t.req(cx, "id", ident),
            t.req(cx, "title", text),
            t.req(cx, "summary", text),
            t.req(cx, "tone", |cx, v, p| {
                let s = string(cx, v, p)?;
                let tone = [Tone::Favourable, Tone::Caution, Tone::Unfavourable, Tone::Info].into_iter().find(|t| t.as_str() == s);
                if tone.is_none() {
                    cx.error_at(p, Some(v.span().start), ErrorKind::BadValue { value: s, allowed: "favourable, caution, unfavourable, info" });
                }
                tone
            }),
            t.opt(cx, "next_steps", ids).unwrap_or_default(),
        );
        t.finish(cx);
        Some(Tier { id: TierId(r.0?), title: r.1?, summary: r.2?, tone: r.3?, next_steps: r.4.into_iter().map(NextStepId).collect() })
    });
    let outcome = root.req(cx, "outcome", |cx, v, p| {
        let mut t = table(cx, v, p)?;
        let o = (t.req(cx, "unknown_tier", tier_id), t.req(cx, "unknown_reason", text));
        t.finish(cx);
        Some(OutcomeConfig { unknown_tier: o.0?, unknown_reason: o.1? })
    });
    let decisions = root.list(cx, "decisions", true, |cx, mut t| {
        let d = (t.req(cx, "id", ident), t.req(cx, "when", condition), t.req(cx, "tier", tier_id), t.req(cx, "reason", text));
        t.finish(cx);
        Some(Decision { id: DecisionId(d.0?), when: d.1?, tier: d.2?, reason: d.3? })
    });
    let measures = root.list(cx, "measures", true, |cx, mut t| {
        let m = (
            t.req(cx, "id", ident),
            t.req(cx, "title", text),
            t.req(cx, "description", text),
            t.opt(cx, "required_when", condition),
        );
        t.finish(cx);
        Some(Measure { id: MeasureId(m.0?), title: m.1?, description: m.2?, required_when: m.3 })
    });
    let materials = root.list(cx, "materials", true, |cx, mut t| {
        let m = (t.req(cx, "id", ident), t.req(cx, "title", text), t.opt(cx, "when", condition));
        t.finish(cx);
        Some(Material { id: MaterialId(m.0?), title: m.1?, when: m.2 })
    });
    let next_steps = root.list(cx, "next_steps", true, |cx, mut t| {
        let n = (t.req(cx, "id", ident), t.req(cx, "text", text));
        t.finish(cx);
        Some(NextStep { id: NextStepId(n.0?), text: n.1? })
    });
    let stages = root.list(cx, "stages", true, |cx, mut t| {
        let s = (t.req(cx, "id", ident), t.req(cx, "title", text), t.req(cx, "description", text));
        t.finish(cx);
        Some(Stage { id: StageId(s.0?), title: s.1?, description: s.2? })
    });
    let recipients = root.list(cx, "recipients", true, |cx, mut t| {
        let r = (t.req(cx, "id", ident), t.req(cx, "title", text), t.req(cx, "role", text));
        t.finish(cx);
        Some(Recipient { id: RecipientId(r.0?), title: r.1?, role: r.2? })
    });
    let references = root.list(cx, "references", false, |cx, mut t| {
        let r = (t.req(cx, "id", ident), t.req(cx, "title", text), t.req(cx, "note", text));
        t.finish(cx);
        Some(Reference { id: ReferenceId(r.0?), title: r.1?, note: r.2? })
    });
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
    })
}

fn read_question(cx: &mut Cx<'_>, mut t: Tab<'_, '_>, labels: Option<&Labels>) -> Option<Question> {
    let id = t.req(cx, "id", ident);
    let section = t.req(cx, "section", ident);
    let kind = t.req(cx, "kind", |cx, v, p| {
        let s = string(cx, v, p)?;
        let k = [QuestionKind::Single, QuestionKind::Multi, QuestionKind::YesNo, QuestionKind::Date, QuestionKind::Text]
            .into_iter()
            .find(|k| k.as_str() == s);
        if k.is_none() {
            cx.error_at(p, Some(v.span().start), ErrorKind::BadValue { value: s, allowed: "single, multi, yes_no, date, text" });
        }
        k
    });
    let text_ = t.req(cx, "text", text);
    let short = t.req(cx, "short", text);
    let hint = t.opt(cx, "hint", text);
    let why = t.req(cx, "why", text);
    let terms = t.opt(cx, "terms", ids).unwrap_or_default();
    let show_if = t.opt(cx, "show_if", condition);
    let required = t.opt(cx, "required", boolean);
    let allow_unsure = t.opt(cx, "allow_unsure", boolean);
    let max_chars = t.opt(cx, "max_chars", |cx, v, p| integer(cx, v, p, 1, 200_000));
    let has_options = t.has("options");
    // Option tables written, counted even when one fails to read, so a bad
    // option is not also reported as "too few options".
    let mut written = 0;
    let mut options = t.list(cx, "options", false, |cx, mut t| {
        written += 1;
        let c = (
            t.req(cx, "id", ident),
            t.req(cx, "label", text),
            t.opt(cx, "hint", text),
            t.opt(cx, "unsure", boolean).unwrap_or(false),
            t.opt(cx, "exclusive", boolean).unwrap_or(false),
        );
        t.finish(cx);
        Some(Choice { id: OptionId(c.0?), label: c.1?, hint: c.2, unsure: c.3, exclusive: c.4 })
    });
    let path = t.path.clone();
    t.finish(cx);
    let kind = kind?;
    let opts_err = |cx: &mut Cx<'_>, reason| cx.error(&format!("{path}.options"), ErrorKind::Options { reason });
    match kind {
        QuestionKind::YesNo => {
            if has_options {
                opts_err(cx, "yes/no questions take no options");
            }
            let l = labels?;
            options = vec![
                Choice { id: "yes".into(), label: l.yes.clone(), hint: None, unsure: false, exclusive: false },
                Choice { id: "no".into(), label: l.no.clone(), hint: None, unsure: false, exclusive: false },
            ];
            if allow_unsure == Some(true) {
                options.push(Choice { id: "unsure".into(), label: l.unsure.clone(), hint: None, unsure: true, exclusive: false });
            }
        }
        QuestionKind::Single | QuestionKind::Multi => {
            if written < 2 {
                opts_err(cx, "a choice question needs at least two options");
            }
            if options.iter().filter(|o| o.unsure).count() > 1 {
                opts_err(cx, "only one option can be marked unsure");
            }
            if kind == QuestionKind::Single && options.iter().any(|o| o.exclusive) {
                opts_err(cx, "only multiple-choice options can be exclusive");
            }
        }
        QuestionKind::Date | QuestionKind::Text => {
            if has_options {
                opts_err(cx, "only choice questions take options");
            }
        }
    }
    if allow_unsure.is_some() && kind != QuestionKind::YesNo {
        cx.error(&format!("{path}.allow_unsure"), ErrorKind::Options { reason: "allow_unsure is only for yes/no questions" });
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
    })
}
