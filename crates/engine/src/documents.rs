//! Papers drafted from the answers ([`crate::model::Document`]): each
//! section's starting text is its template with the placeholders filled in;
//! what the user writes over it is kept in the run ([`Drafts`]) and in the
//! saved file, never anywhere else.

use crate::answers::{Answer, Answers};
use crate::assess::Assessment;
use crate::flow::Plan;
use crate::model::{Document, DocumentId, Question, QuestionId, Rulebook};
use crate::text::{Locale, fill, placeholders};

/// An answer in words, exactly as typed for free text; `sep` joins several choices.
pub fn answer_text(rb: &Rulebook, q: &Question, a: Option<&Answer>, l: Locale, sep: &str) -> String {
    let label = |o: &str| q.option(o).map_or(o.to_owned(), |c| c.label.get(l).to_owned());
    match a {
        None => rb.labels.not_provided.get(l).to_owned(),
        Some(Answer::Choice(o)) => label(&o.0),
        Some(Answer::Choices(os)) if os.is_empty() => rb.labels.not_provided.get(l).to_owned(),
        Some(Answer::Choices(os)) => os.iter().map(|o| label(&o.0)).collect::<Vec<_>>().join(sep),
        Some(Answer::Date(d)) => d.clone(),
        Some(Answer::Text(t)) => t.clone(),
    }
}

/// The user's own text for the sections of one document (`None`: not edited).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub document: DocumentId,
    pub sections: Vec<Option<String>>,
}

/// The drafts of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drafts(pub Vec<Draft>);

impl Drafts {
    /// The user's text of a section, if edited.
    pub fn get(&self, doc: &DocumentId, section: usize) -> Option<&str> {
        self.0.iter().find(|d| &d.document == doc).and_then(|d| d.sections.get(section)).and_then(|s| s.as_deref())
    }

    /// Keeps the user's text of a section.
    pub fn set(&mut self, doc: &DocumentId, section: usize, text: String) {
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

/// Whether a paper's text uses the answer to question `q`.
pub fn reads(d: &Document, q: &QuestionId) -> bool {
    let key = format!("answer:{q}");
    d.sections.iter().any(|s| crate::text::Locale::all().any(|l| s.body.has(l) && placeholders(s.body.get(l)).contains(&key)))
}

/// What fills a document's placeholders.
pub struct Filling<'a> {
    pub rb: &'a Rulebook,
    pub answers: &'a Answers,
    pub assessment: &'a Assessment,
    pub plan: &'a Plan,
    pub today: &'a str,
    pub locale: Locale,
    /// Joins the items of a list (the locale's list separator, or a line break).
    pub sep: &'a str,
    /// Written for a plan item without a date.
    pub no_date: &'a str,
}

/// The starting text of each section of a document, placeholders filled in.
pub fn fill_document(doc: &Document, f: &Filling<'_>) -> Vec<String> {
    doc.sections.iter().map(|s| fill_template(s.body.get(f.locale), f)).collect()
}

/// One template with its placeholders filled in.
pub fn fill_template(template: &str, f: &Filling<'_>) -> String {
    let (rb, l) = (f.rb, f.locale);
    let mut values: Vec<(String, String)> = Vec::new();
    for name in placeholders(template) {
        let value = match name.strip_prefix("answer:") {
            Some(q) => rb.question(q).map(|q| answer_text(rb, q, f.answers.get(&q.id.0), l, f.sep)).unwrap_or_default(),
            None => match name.as_str() {
                "tier" => rb.tier(&f.assessment.tier.0).map(|t| t.title.get(l).to_owned()).unwrap_or_default(),
                "today" => f.today.to_owned(),
                "plan" => {
                    let items: Vec<String> = f
                        .plan
                        .0
                        .iter()
                        .filter_map(|p| rb.measure(&p.measure.0).map(|m| (m, p)))
                        .map(|(m, p)| format!("{}（{}）", m.title.get(l), p.date.as_deref().unwrap_or(f.no_date)))
                        .collect();
                    items.join(f.sep)
                }
                "risks" => {
                    let items: Vec<String> = f
                        .assessment
                        .risks
                        .iter()
                        .filter_map(|id| rb.risks.iter().find(|r| &r.id == id))
                        .map(|r| format!("{}：{}", r.title.get(l), r.advice.get(l)))
                        .collect();
                    items.join(f.sep)
                }
                "materials" => {
                    let items: Vec<&str> = f
                        .assessment
                        .materials
                        .iter()
                        .filter_map(|id| rb.materials.iter().find(|m| &m.id == id))
                        .map(|m| m.title.get(l))
                        .collect();
                    items.join(f.sep)
                }
                _ => String::new(),
            },
        };
        values.push((name, value));
    }
    let args: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    fill(template, &args)
}
