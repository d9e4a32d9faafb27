//! The rulebook model: plain data, decoded and validated by [`crate::load`].
//!
//! Nothing here evaluates anything; the assessment lives in
//! [`crate::assess`]. Ids are typed so a question id can never be
//! passed where a tier id is expected.

use std::fmt;

use super::text::{Locale, Text};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize), serde(transparent))]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the rulebook.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    )*};
}

id_type! {
    /// Id of a [`Section`].
    SectionId;
    /// Id of a [`Question`].
    QuestionId;
    /// Id of a [`Choice`] within its question.
    OptionId;
    /// Id of a glossary [`Term`].
    TermId;
    /// Id of a [`ScopeRule`].
    ScopeId;
    /// Id of a [`RedLine`].
    RedLineId;
    /// Id of a [`Distinction`].
    DistinctionId;
    /// Id of a [`Track`].
    TrackId;
    /// Id of a constituent [`Element`].
    ElementId;
    /// Id of a score [`Factor`].
    FactorId;
    /// Id of a score [`Band`].
    BandId;
    /// Id of an outcome [`Tier`].
    TierId;
    /// Id of a [`Decision`] row.
    DecisionId;
    /// Id of a correction [`Measure`].
    MeasureId;
    /// Id of a [`Material`] of the checklist.
    MaterialId;
    /// Id of a [`NextStep`].
    NextStepId;
    /// Id of a procedure [`Stage`].
    StageId;
    /// Id of a [`Recipient`] body.
    RecipientId;
    /// Id of a [`Reference`].
    ReferenceId;
    /// Id of a [`Consistency`] check.
    ConsistencyId;
    /// Id of a [`Path`].
    PathId;
    /// Id of a [`Risk`].
    RiskId;
    /// Id of a [`Document`].
    DocumentId;
    /// Id of an [`Invariant`].
    InvariantId;
}

/// A whole rulebook: everything a locality can adapt.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Rulebook {
    pub meta: Meta,
    pub labels: Labels,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub glossary: Vec<Term>,
    pub scope: Vec<ScopeRule>,
    pub red_lines: Vec<RedLine>,
    pub distinctions: Vec<Distinction>,
    pub tracks: Vec<Track>,
    pub elements: Vec<Element>,
    pub score: Score,
    pub factors: Vec<Factor>,
    pub tiers: Vec<Tier>,
    pub outcome: OutcomeConfig,
    pub decisions: Vec<Decision>,
    pub measures: Vec<Measure>,
    pub materials: Vec<Material>,
    pub next_steps: Vec<NextStep>,
    pub stages: Vec<Stage>,
    pub recipients: Vec<Recipient>,
    pub references: Vec<Reference>,
    /// Answers that do not fit together, flagged before the result.
    pub consistency: Vec<Consistency>,
    /// Paths through the self-check with wording and outcomes of their own
    /// (the check before the work); none means one path.
    pub paths: Vec<Path>,
    /// Risk points to address, listed when their condition holds.
    pub risks: Vec<Risk>,
    /// Papers the cadre can draft from the answers and print (a statement,
    /// a prior risk filing form).
    pub documents: Vec<Document>,
    /// What must never happen, proved by `rulebook check` over every answer
    /// combination. Not shipped to the page (it never proves anything).
    pub invariants: Vec<Invariant>,
}

/// Who issued the rulebook and what it is.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Meta {
    pub id: String,
    pub title: Text,
    pub version: String,
    pub issuer: Text,
    /// `YYYY-MM-DD`.
    pub effective: String,
    pub locales: Vec<Locale>,
    /// Shown on the start page: the rulebook is an example, or whose rules it follows.
    pub notice: Text,
    /// The self-assessment has no official force.
    pub disclaimer: Text,
    /// About how many minutes a run takes.
    pub minutes: u32,
    /// About how many questions a typical run asks (0: not stated, the
    /// start page then gives the number of questions). `rulebook test`
    /// checks it against the scenario cases.
    pub questions: u32,
}

/// Wording of the built-in answer kinds.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Labels {
    pub yes: Text,
    pub no: Text,
    pub unsure: Text,
    pub not_provided: Text,
    /// Papers: a date, with `{y}`, `{m}`, `{d}` (`{y} 年 {m} 月 {d} 日`).
    pub date: Text,
    /// Papers: separator of several options named in a sentence (`、`).
    pub list_sep: Text,
    /// Papers: an item of a list, with `{n}` and `{item}` (`（{n}）{item}`).
    pub item: Text,
    /// Papers: a measure of the plan with its date, with `{measure}` and `{date}`.
    pub plan_item: Text,
    /// Papers: a measure of the plan without a date, with `{measure}`.
    pub plan_item_undated: Text,
    /// Papers: a risk point with its control measure, with `{risk}` and `{advice}`.
    pub risk_item: Text,
}

/// A group of questions, shown as one step of the progress indicator.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Section {
    pub id: SectionId,
    pub title: Text,
    pub intro: Option<Text>,
}

/// The kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum QuestionKind {
    /// One option.
    #[default]
    Single,
    /// Any number of options.
    Multi,
    /// Yes, no and, where allowed, not sure; options are built in.
    YesNo,
    /// A calendar date.
    Date,
    /// Free text, only for the user's own description; never evaluated.
    Text,
}

impl QuestionKind {
    /// The rulebook spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Date => "date",
            QuestionKind::Text => "text",
        }
    }

    /// True for the kinds whose answers are option ids.
    pub fn is_choice(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multi | QuestionKind::YesNo)
    }
}

/// One question of the self-check.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Question {
    pub id: QuestionId,
    pub section: SectionId,
    pub kind: QuestionKind,
    pub text: Text,
    pub hint: Option<Text>,
    /// "Why we ask".
    pub why: Text,
    pub terms: Vec<TermId>,
    /// Shown only when this holds (answer conditions on earlier questions).
    pub show_if: Option<Condition>,
    /// For yes/no questions the built-in yes, no and (if allowed) not-sure options.
    pub options: Vec<Choice>,
    /// Whether an answer is needed to continue.
    pub required: bool,
    /// Longest text accepted, for text questions.
    pub max_chars: u32,
    /// Short label used on the review page and in the summary.
    pub short: Text,
    /// Wording of its own on a path.
    pub on: Vec<QuestionWording>,
}

/// A question's wording on one path; what is absent keeps the common wording.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct QuestionWording {
    pub path: PathId,
    pub text: Option<Text>,
    pub hint: Option<Text>,
    pub why: Option<Text>,
    pub short: Option<Text>,
}

/// An option's wording on one path.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChoiceWording {
    pub path: PathId,
    pub label: Option<Text>,
    pub hint: Option<Text>,
}

/// A path through the self-check, taken when its condition holds: its own
/// wording for the questions it asks, and its own outcomes, each tier the
/// stages reach being shown as the tier it maps to.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Path {
    pub id: PathId,
    pub title: Text,
    pub when: Condition,
    /// `(tier reached, tier shown)`; tiers not listed are shown as they are.
    pub tiers: Vec<(TierId, TierId)>,
}

/// A risk point of planned work, tied to the answers that raise it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Risk {
    pub id: RiskId,
    pub when: Condition,
    pub title: Text,
    pub advice: Text,
}

/// A paper drafted from the answers: sections of connected sentences, each
/// sentence written only when its answers are there, edited on the page and
/// printed on A4.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Document {
    pub id: DocumentId,
    pub title: Text,
    /// Shown above the draft on the page (not printed).
    pub intro: Text,
    /// Offered for these tiers (shown tiers).
    pub tiers: Vec<TierId>,
    /// The version for a first talk: printed straight from the result page
    /// ("print for a talk") rather than opened as a paper.
    pub talk: bool,
    /// The papers listed among its attachments (`{materials}` leaves every
    /// other paper out: a statement does not attach the application).
    pub attaches: Vec<DocumentId>,
    pub sections: Vec<DocumentSection>,
}

/// A section of a [`Document`]: an optional heading, a paragraph made of
/// parts, labelled lines to write on, blank lines.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DocumentSection {
    pub heading: Option<Text>,
    /// The paragraph: each part is written when its condition holds and every
    /// answer it names is there; a section left with nothing is not printed.
    pub parts: Vec<DocumentPart>,
    /// Labelled lines printed for handwriting (the addressee, the unit, a
    /// signature, the date): never asked on the page.
    pub fields: Vec<Text>,
    /// Whether the user edits the paragraph on the page (otherwise printed as it is).
    pub editable: bool,
    /// Blank lines printed for handwriting.
    pub lines: u32,
    /// Printed to the right, as a signature block is.
    pub right: bool,
}

/// A sentence (or a few) of a paper's paragraph. Placeholders:
/// `{answer:question_id}`, `{tier}`, `{plan}`, `{risks}`, `{materials}`, `{today}`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DocumentPart {
    /// Written only when this holds (answers, read literally, the tier shown, risk points).
    pub when: Option<Condition>,
    pub text: Text,
}

impl Question {
    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id.0 == id)
    }

    /// The question's wording on a path (its own where it has one, else the common one).
    pub fn on(&self, path: Option<&PathId>) -> QuestionText<'_> {
        let w = path.and_then(|p| self.on.iter().find(|w| &w.path == p));
        QuestionText {
            text: w.and_then(|w| w.text.as_ref()).unwrap_or(&self.text),
            hint: w.and_then(|w| w.hint.as_ref()).or(self.hint.as_ref()),
            why: w.and_then(|w| w.why.as_ref()).unwrap_or(&self.why),
            short: w.and_then(|w| w.short.as_ref()).unwrap_or(&self.short),
        }
    }
}

/// A question's wording as shown on a path.
#[derive(Clone, Copy, Debug)]
pub struct QuestionText<'a> {
    pub text: &'a Text,
    pub hint: Option<&'a Text>,
    pub why: &'a Text,
    pub short: &'a Text,
}

impl Choice {
    /// The option's label on a path.
    pub fn label_on(&self, path: Option<&PathId>) -> &Text {
        path.and_then(|p| self.on.iter().find(|w| &w.path == p)).and_then(|w| w.label.as_ref()).unwrap_or(&self.label)
    }

    /// The option's hint on a path.
    pub fn hint_on(&self, path: Option<&PathId>) -> Option<&Text> {
        path.and_then(|p| self.on.iter().find(|w| &w.path == p)).and_then(|w| w.hint.as_ref()).or(self.hint.as_ref())
    }
}

/// An answer option.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Choice {
    pub id: OptionId,
    pub label: Text,
    pub hint: Option<Text>,
    /// "Not sure": the answer is treated as unknown, never as a guess.
    pub unsure: bool,
    /// For multiple choice: selecting it clears the others ("none of these").
    pub exclusive: bool,
    /// What the cadre can still do to make this the answer (for example
    /// "finish the correction"). Options with an action are offered on the
    /// result page when choosing them would move the outcome.
    pub action: Option<Text>,
    /// Wording of its own on a path.
    pub on: Vec<ChoiceWording>,
}

/// A glossary entry explained in place.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Term {
    pub id: TermId,
    pub term: Text,
    pub definition: Text,
}

/// A condition on answers or, in decision rows, on derived facts.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Condition {
    /// Always true.
    Always,
    /// The answer is this option (for multiple choice: includes it).
    Is { question: QuestionId, option: OptionId },
    /// The answer is one of these options (for multiple choice: includes any).
    In { question: QuestionId, options: Vec<OptionId> },
    /// The question has a concrete answer (not skipped, not "not sure").
    Answered { question: QuestionId },
    /// A constituent element has one of these statuses (decision rows only).
    Element { element: ElementId, statuses: Vec<ElementStatus> },
    /// The score falls in one of these bands (decision rows only).
    Band { bands: Vec<BandId> },
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// The tier shown is one of these (invariants only).
    Tier { tiers: Vec<TierId> },
    /// This risk point is listed, or any is when `None` (decision rows and invariants).
    Risk { risk: Option<RiskId> },
    /// The correction plan is offered with the result (invariants only).
    Plan,
}

impl Condition {
    /// Calls `f` for every question the condition reads, in order.
    pub fn questions<'a>(&'a self, f: &mut impl FnMut(&'a QuestionId)) {
        match self {
            Condition::Is { question, .. } | Condition::In { question, .. } | Condition::Answered { question } => f(question),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.questions(f)),
            Condition::Not(c) => c.questions(f),
            Condition::Always
            | Condition::Element { .. }
            | Condition::Band { .. }
            | Condition::Tier { .. }
            | Condition::Risk { .. }
            | Condition::Plan => {}
        }
    }

    /// True when the condition reads derived facts (elements, bands, risks, the tier or the plan).
    pub fn reads_facts(&self) -> bool {
        match self {
            Condition::Element { .. } | Condition::Band { .. } | Condition::Tier { .. } | Condition::Risk { .. } | Condition::Plan => true,
            Condition::All(cs) | Condition::Any(cs) => cs.iter().any(Condition::reads_facts),
            Condition::Not(c) => c.reads_facts(),
            _ => false,
        }
    }

    /// True when the condition reads answers directly.
    pub fn reads_answers(&self) -> bool {
        let mut any = false;
        self.questions(&mut |_| any = true);
        any
    }
}

/// Status of a constituent element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ElementStatus {
    Met,
    Partly,
    NotMet,
    /// Depends on answers given as "not sure" or not given.
    Unknown,
}

impl ElementStatus {
    /// The statuses a decision row can test; `Unknown` is resolved before decisions run.
    pub const CONCRETE: [ElementStatus; 3] = [ElementStatus::Met, ElementStatus::Partly, ElementStatus::NotMet];

    /// The rulebook spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ElementStatus::Met => "met",
            ElementStatus::Partly => "partly",
            ElementStatus::NotMet => "not_met",
            ElementStatus::Unknown => "unknown",
        }
    }

    /// Parses the rulebook spelling of a concrete status.
    pub fn parse(s: &str) -> Option<ElementStatus> {
        ElementStatus::CONCRETE.into_iter().find(|st| st.as_str() == s)
    }
}

/// A scope check: when it holds, the case is outside the mechanism.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ScopeRule {
    pub id: ScopeId,
    pub when: Condition,
    pub tier: TierId,
    pub reason: Text,
}

/// An item of the negative list: when it holds, tolerance is excluded.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RedLine {
    pub id: RedLineId,
    pub title: Text,
    pub description: Text,
    pub when: Condition,
    pub tier: TierId,
}

/// One of the "three distinctions": a pair of sides the user is placed on.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Distinction {
    pub id: DistinctionId,
    pub title: Text,
    pub tolerable: Text,
    pub intolerable: Text,
    pub tolerable_when: Condition,
    pub intolerable_when: Condition,
    /// The outcome when the user is on the intolerable side.
    pub tier: TierId,
}

/// A task track; the first whose condition holds applies.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Track {
    pub id: TrackId,
    pub title: Text,
    pub description: Text,
    pub when: Condition,
    /// When set, the track decides the outcome (accountability for mandatory tasks).
    pub tier: Option<TierId>,
    pub reason: Text,
    /// Whether the three distinctions apply on this track.
    pub distinctions_apply: bool,
}

/// A constituent element (motive, theoretical support, real circumstances).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Element {
    pub id: ElementId,
    pub title: Text,
    pub description: Text,
    pub counts: Vec<ElementCount>,
    /// Points at which the element is met.
    pub met_at: u32,
    /// Points at which it is partly met.
    pub partly_at: u32,
}

/// Points an element takes from the options of one question.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ElementCount {
    pub question: QuestionId,
    pub points: Vec<(OptionId, u32)>,
    /// Counts only when this holds (always when absent): the hardship that
    /// explains a past mistake, say, is no merit of a plan.
    pub when: Option<Condition>,
}

/// Score settings: the grade scale and the bands.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Score {
    /// The highest grade any option can carry.
    pub grade_max: u32,
    pub bands: Vec<Band>,
}

/// A score band: `from <= score < to` (the top band includes 100).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Band {
    pub id: BandId,
    pub title: Text,
    pub from: u32,
    pub to: u32,
}

/// A weighted score factor graded from one question.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Factor {
    pub id: FactorId,
    pub title: Text,
    pub question: QuestionId,
    /// Weight in percent; all weights sum to 100.
    pub weight: u32,
    pub grades: Vec<(OptionId, u32)>,
    /// Counts only when this holds (always when absent); like a hidden
    /// question, a factor that does not count gives its weight to the others.
    pub when: Option<Condition>,
}

/// The tone of an outcome, used only for presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Tone {
    Favourable,
    #[default]
    Caution,
    Unfavourable,
    Info,
}

impl Tone {
    /// The rulebook spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Favourable => "favourable",
            Tone::Caution => "caution",
            Tone::Unfavourable => "unfavourable",
            Tone::Info => "info",
        }
    }
}

/// An outcome tier: an indication, never a determination.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Tier {
    pub id: TierId,
    pub title: Text,
    pub summary: Text,
    pub tone: Tone,
    pub next_steps: Vec<NextStepId>,
    /// The run stops as soon as this tier is certain (GOV.UK style), with an
    /// offer to go on to the correction plan.
    pub stop_early: bool,
    /// Whether an application for tolerance makes sense: the procedure and
    /// who receives applications are shown.
    pub application: bool,
    /// Whether the correction plan is shown.
    pub correction: bool,
    /// What this outcome means afterwards (appraisal, appointment), if said.
    pub afterwards: Option<Text>,
}

/// Global outcome settings.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OutcomeConfig {
    /// The tier for "not enough information".
    pub unknown_tier: TierId,
    pub unknown_reason: Text,
}

/// A row of the decision table: a grant or a cap. The tier is the most
/// favourable tier granted by a row that holds, limited by every cap that
/// holds; the order of the rows never matters.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Decision {
    pub id: DecisionId,
    pub when: Condition,
    /// The tier granted, or the most favourable tier allowed (a cap).
    pub tier: TierId,
    /// True for a cap, false for a grant.
    pub cap: bool,
    pub reason: Text,
}

/// Something that must never happen (`never`), or must be possible
/// (`reachable`), stated in the condition language (answers, facts, the
/// tier shown, risks, the plan).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Invariant {
    pub id: InvariantId,
    pub condition: Condition,
    /// True when some answers must make the condition hold; false when none may.
    pub reachable: bool,
    pub message: Text,
}

/// A correction measure from the catalogue.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Measure {
    pub id: MeasureId,
    pub title: Text,
    pub description: Text,
    /// When this holds the measure is required, not only suggested.
    pub required_when: Option<Condition>,
    /// Offered only when this holds (always when absent): a measure that
    /// cannot apply to the answers is not listed.
    pub offer_when: Option<Condition>,
}

/// An item of the materials checklist.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Material {
    pub id: MaterialId,
    pub title: Text,
    pub when: Option<Condition>,
    /// Listed only for these tiers (all when empty).
    pub tiers: Vec<TierId>,
    /// The paper this page drafts for it, if any.
    pub document: Option<DocumentId>,
}

/// A next step, listed by the tiers that name it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NextStep {
    pub id: NextStepId,
    pub text: Text,
    /// Listed only when this holds (answers, read literally): the first step
    /// after a red line depends on which one.
    pub when: Option<Condition>,
}

/// A stage of the formal procedure.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Stage {
    pub id: StageId,
    pub title: Text,
    pub description: Text,
}

/// A body that receives applications.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Recipient {
    pub id: RecipientId,
    pub title: Text,
    pub role: Text,
}

/// A pair (or more) of answers that do not fit together: shown on the
/// review page, before the result, with a way to change them.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Consistency {
    pub id: ConsistencyId,
    pub when: Condition,
    pub message: Text,
}

/// A document the rulebook relies on.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Reference {
    pub id: ReferenceId,
    pub title: Text,
    pub note: Text,
}

impl Rulebook {
    /// The path the answers take, if the rulebook has paths and one holds.
    pub fn path_for(&self, answers: &crate::answers::Answers) -> Option<&Path> {
        self.paths.iter().find(|p| crate::condition::holds(&p.when, &|id| answers.get(id)))
    }

    /// The tier shown for a tier reached, on a path.
    pub fn shown_tier(&self, path: Option<&PathId>, tier: &TierId) -> TierId {
        path.and_then(|p| self.paths.iter().find(|x| &x.id == p))
            .and_then(|p| p.tiers.iter().find(|(from, _)| from == tier))
            .map_or_else(|| tier.clone(), |(_, to)| to.clone())
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id.0 == id)
    }

    /// About how many questions a run asks: as the rulebook states it, else all of them.
    pub fn typical_questions(&self) -> u32 {
        if self.meta.questions > 0 { self.meta.questions } else { self.questions.len() as u32 }
    }

    /// The position of the question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id.0 == id)
    }

    /// The tier with this id.
    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id.0 == id)
    }

    /// A tier's rank: its position in the rulebook, most favourable first.
    pub fn rank(&self, id: &TierId) -> usize {
        self.tiers.iter().position(|t| &t.id == id).unwrap_or(usize::MAX)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id.0 == id)
    }

    /// The glossary term with this id.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.glossary.iter().find(|t| t.id.0 == id)
    }

    /// The measure with this id.
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id.0 == id)
    }
}

/// True for a plausible calendar date `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num =
        |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.bytes().all(|c| c.is_ascii_digit()).then(|| x.parse::<u32>().ok()).flatten());
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
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && s.len() <= 64
}

/// Bounds on a rulebook, checked while it is read, so that a file of any size
/// is refused (naming the limit) in time proportional to the limit, never
/// to the file: the page, the loader worker and the prover stay responsive.
pub mod limits {
    /// Entries in any one list (questions, rows, measures, a condition's `all`…).
    pub const LIST: usize = 500;
    /// Options of one question.
    pub const OPTIONS: usize = 50;
    /// Characters in one wording, in any locale.
    pub const TEXT_CHARS: usize = 5_000;
    /// Nesting of conditions (`all`, `any`, `not` inside one another).
    pub const CONDITION_DEPTH: u32 = 12;
}
