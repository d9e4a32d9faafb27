//! A compact binary form of a validated rulebook.
//!
//! The default rulebook is read and validated at build time (`build.rs`, with
//! this same engine) and shipped in this form, so the page neither parses
//! TOML nor re-validates on a phone, and the TOML reader and validator stay out
//! of the page's wasm. A deployer's own rulebook is read and validated by the
//! same engine in a web worker (`crates/loader`), which hands back this form.
//!
//! Layout: a 4-byte magic, then every field in declaration order; integers as
//! LEB128, strings as a length and UTF-8 bytes, options as a 0/1 byte, lists as
//! a length and their items. Decoding is total: any bytes give `None` or a
//! rulebook, never a panic (see the property tests).

use super::model::*;
use super::text::{Locale, Text};

/// The first bytes of the compact form; a new layout takes a new number.
pub const MAGIC: &[u8; 4] = b"RCZ3";
const LOCALE_MAGIC: &[u8; 4] = b"RCZL";
/// Conditions nest no deeper than this in a decoded rulebook.
const MAX_DEPTH: u32 = 32;

/// Encodes a rulebook (validated or not; validation is the loader's job),
/// with the wording of every locale.
pub fn encode(rb: &Rulebook) -> Vec<u8> {
    let mut w = Writer { b: Vec::with_capacity(64 * 1024), others: None, rest: None, in_rest: false };
    w.b.extend_from_slice(MAGIC);
    rb.put(&mut w);
    w.b
}

/// Encodes a rulebook with its primary-locale wording only, and returns the
/// wording of every other locale apart: `others[i]` holds the strings of
/// locale `i + 1`, in the order [`decode_with`] takes them back. The page
/// ships the primary locale and fetches another when a user asks for it.
pub fn encode_split(rb: &Rulebook) -> (Vec<u8>, Vec<Vec<String>>) {
    let (b, others, _) = split(rb, false);
    (b, others)
}

/// As [`encode_split`], and the primary wording of everything only an
/// outcome, the check page, a result or a paper shows (every part after the glossary: see `Codec for Rulebook`)
/// apart too: the third list, in the order [`decode_full`] takes it back.
/// The page shows the start and the questions without it and fetches it
/// after it is ready.
pub fn encode_split_rest(rb: &Rulebook) -> (Vec<u8>, Vec<Vec<String>>, Vec<String>) {
    split(rb, true)
}

fn split(rb: &Rulebook, rest: bool) -> (Vec<u8>, Vec<Vec<String>>, Vec<String>) {
    let mut w = Writer {
        b: Vec::with_capacity(64 * 1024),
        others: Some(vec![Vec::new(); crate::text::LOCALES.len() - 1]),
        rest: rest.then(Vec::new),
        in_rest: false,
    };
    w.b.extend_from_slice(MAGIC);
    rb.put(&mut w);
    (w.b, w.others.unwrap_or_default(), w.rest.unwrap_or_default())
}

/// Decodes what [`encode`] or [`encode_split`] wrote; `None` for anything else.
pub fn decode(bytes: &[u8]) -> Option<Rulebook> {
    decode_with(bytes, None)
}

/// Decodes what [`encode_split`] wrote, putting one locale's wording back.
/// `None` unless the wording fits the rulebook exactly.
pub fn decode_with(bytes: &[u8], wording: Option<(Locale, &[String])>) -> Option<Rulebook> {
    decode_full(bytes, wording, None)
}

/// Decodes what [`encode_split_rest`] wrote, putting back one locale's
/// wording and, when given, the primary wording kept apart (`rest`). Without
/// `rest`, those texts read as empty. `None` unless what is given fits exactly.
pub fn decode_full(bytes: &[u8], wording: Option<(Locale, &[String])>, rest: Option<&[String]>) -> Option<Rulebook> {
    let b = bytes.strip_prefix(MAGIC.as_slice())?;
    let wording = match wording {
        Some((l, list)) if !l.is_primary() => Some((l, list.iter())),
        Some(_) => return None,
        None => None,
    };
    let mut r = Reader { b, depth: 0, wording, bad: false, rest: rest.map(|r| r.iter()), in_rest: false };
    let rb = Rulebook::get(&mut r);
    let all_used = r.wording.is_none_or(|(_, mut e)| e.next().is_none());
    let rest_used = r.rest.is_none_or(|mut e| e.next().is_none());
    (!r.bad && r.b.is_empty() && all_used && rest_used).then_some(rb)
}

/// A locale's wording file: the rulebook's wording in that locale (as
/// [`encode_split`] returns it) and the interface strings, two lists.
pub fn pack_locale(rulebook: &[String], interface: &[String]) -> Vec<u8> {
    let mut w = Writer { b: LOCALE_MAGIC.to_vec(), others: None, rest: None, in_rest: false };
    rulebook.to_vec().put(&mut w);
    interface.to_vec().put(&mut w);
    w.b
}

/// Reads what [`pack_locale`] wrote: (rulebook wording, interface strings).
pub fn unpack_locale(bytes: &[u8]) -> Option<(Vec<String>, Vec<String>)> {
    let mut r = Reader { b: bytes.strip_prefix(LOCALE_MAGIC.as_slice())?, depth: 0, wording: None, bad: false, rest: None, in_rest: false };
    let v = (Vec::<String>::get(&mut r), Vec::<String>::get(&mut r));
    (!r.bad && r.b.is_empty()).then_some(v)
}

/// A file name for bytes that changes whenever they do (FNV-1a, 64 bits),
/// e.g. `en-1f2e3d4c5b6a7988.bin`.
pub fn content_name(prefix: &str, bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{prefix}-{h:016x}.bin")
}

struct Writer {
    b: Vec<u8>,
    /// When set, the wording of locale `i + 1` goes to `others[i]` instead of into the bytes.
    others: Option<Vec<Vec<String>>>,
    /// When set, the primary wording of the parts after the glossary goes here
    /// (an empty string stands in for it in the bytes).
    rest: Option<Vec<String>>,
    in_rest: bool,
}

struct Reader<'a> {
    b: &'a [u8],
    depth: u32,
    /// When set, this locale's wording comes from here, in encoding order.
    wording: Option<(Locale, std::slice::Iter<'a, String>)>,
    /// Set by the first read that fails; every later read returns a placeholder.
    bad: bool,
    /// When set, the primary wording kept apart by [`encode_split_rest`].
    rest: Option<std::slice::Iter<'a, String>>,
    in_rest: bool,
}

impl Reader<'_> {
    fn fail(&mut self) {
        self.bad = true;
        self.b = &[];
    }

    /// The next byte; 0 (and the reader marked bad) past the end.
    fn byte(&mut self) -> u8 {
        match self.b.split_first() {
            Some((&first, rest)) => {
                self.b = rest;
                first
            }
            None => {
                self.fail();
                0
            }
        }
    }

    fn take(&mut self, n: usize) -> &[u8] {
        if n > self.b.len() {
            self.fail();
            return &[];
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        head
    }
}

trait Codec: Sized {
    fn put(&self, w: &mut Writer);
    /// Total: on bad input, marks the reader bad and returns a placeholder.
    fn get(r: &mut Reader<'_>) -> Self;
}

impl Codec for u32 {
    fn put(&self, w: &mut Writer) {
        let mut n = *self;
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                w.b.push(low);
                return;
            }
            w.b.push(low | 0x80);
        }
    }

    fn get(r: &mut Reader<'_>) -> Self {
        let mut n: u32 = 0;
        let mut shift = 0;
        while shift < 35 {
            let b = r.byte();
            n |= ((b & 0x7f) as u32) << shift;
            if b & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
        r.fail();
        0
    }
}

impl Codec for bool {
    fn put(&self, w: &mut Writer) {
        w.b.push(*self as u8);
    }

    fn get(r: &mut Reader<'_>) -> Self {
        match r.byte() {
            0 => false,
            1 => true,
            _ => {
                r.fail();
                false
            }
        }
    }
}

impl Codec for String {
    fn put(&self, w: &mut Writer) {
        (self.len() as u32).put(w);
        w.b.extend_from_slice(self.as_bytes());
    }

    fn get(r: &mut Reader<'_>) -> Self {
        let n = u32::get(r) as usize;
        match std::str::from_utf8(r.take(n)) {
            Ok(s) => s.to_owned(),
            Err(_) => {
                r.fail();
                String::new()
            }
        }
    }
}

impl<T: Codec> Codec for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.b.push(0),
            Some(v) => {
                w.b.push(1);
                v.put(w);
            }
        }
    }

    fn get(r: &mut Reader<'_>) -> Self {
        match r.byte() {
            0 => None,
            1 => Some(T::get(r)),
            _ => {
                r.fail();
                None
            }
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, w: &mut Writer) {
        (self.len() as u32).put(w);
        for v in self {
            v.put(w);
        }
    }

    fn get(r: &mut Reader<'_>) -> Self {
        let n = u32::get(r) as usize;
        // Every item takes at least one byte: a longer list cannot be real.
        if n > r.b.len() {
            r.fail();
            return Vec::new();
        }
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            if r.bad {
                break;
            }
            out.push(T::get(r));
        }
        out
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }

    fn get(r: &mut Reader<'_>) -> Self {
        (A::get(r), B::get(r))
    }
}

impl Codec for Text {
    fn put(&self, w: &mut Writer) {
        let Some(others) = w.others.as_mut() else { return self.0.put(w) };
        for (i, list) in others.iter_mut().enumerate() {
            let l = Locale::from_index(i + 1).unwrap_or(Locale::PRIMARY);
            list.push(if self.has(l) { self.0[l.index()].clone() } else { String::new() });
        }
        // An absent text stays absent; otherwise only the primary wording goes into the bytes,
        // or, for a part kept apart, an empty string in its place.
        let mut primary: Vec<String> = self.0.first().map(|p| vec![p.clone()]).unwrap_or_default();
        if let (true, Some(rest), Some(p)) = (w.in_rest, w.rest.as_mut(), primary.first_mut()) {
            rest.push(std::mem::take(p));
        }
        primary.put(w);
    }

    fn get(r: &mut Reader<'_>) -> Self {
        let mut strings = Vec::<String>::get(r);
        if strings.len() > crate::text::LOCALES.len() {
            r.fail();
            return Text::default();
        }
        if let (true, Some(rest), Some(p)) = (r.in_rest, r.rest.as_mut(), strings.first_mut()) {
            match rest.next() {
                Some(s) if p.is_empty() => *p = s.clone(),
                _ => {
                    r.fail();
                    return Text::default();
                }
            }
        }
        if let Some((l, list)) = &mut r.wording {
            let (l, next) = (*l, list.next());
            let Some(s) = next else {
                r.fail();
                return Text::default();
            };
            if !s.is_empty() {
                strings.resize(strings.len().max(l.index() + 1), String::new());
                // (an absent primary text has no other wording either)
                strings[l.index()] = s.clone();
            }
        }
        Text(strings)
    }
}

impl Codec for Locale {
    fn put(&self, w: &mut Writer) {
        w.b.push(self.index() as u8);
    }

    fn get(r: &mut Reader<'_>) -> Self {
        let i = r.byte() as usize;
        Locale::from_index(i).unwrap_or_else(|| {
            r.fail();
            Locale::PRIMARY
        })
    }
}

/// Field-less enums, by their position in a fixed list.
macro_rules! codec_unit_enum {
    ($t:ty: $($v:expr),+) => {
        impl Codec for $t {
            fn put(&self, w: &mut Writer) {
                let all = [$($v),+];
                w.b.push(all.iter().position(|x| x == self).unwrap_or(0) as u8);
            }

            fn get(r: &mut Reader<'_>) -> Self {
                let all = [$($v),+];
                let i = r.byte() as usize;
                match all.get(i) {
                    Some(v) => *v,
                    None => {
                        r.fail();
                        all[0]
                    }
                }
            }
        }
    };
}

codec_unit_enum!(QuestionKind: QuestionKind::Single, QuestionKind::Multi, QuestionKind::YesNo, QuestionKind::Date, QuestionKind::Text);
codec_unit_enum!(ElementStatus: ElementStatus::Met, ElementStatus::Partly, ElementStatus::NotMet, ElementStatus::Unknown);
codec_unit_enum!(Tone: Tone::Favourable, Tone::Caution, Tone::Unfavourable, Tone::Info);

/// Ids are strings on the wire.
macro_rules! codec_ids {
    ($($t:ident),+) => {$(
        impl Codec for $t {
            fn put(&self, w: &mut Writer) {
                self.0.put(w);
            }

            fn get(r: &mut Reader<'_>) -> Self {
                $t(String::get(r))
            }
        }
    )+};
}

codec_ids!(
    SectionId,
    QuestionId,
    OptionId,
    TermId,
    ScopeId,
    RedLineId,
    DistinctionId,
    TrackId,
    ElementId,
    FactorId,
    BandId,
    TierId,
    DecisionId,
    MeasureId,
    MaterialId,
    NextStepId,
    StageId,
    RecipientId,
    ReferenceId,
    ConsistencyId,
    PathId,
    RiskId,
    DocumentId,
    InvariantId
);

/// Structs: every field, in declaration order.
macro_rules! codec_struct {
    ($($t:ident { $($f:ident),+ })+) => {$(
        impl Codec for $t {
            fn put(&self, w: &mut Writer) {
                $(self.$f.put(w);)+
            }

            fn get(r: &mut Reader<'_>) -> Self {
                $t { $($f: Codec::get(r)),+ }
            }
        }
    )+};
}

codec_struct! {
    Meta { id, title, version, issuer, effective, locales, notice, disclaimer, minutes, questions }
    Labels { yes, no, unsure, not_provided, date, list_sep, item, plan_item, plan_item_undated, risk_item }
    Section { id, title, intro }
    Question { id, section, kind, text, hint, why, terms, show_if, options, required, max_chars, short, on }
    QuestionWording { path, text, hint, why, short }
    ChoiceWording { path, label, hint }
    Path { id, title, when, tiers }
    Risk { id, when, title, advice }
    Document { id, title, intro, tiers, talk, attaches, sections }
    DocumentSection { heading, parts, fields, editable, lines, right }
    DocumentPart { when, text }
    Choice { id, label, hint, unsure, exclusive, action, on }
    Term { id, term, definition }
    ScopeRule { id, when, tier, reason }
    RedLine { id, title, description, when, tier }
    Distinction { id, title, tolerable, intolerable, tolerable_when, intolerable_when, tier }
    Track { id, title, description, when, tier, reason, distinctions_apply }
    Element { id, title, description, counts, met_at, partly_at }
    ElementCount { question, points, when }
    Score { grade_max, bands }
    Band { id, title, from, to }
    Factor { id, title, question, weight, grades, when }
    Tier { id, title, summary, tone, next_steps, stop_early, application, correction, afterwards }
    OutcomeConfig { unknown_tier, unknown_reason }
    Decision { id, when, tier, cap, reason }
    Measure { id, title, description, required_when, offer_when }
    Material { id, title, when, tiers, document }
    NextStep { id, text, when }
    Stage { id, title, description }
    Recipient { id, title, role }
    Reference { id, title, note }
    Consistency { id, when, message }
}

/// The rulebook: what the start and the questions need first, then the parts
/// that only an outcome, the check page, a result or a paper shows (every
/// part after the glossary), whose primary wording may be kept apart.
impl Codec for Rulebook {
    fn put(&self, w: &mut Writer) {
        (&self.meta, &self.labels, &self.sections, &self.questions, &self.glossary).put_all(w);
        w.in_rest = true;
        self.scope.put(w);
        (&self.red_lines, &self.distinctions, &self.tracks, &self.elements, &self.score).put_all(w);
        (&self.factors, &self.tiers, &self.outcome, &self.decisions, &self.measures).put_all(w);
        (&self.materials, &self.next_steps, &self.stages, &self.recipients, &self.references).put_all(w);
        (&self.consistency, &self.paths, &self.risks, &self.documents, &self.invariants).put_all(w);
        w.in_rest = false;
    }

    fn get(r: &mut Reader<'_>) -> Self {
        let (meta, labels, sections, questions, glossary) = (Codec::get(r), Codec::get(r), Codec::get(r), Codec::get(r), Codec::get(r));
        r.in_rest = true;
        let rb = Rulebook {
            meta,
            labels,
            sections,
            questions,
            glossary,
            scope: Codec::get(r),
            red_lines: Codec::get(r),
            distinctions: Codec::get(r),
            tracks: Codec::get(r),
            elements: Codec::get(r),
            score: Codec::get(r),
            factors: Codec::get(r),
            tiers: Codec::get(r),
            outcome: Codec::get(r),
            decisions: Codec::get(r),
            measures: Codec::get(r),
            materials: Codec::get(r),
            next_steps: Codec::get(r),
            stages: Codec::get(r),
            recipients: Codec::get(r),
            references: Codec::get(r),
            consistency: Codec::get(r),
            paths: Codec::get(r),
            risks: Codec::get(r),
            documents: Codec::get(r),
            invariants: Codec::get(r),
        };
        r.in_rest = false;
        rb
    }
}

/// Five fields written in order (a shorthand for [`Rulebook`]'s `put`).
trait PutAll {
    fn put_all(&self, w: &mut Writer);
}

impl<A: Codec, B: Codec, C: Codec, D: Codec, E: Codec> PutAll for (&A, &B, &C, &D, &E) {
    fn put_all(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
        self.3.put(w);
        self.4.put(w);
    }
}

/// Invariants are proved by the CLI and never read by the page: none are
/// written, and a list of them reads as empty.
impl Codec for Vec<Invariant> {
    fn put(&self, w: &mut Writer) {
        0u32.put(w);
    }

    fn get(r: &mut Reader<'_>) -> Self {
        if u32::get(r) != 0 {
            r.fail();
        }
        Vec::new()
    }
}

impl Codec for Condition {
    fn put(&self, w: &mut Writer) {
        match self {
            Condition::Always => w.b.push(0),
            Condition::Is { question, option } => {
                w.b.push(1);
                question.put(w);
                option.put(w);
            }
            Condition::In { question, options } => {
                w.b.push(2);
                question.put(w);
                options.put(w);
            }
            Condition::Answered { question } => {
                w.b.push(3);
                question.put(w);
            }
            Condition::Element { element, statuses } => {
                w.b.push(4);
                element.put(w);
                statuses.put(w);
            }
            Condition::Band { bands } => {
                w.b.push(5);
                bands.put(w);
            }
            Condition::All(cs) => {
                w.b.push(6);
                cs.put(w);
            }
            Condition::Any(cs) => {
                w.b.push(7);
                cs.put(w);
            }
            Condition::Not(c) => {
                w.b.push(8);
                c.put(w);
            }
            Condition::Tier { tiers } => {
                w.b.push(9);
                tiers.put(w);
            }
            Condition::Risk { risk } => {
                w.b.push(10);
                risk.put(w);
            }
            Condition::Plan => w.b.push(11),
        }
    }

    fn get(r: &mut Reader<'_>) -> Self {
        r.depth += 1;
        if r.depth > MAX_DEPTH {
            r.fail();
            return Condition::Always;
        }
        let c = match r.byte() {
            0 => Condition::Always,
            1 => Condition::Is { question: Codec::get(r), option: Codec::get(r) },
            2 => Condition::In { question: Codec::get(r), options: Codec::get(r) },
            3 => Condition::Answered { question: Codec::get(r) },
            4 => Condition::Element { element: Codec::get(r), statuses: Codec::get(r) },
            5 => Condition::Band { bands: Codec::get(r) },
            6 => Condition::All(Codec::get(r)),
            7 => Condition::Any(Codec::get(r)),
            8 => Condition::Not(Box::new(Codec::get(r))),
            9 => Condition::Tier { tiers: Codec::get(r) },
            10 => Condition::Risk { risk: Codec::get(r) },
            11 => Condition::Plan,
            _ => {
                r.fail();
                Condition::Always
            }
        };
        r.depth -= 1;
        c
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    #[test]
    fn the_wording_only_results_show_splits_off_and_comes_back() {
        let mut rb = crate::load("default.toml", crate::DEFAULT_RULEBOOK).unwrap();
        rb.invariants.clear();
        let en = Locale::from_tag("en").unwrap();
        let (base, others, rest) = encode_split_rest(&rb);
        assert!(rest.len() > 100, "{}", rest.len());
        let whole = encode_split(&rb).0.len();
        assert!(base.len() < whole, "{} of {whole}", base.len());
        // Without it: the questions are whole, the results' wording is empty.
        let first = decode_full(&base, None, None).unwrap();
        assert_eq!(first.questions, decode(&encode_split(&rb).0).unwrap().questions);
        assert_eq!(first.tiers[0].title.get(Locale::PRIMARY), "");
        // With it, in either locale, the rulebook is whole again.
        assert_eq!(decode_full(&base, Some((en, &others[en.index() - 1])), Some(&rest)), Some(rb.clone()));
        let primary = decode_full(&base, None, Some(&rest)).unwrap();
        assert_eq!(primary.tiers, decode(&encode_split(&rb).0).unwrap().tiers);
        // A list for another rulebook is refused: one short, one too many.
        assert_eq!(decode_full(&base, None, Some(&rest[1..])), None);
        let mut longer = rest.clone();
        longer.push("x".into());
        assert_eq!(decode_full(&base, None, Some(&longer)), None);
        // A rulebook that keeps everything takes no such list.
        assert_eq!(decode_full(&encode_split(&rb).0, None, Some(&rest)), None);
    }

    #[test]
    fn other_locales_split_off_and_come_back() {
        let mut rb = crate::load("default.toml", crate::DEFAULT_RULEBOOK).unwrap();
        // Invariants stay with the rulebook file: the page never proves anything.
        rb.invariants.clear();
        let en = Locale::from_tag("en").unwrap();
        let (base, others) = encode_split(&rb);
        let english = &others[en.index() - 1];
        assert!(base.len() < encode(&rb).len());
        let primary_only = decode(&base).unwrap();
        assert!(!primary_only.meta.title.has(en));
        assert_eq!(primary_only.meta.title.get(Locale::PRIMARY), rb.meta.title.get(Locale::PRIMARY));
        let packed = pack_locale(english, &["ui".to_owned()]);
        let (back, ui) = unpack_locale(&packed).unwrap();
        assert_eq!(ui, ["ui"]);
        assert_eq!(decode_with(&base, Some((en, &back))), Some(rb));
        // Wording for another rulebook (one string short, or one too many) is refused.
        assert_eq!(decode_with(&base, Some((en, &english[1..]))), None);
        let mut longer = english.clone();
        longer.push("x".into());
        assert_eq!(decode_with(&base, Some((en, &longer))), None);
        assert_eq!(decode_with(&base, Some((Locale::PRIMARY, english))), None);
        assert_ne!(content_name("en", &packed), content_name("en", &pack_locale(&english[1..], &[])));
    }

    #[test]
    fn the_default_rulebook_round_trips() {
        let mut rb = crate::load("default.toml", crate::DEFAULT_RULEBOOK).unwrap();
        assert!(!rb.invariants.is_empty());
        let bytes = encode(&rb);
        // Everything but the invariants, which the page never reads.
        rb.invariants.clear();
        assert_eq!(decode(&bytes), Some(rb));
        // Truncated or extended input is refused, not misread.
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        assert_eq!(decode(b"RCZ1"), None);
        assert_eq!(decode(b"RCZ3"), None);
    }
}
