//! Papers drafted from the answers ([`crate::model::Document`]): each
//! section's paragraph is made of the rulebook's parts, a part written only
//! when its condition holds and every answer it names is there, so a paper
//! reads as connected sentences with no blanks, no placeholders and no label
//! of a question not asked. What the user writes over a paragraph is kept in
//! the run ([`Drafts`]) and in the saved file, never anywhere else.

use crate::answers::{Answer, Answers};
use crate::assess::Assessment;
use crate::condition::{FactRange, Tri, eval, knowledge};
use crate::flow::Plan;
use crate::model::{Document, DocumentId, DocumentSection, PathId, Question, QuestionId, Rulebook};
use crate::text::{Locale, fill, placeholders};

/// An answer in words, exactly as typed for free text; `sep` joins several
/// choices. Options are worded as on `path`.
pub fn answer_text(rb: &Rulebook, q: &Question, a: Option<&Answer>, l: Locale, sep: &str, path: Option<&PathId>) -> String {
    let label = |o: &str| q.option(o).map_or(o.to_owned(), |c| c.label_on(path).get(l).to_owned());
    match a {
        None => rb.labels.not_provided.get(l).to_owned(),
        Some(Answer::Choice(o)) => label(&o.0),
        Some(Answer::Choices(os)) if os.is_empty() => rb.labels.not_provided.get(l).to_owned(),
        Some(Answer::Choices(os)) => os.iter().map(|o| label(&o.0)).collect::<Vec<_>>().join(sep),
        Some(Answer::Date(d)) => d.clone(),
        Some(Answer::Text(t)) => t.clone(),
    }
}

/// A `YYYY-MM-DD` date as a paper writes it (the rulebook's `labels.date`).
pub fn date_text(rb: &Rulebook, date: &str, l: Locale) -> String {
    if !crate::model::is_date(date) {
        return date.to_owned();
    }
    let (y, mm, dd) = (&date[0..4], &date[5..7], &date[8..10]);
    let (m, d) = (mm.trim_start_matches('0'), dd.trim_start_matches('0'));
    fill(rb.labels.date.get(l), &[("y", y), ("m", m), ("d", d), ("mm", mm), ("dd", dd)])
}

/// The user's own text for the sections of one document (`None`: not edited).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub document: DocumentId,
    pub sections: Vec<Option<String>>,
}

/// The longest text a section of a paper keeps (the page's text box says so too).
pub const MAX_DRAFT_CHARS: usize = 20_000;

/// The drafts of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drafts(pub Vec<Draft>);

impl Drafts {
    /// The user's text of a section, if edited.
    pub fn get(&self, doc: &DocumentId, section: usize) -> Option<&str> {
        self.0.iter().find(|d| &d.document == doc).and_then(|d| d.sections.get(section)).and_then(|s| s.as_deref())
    }

    /// Keeps the user's text of a section (at most [`MAX_DRAFT_CHARS`] of it).
    pub fn set(&mut self, doc: &DocumentId, section: usize, mut text: String) {
        if let Some((cut, _)) = text.char_indices().nth(MAX_DRAFT_CHARS) {
            text.truncate(cut);
        }
        let i = match self.0.iter().position(|d| &d.document == doc) {
            Some(i) => i,
            None => {
                self.0.push(Draft { document: doc.clone(), sections: Vec::new() });
                self.0.len() - 1
            }
        };
        let d = &mut self.0[i];
        if d.sections.len() <= section {
            d.sections.resize(section + 1, None);
        }
        d.sections[section] = Some(text);
    }
}

/// Whether a paper's text uses the answer to question `q`, in a sentence or in a condition.
pub fn reads(d: &Document, q: &QuestionId) -> bool {
    d.sections.iter().flat_map(|s| &s.parts).any(|p| {
        part_reads(p, q)
            || p.when.as_ref().is_some_and(|c| {
                let mut f = false;
                c.questions(&mut |x| f |= x == q);
                f
            })
    })
}

/// Whether a part's sentence names the answer to question `q`.
pub fn part_reads(p: &crate::model::DocumentPart, q: &QuestionId) -> bool {
    let key = format!("answer:{q}");
    Locale::all().any(|l| p.text.has(l) && placeholders(p.text.get(l)).contains(&key))
}

/// What fills a paper.
pub struct Filling<'a> {
    pub rb: &'a Rulebook,
    pub answers: &'a Answers,
    pub assessment: &'a Assessment,
    pub plan: &'a Plan,
    /// `YYYY-MM-DD`.
    pub today: &'a str,
    pub locale: Locale,
    /// The path the answers take (its wording of the options).
    pub path: Option<&'a PathId>,
    /// The paper being filled (which papers it attaches); set by [`fill_document`].
    pub doc: Option<&'a Document>,
}

/// A section of a paper, filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filled {
    /// The section's position in the rulebook (for the user's drafts).
    pub index: usize,
    pub heading: Option<String>,
    /// The paragraph (lines apart where a list goes on); empty when the section has only lines to write on.
    pub text: String,
    pub fields: Vec<String>,
    pub editable: bool,
    pub lines: u32,
    pub right: bool,
}

/// The sections of a paper that have something to say, filled in from the
/// answers. A section whose parts are all left out, and that has no lines
/// to write on, is left out too.
pub fn fill_document(doc: &Document, f: &Filling<'_>) -> Vec<Filled> {
    let f = &Filling { doc: Some(doc), ..*f };
    let rb = f.rb;
    let l = f.locale;
    let k = knowledge(rb, f.answers, rb.questions.len()).literal(rb);
    let facts = FactRange {
        risks: f.assessment.risks.iter().map(|r| (r, Tri::Yes)).collect(),
        tiers: Some(vec![&f.assessment.tier]),
        plan: Tri::No,
        ..FactRange::default()
    };
    let mut out = Vec::new();
    for (index, s) in doc.sections.iter().enumerate() {
        let text = paragraph(s, f, &|c| eval(rb, c, &k, Some(&facts)) == Tri::Yes);
        if text.is_empty() && s.fields.is_empty() && s.lines == 0 {
            continue;
        }
        out.push(Filled {
            index,
            heading: s.heading.as_ref().map(|h| h.get(l).to_owned()),
            text,
            fields: s.fields.iter().map(|t| t.get(l).to_owned()).collect(),
            editable: s.editable,
            lines: s.lines,
            right: s.right,
        });
    }
    out
}

/// A section's paragraph: its parts that hold and whose placeholders all
/// have a value, joined. Latin sentences are set apart by a space, CJK ones not.
fn paragraph(s: &DocumentSection, f: &Filling<'_>, holds: &dyn Fn(&crate::model::Condition) -> bool) -> String {
    let mut out = String::new();
    for p in &s.parts {
        if p.when.as_ref().is_some_and(|c| !holds(c)) {
            continue;
        }
        let Some(text) = fill_part(p.text.get(f.locale), f) else { continue };
        if text.is_empty() {
            continue;
        }
        let latin_end = out.chars().last().is_some_and(|c| c.is_ascii_punctuation() || c.is_ascii_alphanumeric());
        if latin_end && !text.starts_with(['\n', ' ']) {
            out.push(' ');
        }
        out.push_str(&text);
    }
    out.trim().to_owned()
}

/// One part with its placeholders filled in; `None` when one of them has no value.
fn fill_part(template: &str, f: &Filling<'_>) -> Option<String> {
    let (rb, l) = (f.rb, f.locale);
    let item = |n: usize, s: &str| fill(rb.labels.item.get(l), &[("n", &n.to_string()), ("item", s)]);
    let mut values: Vec<(String, String)> = Vec::new();
    for name in placeholders(template) {
        let value = match name.strip_prefix("answer:") {
            Some(q) => {
                let q = rb.question(q)?;
                match f.answers.get(&q.id.0) {
                    None => String::new(),
                    Some(a) if a.is_blank() || a.is_unsure(q) => String::new(),
                    Some(Answer::Date(d)) => date_text(rb, d, l),
                    Some(Answer::Text(t)) => t.trim().to_owned(),
                    Some(a) => answer_text(rb, q, Some(a), l, rb.labels.list_sep.get(l), f.path),
                }
            }
            None => match name.as_str() {
                "tier" => rb.tier(&f.assessment.tier.0).map(|t| t.title.get(l).to_owned()).unwrap_or_default(),
                "today" => date_text(rb, f.today, l),
                "plan" => {
                    let mut lines = Vec::new();
                    for p in &f.plan.0 {
                        let Some(m) = rb.measure(&p.measure.0) else { continue };
                        let line = match p.date.as_deref() {
                            Some(d) => fill(rb.labels.plan_item.get(l), &[("measure", m.title.get(l)), ("date", &date_text(rb, d, l))]),
                            None => fill(rb.labels.plan_item_undated.get(l), &[("measure", m.title.get(l))]),
                        };
                        lines.push(item(lines.len() + 1, &line));
                    }
                    lines.join("\n")
                }
                "risks" => {
                    let mut lines = Vec::new();
                    for r in f.assessment.risks.iter().filter_map(|id| rb.risks.iter().find(|r| &r.id == id)) {
                        let line = fill(rb.labels.risk_item.get(l), &[("risk", r.title.get(l)), ("advice", r.advice.get(l))]);
                        lines.push(item(lines.len() + 1, &line));
                    }
                    lines.join("\n")
                }
                "materials" => {
                    let mut lines = Vec::new();
                    // Papers are attached only where the paper says so.
                    let attached =
                        |m: &crate::model::Material| m.document.as_ref().is_none_or(|d| f.doc.is_some_and(|doc| doc.attaches.contains(d)));
                    for m in
                        f.assessment.materials.iter().filter_map(|id| rb.materials.iter().find(|m| &m.id == id)).filter(|m| attached(m))
                    {
                        lines.push(item(lines.len() + 1, m.title.get(l)));
                    }
                    lines.join("\n")
                }
                _ => return None,
            },
        };
        if value.is_empty() {
            return None;
        }
        values.push((name, value));
    }
    let args: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Some(fill(template, &args))
}
