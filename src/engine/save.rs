//! The saved-answers file: a small JSON document the user downloads and keeps
//! themselves. The page stores nothing; opening the file restores the state.
//! Opening a file made for another rulebook version keeps what still fits and
//! names what does not; a malformed or foreign file is rejected whole.

use serde::{Deserialize, Serialize};

use super::answers::{Answer, Answers, visible};
use super::model::{MeasureId, OptionId, QuestionId, Rulebook};
use super::reader::is_date;

/// Marks the file as ours, so a foreign JSON file is told apart.
pub const FORMAT: &str = "rongcuo-self-check";
/// The newest file layout this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A chosen correction measure with its target date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    pub measure: MeasureId,
    /// `YYYY-MM-DD`, when set.
    pub date: Option<String>,
}

/// The correction plan, in the order measures were chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan(pub Vec<PlanItem>);

impl Plan {
    /// Whether a measure is chosen.
    pub fn has(&self, m: &str) -> bool {
        self.0.iter().any(|p| p.measure.0 == m)
    }

    /// Chooses or un-chooses a measure.
    pub fn toggle(&mut self, m: &MeasureId, on: bool) {
        self.0.retain(|p| &p.measure != m);
        if on {
            self.0.push(PlanItem { measure: m.clone(), date: None });
        }
    }

    /// Sets a measure's target date (empty clears it).
    pub fn set_date(&mut self, m: &str, date: &str) {
        if let Some(p) = self.0.iter_mut().find(|p| p.measure.0 == m) {
            p.date = is_date(date).then(|| date.to_owned());
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    format_version: u32,
    rulebook: RulebookRef,
    saved: String,
    answers: std::collections::BTreeMap<String, Saved>,
    #[serde(default)]
    plan: Vec<SavedPlan>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulebookRef {
    id: String,
    version: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Saved {
    Choice(String),
    Choices(Vec<String>),
    Date(String),
    Text(String),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedPlan {
    measure: String,
    #[serde(default)]
    date: Option<String>,
}

/// Writes the file for the current answers and plan. `today` is `YYYY-MM-DD`.
pub fn encode(rb: &Rulebook, answers: &Answers, plan: &Plan, today: &str) -> String {
    let file = File {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        rulebook: RulebookRef { id: rb.meta.id.clone(), version: rb.meta.version.clone() },
        saved: today.to_owned(),
        answers: answers
            .0
            .iter()
            .map(|(q, a)| {
                let s = match a {
                    Answer::Choice(o) => Saved::Choice(o.0.clone()),
                    Answer::Choices(os) => Saved::Choices(os.iter().map(|o| o.0.clone()).collect()),
                    Answer::Date(d) => Saved::Date(d.clone()),
                    Answer::Text(t) => Saved::Text(t.clone()),
                };
                (q.0.clone(), s)
            })
            .collect(),
        plan: plan.0.iter().map(|p| SavedPlan { measure: p.measure.0.clone(), date: p.date.clone() }).collect(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Why a file could not be opened at all. The current answers stay untouched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Not JSON at all (or not text).
    NotJson,
    /// JSON, but not a saved self-check.
    Foreign,
    /// A saved self-check from a newer version of this page.
    TooNew { version: u32 },
}

/// Why an answer or plan item from the file was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dropped {
    /// The rulebook has no such question any more.
    NoSuchQuestion(String),
    /// The answer no longer fits the question (an option was removed or changed kind).
    DoesNotFit(QuestionId),
    /// The question is not asked for the other answers given.
    NotAsked(QuestionId),
    /// The measure is not in the catalogue any more.
    NoSuchMeasure(String),
}

/// What opening a file gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    pub answers: Answers,
    pub plan: Plan,
    /// True when the file was made with another rulebook id or version.
    pub other_rulebook: Option<(String, String)>,
    pub dropped: Vec<Dropped>,
    pub saved: String,
}

/// Just enough of a file to tell ours from others: unknown fields are ignored.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    format_version: Option<u64>,
}

/// Reads a saved file against the current rulebook.
pub fn open(rb: &Rulebook, text: &str) -> Result<Opened, OpenError> {
    let header: Header = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof | serde_json::error::Category::Io => OpenError::NotJson,
        serde_json::error::Category::Data => OpenError::Foreign,
    })?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(OpenError::Foreign);
    }
    if let Some(v) = header.format_version
        && v > FORMAT_VERSION as u64
    {
        return Err(OpenError::TooNew { version: v.min(u32::MAX as u64) as u32 });
    }
    let file: File = serde_json::from_str(text).map_err(|_| OpenError::Foreign)?;
    let mut dropped = Vec::new();
    let mut answers = Answers::default();
    for (id, saved) in file.answers {
        let Some(q) = rb.question(&id) else {
            dropped.push(Dropped::NoSuchQuestion(id));
            continue;
        };
        let a = match saved {
            Saved::Choice(o) => Answer::Choice(OptionId(o)),
            Saved::Choices(os) => Answer::Choices(os.into_iter().map(OptionId).collect()),
            Saved::Date(d) => Answer::Date(d),
            Saved::Text(t) => Answer::Text(t),
        };
        if a.fits(q) {
            answers.set(&q.id, a);
        } else {
            dropped.push(Dropped::DoesNotFit(q.id.clone()));
        }
    }
    // Answers to questions that are no longer asked are dropped, and named.
    let shown = visible(rb, &answers);
    for (i, q) in rb.questions.iter().enumerate() {
        if !shown[i] && answers.remove(&q.id.0).is_some() {
            dropped.push(Dropped::NotAsked(q.id.clone()));
        }
    }
    let mut plan = Plan::default();
    for p in file.plan {
        match rb.measure(&p.measure) {
            Some(m) if !plan.has(&m.id.0) => plan.0.push(super::save::PlanItem {
                measure: m.id.clone(),
                date: p.date.filter(|d| is_date(d)),
            }),
            Some(_) => {}
            None => dropped.push(Dropped::NoSuchMeasure(p.measure)),
        }
    }
    let other = (file.rulebook.id != rb.meta.id || file.rulebook.version != rb.meta.version)
        .then_some((file.rulebook.id, file.rulebook.version));
    Ok(Opened { answers, plan, other_rulebook: other, dropped, saved: file.saved })
}
