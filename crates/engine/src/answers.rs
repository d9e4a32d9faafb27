//! The user's answers: plain data, with the checks that an answer fits its question.
//! Which questions the answers make visible is [`crate::condition::visible`].

use super::model::{OptionId, Question, QuestionId, QuestionKind, is_date};

/// One answer. Its variant follows the question's kind.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Answer {
    /// Single choice or yes/no.
    Choice(OptionId),
    /// Multiple choice (possibly none selected).
    Choices(Vec<OptionId>),
    /// `YYYY-MM-DD`.
    Date(String),
    /// The user's own words, kept exactly as typed.
    Text(String),
}

impl Answer {
    /// Convenience for single-choice answers.
    pub fn choice(id: &str) -> Answer {
        Answer::Choice(OptionId(id.to_owned()))
    }

    /// True when this answer fits the question's kind and options.
    pub fn fits(&self, q: &Question) -> bool {
        match (self, q.kind) {
            (Answer::Choice(o), QuestionKind::Single | QuestionKind::YesNo) => q.option(&o.0).is_some(),
            (Answer::Choices(os), QuestionKind::Multi) => {
                os.iter().all(|o| q.option(&o.0).is_some())
                    && os.iter().enumerate().all(|(i, o)| !os[..i].contains(o))
                    && (os.len() <= 1 || !os.iter().any(|o| q.option(&o.0).is_some_and(|c| c.exclusive)))
            }
            (Answer::Date(d), QuestionKind::Date) => is_date(d),
            (Answer::Text(t), QuestionKind::Text) => t.chars().count() <= q.max_chars as usize,
            _ => false,
        }
    }

    /// True when the answer is "not sure" (an option marked unsure).
    pub fn is_unsure(&self, q: &Question) -> bool {
        match self {
            Answer::Choice(o) => q.option(&o.0).is_some_and(|c| c.unsure),
            Answer::Choices(os) => os.iter().any(|o| q.option(&o.0).is_some_and(|c| c.unsure)),
            _ => false,
        }
    }

    /// True for a text answer with nothing but white space, or an empty selection.
    pub fn is_blank(&self) -> bool {
        match self {
            Answer::Text(t) | Answer::Date(t) => t.trim().is_empty(),
            Answer::Choices(os) => os.is_empty(),
            Answer::Choice(_) => false,
        }
    }
}

/// All answers given, sorted by question id (a few dozen at most, so a
/// sorted list serves better than a map, and ships smaller).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers(pub Vec<(QuestionId, Answer)>);

impl Answers {
    fn find(&self, q: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(id, _)| id.0.as_str().cmp(q))
    }

    /// The answer to a question, if any.
    pub fn get(&self, q: &str) -> Option<&Answer> {
        self.find(q).ok().map(|i| &self.0[i].1)
    }

    /// Sets or replaces an answer.
    pub fn set(&mut self, q: &QuestionId, a: Answer) {
        match self.find(&q.0) {
            Ok(i) => self.0[i].1 = a,
            Err(i) => self.0.insert(i, (q.clone(), a)),
        }
    }

    /// Removes an answer.
    pub fn remove(&mut self, q: &str) -> Option<Answer> {
        self.find(q).ok().map(|i| self.0.remove(i).1)
    }

    /// True when nothing has been answered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many questions have an answer.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Every answer, by question id.
    pub fn iter(&self) -> impl Iterator<Item = (&QuestionId, &Answer)> {
        self.0.iter().map(|(q, a)| (q, a))
    }
}

impl std::borrow::Borrow<str> for QuestionId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// The options ticked after ticking (`on`) or unticking option `id` of a
/// multiple-choice question: an exclusive option ("none of these") clears the
/// others, and ticking another clears it. The rulebook's order is kept.
pub fn toggle_choice(q: &Question, current: &[OptionId], id: &OptionId, on: bool) -> Vec<OptionId> {
    let exclusive = |o: &OptionId| q.option(&o.0).is_some_and(|c| c.exclusive);
    if !on {
        return current.iter().filter(|o| *o != id).cloned().collect();
    }
    if exclusive(id) {
        return vec![id.clone()];
    }
    q.options.iter().map(|c| &c.id).filter(|o| *o == id || (current.contains(o) && !exclusive(o))).cloned().collect()
}

/// Answers as a map from question id to answer, for the CLI's JSON outputs
/// (the same shape as the saved-answers file).
#[cfg(feature = "serde")]
impl serde::Serialize for Answers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (q, a) in &self.0 {
            m.serialize_entry(q.as_str(), a)?;
        }
        m.end()
    }
}
