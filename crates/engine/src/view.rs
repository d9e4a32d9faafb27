//! What a result page shows, worked out once from the assessment: which
//! sections, in which order, with what in them, as the tier's flags and the
//! path say. The page renders each section with a small component and
//! decides nothing; `crates/engine/tests/app.rs` checks the choices natively
//! (`the_result_view_leads_with_what_to_do_and_shows_only_what_applies`).
//!
//! The order leads with what to do: the outcome and its reasons, the next
//! steps (three at first), the plan or the risk points, then the papers and
//! printing; what would change the outcome; then, folded, the materials,
//! what the outcome means afterwards, the procedure and the details.

use crate::assess::{Assessment, Detail, Reason, RuleRef};
use crate::flow::Step;
use crate::model::{Document, NextStep, Question, RedLine, Rulebook, Tier};

/// Next steps shown before the rest are folded.
pub const FIRST_STEPS: usize = 3;

/// A part of the result page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Section {
    /// The tier, its summary and, on an early outcome, the offer to go on.
    Outcome,
    /// The reasons, each with what decided it; the open questions; red lines possibly touched.
    Reasons,
    NextSteps,
    /// The correction plan builder.
    Plan,
    /// Risk points of planned work.
    Risks,
    /// Printing, the talk summary, saving, the papers to draft.
    Papers,
    /// What the cadre can still do that would move the outcome.
    Changes,
    Materials,
    Afterwards,
    /// The procedure and who receives applications.
    Procedure,
    /// Red lines, distinctions, elements, score, all answers, references (folded; open in print).
    Details,
    Disclaimer,
}

/// The result page, section by section.
#[derive(Clone, Debug)]
pub struct ResultView<'a> {
    pub tier: &'a Tier,
    pub early: bool,
    pub sections: Vec<Section>,
    /// The reasons, each with the rule's own wording looked up.
    pub reasons: Vec<ReasonView<'a>>,
    pub unknowns: Vec<&'a Question>,
    pub possible_red_lines: Vec<&'a RedLine>,
    /// The first steps, then the rest (folded).
    pub next_steps: (Vec<&'a NextStep>, Vec<&'a NextStep>),
    /// Papers offered for this tier (position in the rulebook, paper), the talk version apart.
    pub documents: Vec<(usize, &'a Document)>,
    pub talk: Option<(usize, &'a Document)>,
    /// Whether the distinctions and the elements were reached (else "not reached").
    pub distinctions_reached: bool,
    pub elements_reached: bool,
    /// Whether a score is shown (some factor counts).
    pub score: bool,
}

/// A reason: its rule's wording, its details and the questions behind it.
#[derive(Clone, Debug)]
pub struct ReasonView<'a> {
    pub reason: &'a Reason,
    pub key: String,
    /// The rule's wording: its reason, or its title and description.
    pub text: Vec<&'a crate::text::Text>,
    pub details: &'a [Detail],
}

/// What the result page shows for an assessment; `early` for the outcome
/// shown as soon as it is decided.
pub fn result_view<'a>(rb: &'a Rulebook, a: &'a Assessment, step: Step) -> Option<ResultView<'a>> {
    let tier = rb.tier(&a.tier.0)?;
    let early = step == Step::Outcome;
    let before = a.path.is_some() && !tier.correction;
    let mut sections = vec![Section::Outcome, Section::Reasons, Section::NextSteps];
    // The plan is built on the full result; an early outcome offers to go on to it.
    if tier.correction && !early {
        sections.push(Section::Plan);
    }
    if !a.risks.is_empty() && (before || !tier.correction) {
        sections.push(Section::Risks);
    }
    sections.push(Section::Papers);
    if !a.changes.is_empty() && !early {
        sections.push(Section::Changes);
    }
    if !a.materials.is_empty() && !early {
        sections.push(Section::Materials);
    }
    if tier.afterwards.is_some() {
        sections.push(Section::Afterwards);
    }
    if tier.application && !early {
        sections.push(Section::Procedure);
    }
    sections.push(Section::Details);
    sections.push(Section::Disclaimer);

    let reasons =
        a.reasons.iter().map(|r| ReasonView { reason: r, key: r.rule.key(), text: rule_text(rb, &r.rule), details: &r.details }).collect();
    let steps: Vec<&NextStep> = a.next_steps.iter().filter_map(|id| rb.next_steps.iter().find(|n| &n.id == id)).collect();
    let (first, rest) = steps.split_at(steps.len().min(FIRST_STEPS));
    let offered = |d: &&Document| d.tiers.contains(&a.tier);
    Some(ResultView {
        tier,
        early,
        sections,
        reasons,
        unknowns: a.unknowns.iter().filter_map(|q| rb.question(&q.0)).collect(),
        possible_red_lines: a.possible_red_lines.iter().filter_map(|id| rb.red_lines.iter().find(|r| &r.id == id)).collect(),
        next_steps: (first.to_vec(), rest.to_vec()),
        documents: rb.documents.iter().enumerate().filter(|(_, d)| !d.talk && offered(d)).collect(),
        talk: rb.documents.iter().enumerate().find(|(_, d)| d.talk && offered(d)),
        distinctions_reached: a.stage.reached_distinctions(),
        elements_reached: a.stage.reached_decision(),
        score: a.stage.reached_decision() && a.score.counted,
    })
}

/// The wording of the rule behind a reason.
fn rule_text<'a>(rb: &'a Rulebook, rule: &RuleRef) -> Vec<&'a crate::text::Text> {
    match rule {
        RuleRef::Scope(id) => rb.scope.iter().filter(|x| &x.id == id).map(|x| &x.reason).collect(),
        RuleRef::RedLine(id) => rb.red_lines.iter().filter(|x| &x.id == id).flat_map(|x| [&x.title, &x.description]).collect(),
        RuleRef::Track(id) => rb.tracks.iter().filter(|x| &x.id == id).map(|x| &x.reason).collect(),
        RuleRef::Distinction(id) => rb.distinctions.iter().filter(|x| &x.id == id).flat_map(|x| [&x.title, &x.intolerable]).collect(),
        RuleRef::Decision(id) => rb.decisions.iter().filter(|x| &x.id == id).map(|x| &x.reason).collect(),
        RuleRef::Unknown => vec![&rb.outcome.unknown_reason],
    }
}
