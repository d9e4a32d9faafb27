//! The correction plan of a run: the measures the user chose, each with a target date.

use crate::model::{MeasureId, is_date};

/// A chosen correction measure with its target date.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlanItem {
    pub measure: MeasureId,
    /// `YYYY-MM-DD`, when set.
    pub date: Option<String>,
}

/// The correction plan, in the order measures were chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
