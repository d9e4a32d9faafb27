//! The saved-answers file: a small JSON document the user downloads and keeps
//! themselves. The page stores nothing; opening the file restores the state.
//! Opening a file made for another rulebook version keeps what still fits and
//! names what does not; a malformed or foreign file is rejected whole.

use super::answers::{Answer, Answers};
use super::condition::visible;
use super::documents::Drafts;
use super::flow::{Plan, PlanItem};
use super::json::Json;
use super::model::is_date;
use super::model::{OptionId, QuestionId, Rulebook};

/// Marks the file as ours, so a foreign JSON file is told apart.
pub const FORMAT: &str = "rongcuo-self-check";
/// The newest file layout this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;
/// The largest file the page reads: a file is refused before it is read
/// when it is larger. A typical saved self-check is a few kilobytes; the
/// largest a rulebook allows (every text answer and paper section at its
/// longest) is well under a megabyte.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Writes the file for the current answers and plan. `today` is `YYYY-MM-DD`.
pub fn encode(rb: &Rulebook, answers: &Answers, plan: &Plan, drafts: &Drafts, today: &str) -> String {
    let s = |v: &str| Json::Str(v.to_owned());
    let answers = answers
        .0
        .iter()
        .map(|(q, a)| {
            let v = match a {
                Answer::Choice(o) => ("choice", s(&o.0)),
                Answer::Choices(os) => ("choices", Json::Arr(os.iter().map(|o| s(&o.0)).collect())),
                Answer::Date(d) => ("date", s(d)),
                Answer::Text(t) => ("text", s(t)),
            };
            (q.0.clone(), Json::Obj(vec![(v.0.to_owned(), v.1)]))
        })
        .collect();
    let drafts = drafts
        .0
        .iter()
        .map(|d| {
            let sections = d.sections.iter().map(|t| t.as_deref().map_or(Json::Null, s)).collect();
            (d.document.0.clone(), Json::Arr(sections))
        })
        .collect();
    let plan = plan
        .0
        .iter()
        .map(|p| {
            let mut kv = vec![("measure".to_owned(), s(&p.measure.0))];
            if let Some(d) = &p.date {
                kv.push(("date".to_owned(), s(d)));
            }
            Json::Obj(kv)
        })
        .collect();
    Json::Obj(vec![
        ("format".into(), s(FORMAT)),
        ("format_version".into(), Json::Num(FORMAT_VERSION.to_string())),
        ("rulebook".into(), Json::Obj(vec![("id".into(), s(&rb.meta.id)), ("version".into(), s(&rb.meta.version))])),
        ("saved".into(), s(today)),
        ("answers".into(), Json::Obj(answers)),
        ("plan".into(), Json::Arr(plan)),
        ("drafts".into(), Json::Obj(drafts)),
    ])
    .pretty()
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
    /// Larger than [`MAX_FILE_BYTES`]: not read at all.
    TooLarge,
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
    /// The paper is not in the rulebook any more (its draft is left out).
    NoSuchDocument(String),
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
    pub drafts: Drafts,
}

/// True when an object has only these keys.
fn only(v: &Json, keys: &[&str]) -> bool {
    matches!(v, Json::Obj(kv) if kv.iter().all(|(k, _)| keys.contains(&k.as_str())))
}

/// One saved answer: `{ "choice": … }`, `{ "choices": […] }`, `{ "date": … }` or `{ "text": … }`.
fn read_answer(v: &Json) -> Option<Answer> {
    let Json::Obj(kv) = v else { return None };
    let [(k, v)] = kv.as_slice() else { return None };
    match k.as_str() {
        "choice" => v.as_str().map(|o| Answer::Choice(OptionId(o.to_owned()))),
        "choices" => match v {
            Json::Arr(items) => {
                items.iter().map(|i| i.as_str().map(|o| OptionId(o.to_owned()))).collect::<Option<Vec<_>>>().map(Answer::Choices)
            }
            _ => None,
        },
        "date" => v.as_str().map(|d| Answer::Date(d.to_owned())),
        "text" => v.as_str().map(|t| Answer::Text(t.to_owned())),
        _ => None,
    }
}

/// Reads a saved file against the current rulebook.
pub fn open(rb: &Rulebook, text: &str) -> Result<Opened, OpenError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge);
    }
    // A file saved again by a Windows editor may start with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = Json::parse(text).map_err(|_| OpenError::NotJson)?;
    if file.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(OpenError::Foreign);
    }
    let version = file.get("format_version").and_then(Json::as_u64).ok_or(OpenError::Foreign)?;
    if version > FORMAT_VERSION as u64 {
        return Err(OpenError::TooNew { version: version.min(u32::MAX as u64) as u32 });
    }
    let rulebook = file.get("rulebook").filter(|r| only(r, &["id", "version"]));
    let (Some(id), Some(rb_version)) =
        (rulebook.and_then(|r| r.get("id")).and_then(Json::as_str), rulebook.and_then(|r| r.get("version")).and_then(Json::as_str))
    else {
        return Err(OpenError::Foreign);
    };
    let saved = file.get("saved").and_then(Json::as_str).filter(|d| is_date(d)).ok_or(OpenError::Foreign)?;
    let (Some(Json::Obj(saved_answers)), true) =
        (file.get("answers"), only(&file, &["format", "format_version", "rulebook", "saved", "answers", "plan", "drafts"]))
    else {
        return Err(OpenError::Foreign);
    };
    let saved_plan = match file.get("plan") {
        None => vec![],
        Some(Json::Arr(items)) => items.clone(),
        Some(_) => return Err(OpenError::Foreign),
    };
    let mut dropped = Vec::new();
    let mut answers = Answers::default();
    for (id, value) in saved_answers {
        let a = read_answer(value).ok_or(OpenError::Foreign)?;
        let Some(q) = rb.question(id) else {
            dropped.push(Dropped::NoSuchQuestion(id.clone()));
            continue;
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
    for p in &saved_plan {
        let measure = p.get("measure").and_then(Json::as_str).filter(|_| only(p, &["measure", "date"])).ok_or(OpenError::Foreign)?;
        let date = p.get("date").and_then(Json::as_str).filter(|d| is_date(d)).map(str::to_owned);
        match rb.measure(measure) {
            Some(m) if !plan.has(&m.id.0) => plan.0.push(PlanItem { measure: m.id.clone(), date }),
            Some(_) => {}
            None => dropped.push(Dropped::NoSuchMeasure(measure.to_owned())),
        }
    }
    let mut drafts = Drafts::default();
    match file.get("drafts") {
        None => {}
        Some(Json::Obj(docs)) => {
            for (doc, sections) in docs {
                let Json::Arr(sections) = sections else { return Err(OpenError::Foreign) };
                let Some(d) = rb.documents.iter().find(|d| d.id.as_str() == doc) else {
                    dropped.push(Dropped::NoSuchDocument(doc.clone()));
                    continue;
                };
                for (i, t) in sections.iter().enumerate().take(d.sections.len()) {
                    match t {
                        Json::Null => {}
                        Json::Str(t) => drafts.set(&d.id, i, t.clone()),
                        _ => return Err(OpenError::Foreign),
                    }
                }
            }
        }
        Some(_) => return Err(OpenError::Foreign),
    }
    let other = (id != rb.meta.id || rb_version != rb.meta.version).then(|| (id.to_owned(), rb_version.to_owned()));
    Ok(Opened { answers, plan, other_rulebook: other, dropped, saved: saved.to_owned(), drafts })
}
