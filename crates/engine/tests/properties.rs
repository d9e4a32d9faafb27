#![cfg(not(target_arch = "wasm32"))]
//! Properties of the engine on the default rulebook, over generated inputs:
//! the assessment is total and deterministic, the score is monotone in the
//! factor grades, saved files round-trip, and loading never panics.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config as ProptestConfig;

use rongcuo_engine::condition::visible;
use rongcuo_engine::flow::Plan;
use rongcuo_engine::model::{MeasureId, OptionId, Question, QuestionId, QuestionKind, Rulebook};
use rongcuo_engine::save::{self, Dropped};
use rongcuo_engine::{self as engine, Answer, Answers, DEFAULT_RULEBOOK, ErrorKind, assess, is_date};

static RB: LazyLock<Rulebook> = LazyLock::new(|| match engine::load(engine::DEFAULT_RULEBOOK_FILE, engine::DEFAULT_RULEBOOK) {
    Ok(rb) => rb,
    Err(e) => panic!("the default rulebook must load: {e:#?}"),
});

/// The answers of the default scenario cases, as realistic starting points.
static CASE_ANSWERS: LazyLock<Vec<Answers>> = LazyLock::new(|| {
    let src = include_str!("../../../rulebooks/default.cases.toml");
    match rongcuo_engine::cases::load_cases("rulebooks/default.cases.toml", src, &RB) {
        Ok(cases) => cases.into_iter().map(|c| c.answers).collect(),
        Err(e) => panic!("the default cases must load: {e:#?}"),
    }
});

/// 256 cases per property in the test suite; `FUZZ_CASES=N` runs a longer
/// fuzzing session. A failing input is kept under `tests/properties.proptest-regressions`
/// and replayed first from then on.
fn config() -> ProptestConfig {
    ProptestConfig { cases: std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), ..ProptestConfig::default() }
}

// ------------------------------------------------------------------ strategies

/// Pieces of awkward text: control characters, emoji, RTL, markup, quotes.
const ODD: &[&str] = &[
    "a",
    "Z",
    "0",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\0",
    "\u{7}",
    "\u{1b}[31m",
    "\u{7f}",
    "😀",
    "👩‍👩‍👧",
    "🇨🇳",
    "\u{202e}",
    "\u{200f}",
    "\u{200b}",
    "مرحبا",
    "שלום",
    "容错",
    "纠错",
    "\"",
    "'",
    "\\",
    "{",
    "}",
    "[",
    "]",
    "=",
    "#",
    "<script>",
    "&amp;",
    "\u{feff}",
    "\u{fffd}",
    "𝕏",
    "e\u{301}",
    "null",
    "yes",
    "unsure",
];

fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(ODD), 0..40).prop_map(|v| v.concat()),
        2 => any::<String>(),
        1 => prop::sample::select(vec![3999usize, 4000, 4001, 99_999, 100_000, 100_001])
            .prop_map(|n| "長".repeat(n)),
    ]
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (1900u32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (0u32..10000, 0u32..20, 0u32..40).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        odd_text(),
    ]
}

fn invented_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{1,12}",
        odd_text(),
        prop::sample::select(vec!["yes", "no", "unsure", "none", "after", "public", ""]).prop_map(String::from),
    ]
}

/// An option id: one of the question's own, one of another question's, or invented.
#[derive(Clone, Debug)]
enum OptSel {
    Own(Index),
    Other(Index, Index),
    Invented(String),
}

fn opt_sel() -> impl Strategy<Value = OptSel> {
    prop_oneof![
        6 => any::<Index>().prop_map(OptSel::Own),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(q, o)| OptSel::Other(q, o)),
        1 => invented_id().prop_map(OptSel::Invented),
    ]
}

/// An answer: usually of the question's own kind, sometimes of any kind.
#[derive(Clone, Debug)]
enum AnswerSpec {
    Fitting {
        one: OptSel,
        many: Vec<OptSel>,
        date: String,
        text: String,
    },
    Choice(OptSel),
    Choices(Vec<OptSel>),
    Date(String),
    Text(String),
    /// A fitting answer that is never "not sure".
    Concrete(Index, Vec<bool>),
}

fn answer_spec() -> impl Strategy<Value = AnswerSpec> {
    prop_oneof![
        6 => (opt_sel(), prop::collection::vec(opt_sel(), 0..4), date_text(), odd_text())
            .prop_map(|(one, many, date, text)| AnswerSpec::Fitting { one, many, date, text }),
        1 => opt_sel().prop_map(AnswerSpec::Choice),
        1 => prop::collection::vec(opt_sel(), 0..6).prop_map(AnswerSpec::Choices),
        1 => date_text().prop_map(AnswerSpec::Date),
        1 => odd_text().prop_map(AnswerSpec::Text),
    ]
}

/// A question: a real one (by position, modulo the count), or an id the rulebook does not have.
#[derive(Clone, Debug)]
enum QSel {
    Known(usize),
    Unknown(String),
}

/// A starting point (nothing, or a scenario case's answers) and answers set on top of it.
type Spec = (Option<Index>, Vec<(QSel, AnswerSpec)>);

fn answers_spec() -> impl Strategy<Value = Spec> {
    let q = prop_oneof![
        8 => any::<usize>().prop_map(QSel::Known),
        1 => invented_id().prop_map(QSel::Unknown),
    ];
    prop_oneof![
        3 => changes().prop_map(|c| (None, c)),
        1 => (any::<Index>(), prop::collection::vec((q, answer_spec()), 0..4)).prop_map(|(i, c)| (Some(i), c)),
    ]
}

/// Either a random handful of answers, or an answer to every question (then a few extra).
fn changes() -> impl Strategy<Value = Vec<(QSel, AnswerSpec)>> {
    let q = prop_oneof![
        8 => any::<usize>().prop_map(QSel::Known),
        1 => invented_id().prop_map(QSel::Unknown),
    ];
    let n = RB.questions.len();
    let concrete = (any::<Index>(), prop::collection::vec(any::<bool>(), 6)).prop_map(|(i, b)| AnswerSpec::Concrete(i, b));
    prop_oneof![
        prop::collection::vec((q.clone(), answer_spec()), 0..40),
        (prop::collection::vec(answer_spec(), n..=n), prop::collection::vec((q.clone(), answer_spec()), 0..4))
            .prop_map(|(every, extra)| every.into_iter().enumerate().map(|(i, a)| (QSel::Known(i), a)).chain(extra).collect()),
        // Every question answered concretely, then a few answers replaced by anything.
        (prop::collection::vec(concrete, n..=n), prop::collection::vec((q, answer_spec()), 0..3)).prop_map(|(every, extra)| every
            .into_iter()
            .enumerate()
            .map(|(i, a)| (QSel::Known(i), a))
            .chain(extra)
            .collect()),
    ]
}

fn option_id(rb: &Rulebook, q: &Question, sel: &OptSel) -> OptionId {
    match sel {
        OptSel::Own(i) if !q.options.is_empty() => q.options[i.index(q.options.len())].id.clone(),
        OptSel::Own(_) => OptionId("none".into()),
        OptSel::Other(qi, oi) => {
            let other = &rb.questions[qi.index(rb.questions.len())];
            if other.options.is_empty() { OptionId("yes".into()) } else { other.options[oi.index(other.options.len())].id.clone() }
        }
        OptSel::Invented(s) => OptionId(s.clone()),
    }
}

fn build(rb: &Rulebook, (base, spec): &Spec) -> Answers {
    let mut out = base.map(|i| i.get(&CASE_ANSWERS).clone()).unwrap_or_default();
    for (qs, a) in spec {
        let (id, q) = match qs {
            QSel::Known(i) => {
                let q = &rb.questions[i % rb.questions.len()];
                (q.id.clone(), q)
            }
            // Answers to unknown questions use the first question's options.
            QSel::Unknown(s) => (QuestionId(s.clone()), &rb.questions[0]),
        };
        let answer = match a {
            AnswerSpec::Fitting { one, many, date, text } => match q.kind {
                QuestionKind::Single | QuestionKind::YesNo => Answer::Choice(option_id(rb, q, one)),
                QuestionKind::Multi => Answer::Choices(many.iter().map(|s| option_id(rb, q, s)).collect()),
                QuestionKind::Date => Answer::Date(date.clone()),
                QuestionKind::Text => Answer::Text(text.clone()),
            },
            AnswerSpec::Choice(s) => Answer::Choice(option_id(rb, q, s)),
            AnswerSpec::Choices(ss) => Answer::Choices(ss.iter().map(|s| option_id(rb, q, s)).collect()),
            AnswerSpec::Date(d) => Answer::Date(d.clone()),
            AnswerSpec::Text(t) => Answer::Text(t.clone()),
            AnswerSpec::Concrete(pick, bits) => concrete_answer(q, *pick, bits),
        };
        out.set(&id, answer);
    }
    out
}

/// A fitting, concrete (never "not sure") answer to `q`, chosen by `pick` and `bits`.
fn concrete_answer(q: &Question, pick: Index, bits: &[bool]) -> Answer {
    let concrete: Vec<_> = q.options.iter().filter(|o| !o.unsure).collect();
    match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => Answer::Choice(concrete[pick.index(concrete.len())].id.clone()),
        QuestionKind::Multi => {
            let shared: Vec<OptionId> =
                concrete.iter().filter(|o| !o.exclusive).zip(bits.iter().cycle()).filter(|(_, b)| **b).map(|(o, _)| o.id.clone()).collect();
            if shared.is_empty() { Answer::Choices(vec![concrete[pick.index(concrete.len())].id.clone()]) } else { Answer::Choices(shared) }
        }
        QuestionKind::Date => Answer::Date("2026-09-15".into()),
        QuestionKind::Text => Answer::Text("经过".into()),
    }
}

/// A mutation of the rulebook text.
#[derive(Clone, Debug)]
enum Mutation {
    /// Deletes up to `n` bytes at a position (taken modulo the length, moved back to a character boundary).
    Delete(usize, usize),
    /// Repeats up to `n` bytes at a position.
    Duplicate(usize, usize),
    /// Inserts a character at a position.
    Insert(usize, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ch = prop_oneof![
        prop::sample::select(vec!['"', '\'', '[', ']', '{', '}', '=', '.', ',', '#', '\n', ' ', '\\', 'x', '0', '容', '😀', '\0']),
        any::<char>(),
    ];
    prop_oneof![
        (any::<usize>(), 1usize..200).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 1usize..400).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<usize>(), ch).prop_map(|(i, c)| Mutation::Insert(i, c)),
    ]
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(src: &str, m: &Mutation) -> String {
    let at = |i: &usize| floor_boundary(src, i % (src.len() + 1));
    match m {
        Mutation::Delete(i, n) => {
            let a = at(i);
            let b = floor_boundary(src, a + n);
            format!("{}{}", &src[..a], &src[b..])
        }
        Mutation::Duplicate(i, n) => {
            let a = at(i);
            let b = floor_boundary(src, a + n);
            format!("{}{}{}", &src[..b], &src[a..b], &src[b..])
        }
        Mutation::Insert(i, c) => {
            let a = at(i);
            format!("{}{c}{}", &src[..a], &src[a..])
        }
    }
}

/// What `save::open` should keep: answers to known questions that fit and are shown.
fn expected_after_open(rb: &Rulebook, given: &Answers) -> Answers {
    let mut kept = Answers::default();
    for (id, a) in &given.0 {
        if let Some(q) = rb.question(id.as_str())
            && a.fits(q)
        {
            kept.set(&q.id, a.clone());
        }
    }
    let shown = visible(rb, &kept);
    for (i, q) in rb.questions.iter().enumerate() {
        if !shown[i] {
            kept.remove(q.id.as_str());
        }
    }
    kept
}

// ------------------------------------------------------------------ properties

proptest! {
    #![proptest_config(config())]

    /// (a) and (b): never panics, and gives exactly one tier of the rulebook with its reasons.
    #[test]
    fn assess_is_total(spec in answers_spec()) {
        let rb = &*RB;
        let answers = build(rb, &spec);
        let a = assess(rb, &answers);
        prop_assert!(rb.tier(a.tier.as_str()).is_some(), "tier {} is not in the rulebook", a.tier);
        prop_assert_eq!(rb.tiers.iter().filter(|t| t.id == a.tier).count(), 1);
        prop_assert!(!a.reasons.is_empty(), "no reasons for tier {}", a.tier);
        prop_assert_eq!(a.score.factors.len(), rb.factors.len());
        prop_assert_eq!(a.elements.len(), rb.elements.len());
        prop_assert_eq!(a.distinctions.len(), rb.distinctions.len());
        prop_assert!(a.score.milli <= 100_000 && a.score.milli <= a.score.best_milli, "{:?}", a.score);
        prop_assert!(a.score.best_milli <= 100_000, "{:?}", a.score);
        // Not enough information (shown as the path's own tier on a path): the reason says so.
        if a.stage == engine::assess::Stage::Unknown {
            prop_assert!(a.reasons.iter().any(|r| r.rule.key() == "unknown"), "{:?}", a.reasons);
        }
        let tier = rb.tier(a.tier.as_str()).expect("checked above");
        // The tier's next steps, in order, less those whose condition does not hold.
        let mut rest = tier.next_steps.iter();
        prop_assert!(a.next_steps.iter().all(|n| rest.any(|t| t == n)), "{:?} not in {:?}", a.next_steps, tier.next_steps);
        for n in tier.next_steps.iter().filter(|n| !a.next_steps.contains(n)) {
            prop_assert!(rb.next_steps.iter().find(|x| &x.id == n).is_some_and(|x| x.when.is_some()), "{} left out", n);
        }
        // Every answer to a question the rulebook lacks is reported.
        for (id, _) in answers.iter() {
            if rb.question(id.as_str()).is_none() {
                let issue = engine::assess::AnswerIssue::UnknownQuestion(id.as_str().to_owned());
                prop_assert!(a.issues.contains(&issue), "{:?}", a.issues);
            }
        }
    }

    /// (c): answers to questions that are not shown for the other answers
    /// never change the result: only their being reported as ignored.
    #[test]
    fn answers_to_hidden_questions_change_nothing_but_the_issues(spec in answers_spec(), extra in answers_spec()) {
        let rb = &*RB;
        let base = build(rb, &spec);
        let shown = visible(rb, &base);
        let mut with_hidden = base.clone();
        for (id, a) in build(rb, &extra).iter() {
            if rb.question_index(id.as_str()).is_some_and(|i| !shown[i]) && base.get(id.as_str()).is_none() {
                with_hidden.set(id, a.clone());
            }
        }
        let (mut a, mut b) = (assess(rb, &base), assess(rb, &with_hidden));
        a.issues.clear();
        b.issues.clear();
        prop_assert_eq!(a, b);
    }

    /// (e): a tier decided early, or with "not sure" answers, is the tier of
    /// every concrete completion: the answers still to come and the unsure
    /// ones (but those a risk point reads, which count as given) are filled
    /// in at random (16 completions per case) and assessed as finished runs.
    #[test]
    fn an_early_or_unsure_tier_holds_for_every_completion(
        base in prop::option::of(any::<Index>()),
        picks in prop::collection::vec(any::<Index>(), RB.questions.len()),
        bits in prop::collection::vec(any::<bool>(), 8),
        unsure in prop::collection::vec(prop::bool::weighted(0.15), RB.questions.len()),
        next in any::<Index>(),
        fills in prop::collection::vec((prop::collection::vec(any::<Index>(), RB.questions.len()), prop::collection::vec(any::<bool>(), 8)), 16),
    ) {
        let rb = &*RB;
        let next = next.index(rb.questions.len() + 1);
        // A run up to `next`: a case's answers or random ones, some "not sure".
        let full = match base {
            Some(b) => b.get(&CASE_ANSWERS).clone(),
            None => {
                let mut a = Answers::default();
                for (i, q) in rb.questions.iter().enumerate() {
                    a.set(&q.id, concrete_answer(q, picks[i], &bits));
                }
                a
            }
        };
        let mut partial = Answers::default();
        for (i, q) in rb.questions.iter().enumerate().take(next) {
            let unsure_option = q.options.iter().find(|o| o.unsure);
            match (unsure[i], unsure_option, full.get(q.id.as_str())) {
                (true, Some(o), _) if q.kind != QuestionKind::Multi => partial.set(&q.id, Answer::Choice(o.id.clone())),
                (true, Some(o), _) => partial.set(&q.id, Answer::Choices(vec![o.id.clone()])),
                (_, _, Some(a)) => partial.set(&q.id, a.clone()),
                _ => {}
            }
        }
        let early = engine::assess::assess_at(rb, &partial, next);
        prop_assume!(early.stage != engine::assess::Stage::Unknown);
        for (fill, fbits) in &fills {
            let mut done = partial.clone();
            for (i, q) in rb.questions.iter().enumerate() {
                // A "not sure" that a risk point reads is an answer of its own
                // (it raises the risk), so it stays; any other is filled in.
                let unsure_open = partial.get(q.id.as_str()).is_some_and(|a| a.is_unsure(q)) && !read_by_risks(rb, &q.id);
                let open = i >= next || unsure_open || (q.required && partial.get(q.id.as_str()).is_none());
                if open && q.kind.is_choice() {
                    done.set(&q.id, concrete_answer(q, fill[i], fbits));
                }
            }
            let later = assess(rb, &done);
            prop_assert_eq!(&later.tier, &early.tier, "decided {} at {} with {:?}, but {:?} gives {}", early.tier, next, partial, done, later.tier);
        }
    }

    /// (d): raising one factor's answer to an option with a higher grade never lowers the score.
    #[test]
    fn score_is_monotone_in_factor_grades(
        picks in prop::collection::vec(any::<Index>(), RB.questions.len()),
        bits in prop::collection::vec(any::<bool>(), 8),
        present in prop::collection::vec(prop::bool::weighted(0.8), RB.questions.len()),
        factor in any::<Index>(),
        lower in any::<Index>(),
        raise in any::<Index>(),
    ) {
        let rb = &*RB;
        // Every factor question has a concrete answer; other questions mostly too.
        let mut answers = Answers::default();
        for (i, q) in rb.questions.iter().enumerate() {
            let is_factor = rb.factors.iter().any(|f| f.question == q.id);
            if is_factor || present[i] {
                answers.set(&q.id, concrete_answer(q, picks[i], &bits));
            }
        }
        // One factor moves from an option to one with a higher grade.
        let f = &rb.factors[factor.index(rb.factors.len())];
        let q = rb.question(f.question.as_str()).expect("factor question");
        let grade_of = |o: &OptionId| f.grades.iter().find(|(id, _)| id == o).map(|(_, g)| *g);
        let graded: Vec<(&OptionId, u32)> = q
            .options
            .iter()
            .filter(|o| !o.unsure)
            .map(|o| (&o.id, grade_of(&o.id).expect("every concrete option is graded")))
            .collect();
        let top = graded.iter().map(|(_, g)| *g).max().expect("options");
        let lows: Vec<&(&OptionId, u32)> = graded.iter().filter(|(_, g)| *g < top).collect();
        prop_assert!(!lows.is_empty(), "factor {} has a single grade", f.id);
        let (current, g) = *lows[lower.index(lows.len())];
        let higher: Vec<&OptionId> = graded.iter().filter(|(_, h)| *h > g).map(|(o, _)| *o).collect();
        let better = higher[raise.index(higher.len())];
        answers.set(&q.id, Answer::Choice(current.clone()));

        let before = assess(rb, &answers);
        let mut raised = answers.clone();
        raised.set(&q.id, Answer::Choice(better.clone()));
        let after = assess(rb, &raised);
        prop_assert!(
            after.score.milli >= before.score.milli,
            "{}: {} → {} lowered the score {} → {}",
            f.id, current, better, before.score.milli, after.score.milli
        );
        let applies = before.score.factors.iter().find(|r| r.id == f.id).expect("factor result").applies;
        if applies {
            prop_assert!(after.score.milli > before.score.milli, "{}: a higher grade must raise the score", f.id);
        } else {
            prop_assert_eq!(after.score.milli, before.score.milli);
        }
    }

    /// (e): encode then open keeps every answer that fits (and is shown) and the plan.
    #[test]
    fn save_round_trips(
        spec in answers_spec(),
        plan_picks in prop::collection::vec((any::<Index>(), prop::option::of(date_text())), 0..8),
        fake_measure in prop::option::of("[a-z_]{1,10}"),
        today in date_text(),
        drafts in prop::collection::vec((any::<Index>(), any::<Index>(), odd_text()), 0..4),
    ) {
        let rb = &*RB;
        let answers = build(rb, &spec);
        let mut plan = Plan::default();
        for (m, date) in &plan_picks {
            let id = rb.measures[m.index(rb.measures.len())].id.clone();
            plan.toggle(&id, true);
            if let Some(d) = date {
                plan.set_date(id.as_str(), d);
            }
        }
        let mut with_fake = plan.clone();
        let fake = fake_measure.filter(|f| rb.measure(f).is_none());
        if let Some(f) = &fake {
            with_fake.toggle(&MeasureId(f.clone()), true);
        }

        let mut written = engine::documents::Drafts::default();
        if !rb.documents.is_empty() {
            for (d, sec, text) in &drafts {
                let doc = &rb.documents[d.index(rb.documents.len())];
                written.set(&doc.id, sec.index(doc.sections.len()), text.clone());
            }
        }
        let text = save::encode(rb, &answers, &with_fake, &written, &today);
        // A file whose date is not a date is refused whole (it is shown to the user).
        if !is_date(&today) {
            prop_assert_eq!(save::open(rb, &text), Err(save::OpenError::Foreign));
            return Ok(());
        }
        let opened = match save::open(rb, &text) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(format!("{e:?} opening {text}"))),
        };
        prop_assert_eq!(&opened.drafts, &written);
        let expected = expected_after_open(rb, &answers);
        prop_assert_eq!(&opened.answers, &expected);
        prop_assert_eq!(&opened.plan, &plan);
        prop_assert_eq!(&opened.saved, &today);
        prop_assert_eq!(&opened.other_rulebook, &None);
        // Whatever was left out is named, once.
        let dropped_questions = opened.dropped.iter().filter(|d| !matches!(d, Dropped::NoSuchMeasure(_))).count();
        prop_assert_eq!(dropped_questions, answers.len() - expected.len());
        prop_assert_eq!(
            opened.dropped.iter().filter(|d| matches!(d, Dropped::NoSuchMeasure(_))).count(),
            usize::from(fake.is_some())
        );
        for p in &opened.plan.0 {
            prop_assert!(p.date.as_deref().is_none_or(is_date));
        }
        // Saving what was opened and opening it again changes nothing.
        let text2 = save::encode(rb, &opened.answers, &opened.plan, &opened.drafts, &today);
        let reopened = save::open(rb, &text2).expect("a file we wrote opens");
        prop_assert_eq!(&reopened.answers, &opened.answers);
        prop_assert_eq!(&reopened.plan, &opened.plan);
        prop_assert!(reopened.dropped.is_empty(), "{:?}", reopened.dropped);
    }

    /// (f): loading never panics on a mangled rulebook; syntax errors carry a line.
    #[test]
    fn load_never_panics_on_mutations(mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut src = DEFAULT_RULEBOOK.to_owned();
        for m in &mutations {
            src = apply(&src, m);
        }
        let lines = src.matches('\n').count() as u32 + 1;
        match engine::load("mutated.toml", &src) {
            Ok(rb) => {
                // A rulebook that loads is assessable: total on the empty answer set.
                let a = assess(&rb, &Answers::default());
                prop_assert!(rb.tier(a.tier.as_str()).is_some());
                prop_assert!(!a.reasons.is_empty());
            }
            Err(errs) => {
                prop_assert!(!errs.is_empty());
                for e in &errs {
                    prop_assert_eq!(e.file.as_str(), "mutated.toml");
                    if matches!(e.kind, ErrorKind::Syntax { .. }) {
                        prop_assert!(e.line.is_some(), "a syntax error without a line: {:?}", e);
                    }
                    if let Some(l) = e.line {
                        prop_assert!(l >= 1 && l <= lines, "line {} outside 1..={}: {:?}", l, lines, e);
                    }
                    let msg = e.message(engine::Locale::from_tag("en").unwrap());
                    prop_assert!(msg.starts_with("mutated.toml"), "{}", msg);
                }
            }
        }
    }

    /// (g): the page's small sort orders like the standard stable sort, ties kept in place.
    #[test]
    fn small_sort_is_the_stable_sort(v in prop::collection::vec((0u8..4, any::<u16>()), 0..12)) {
        let mut mine = v.clone();
        rongcuo_engine::text::sort_small(&mut mine, |a, b| a.0 > b.0);
        let mut std_sorted = v;
        std_sorted.sort_by_key(|x| x.0);
        prop_assert_eq!(mine, std_sorted);
    }
}

/// The monotonicity property is not vacuous: every factor has options of different grades.
#[test]
fn every_factor_has_a_higher_grade_to_move_to() {
    for f in &RB.factors {
        let grades: Vec<u32> = f.grades.iter().map(|(_, g)| *g).collect();
        let (lo, hi) = (grades.iter().min(), grades.iter().max());
        assert!(lo < hi, "factor {} has a single grade", f.id);
    }
}

/// The mutation helper keeps text valid UTF-8 and really changes it.
#[test]
fn mutations_change_the_text() {
    let src = "ab容c";
    assert_eq!(apply(src, &Mutation::Delete(0, 1)), "b容c");
    assert_eq!(apply(src, &Mutation::Insert(2, 'x')), "abx容c");
    assert_eq!(apply(src, &Mutation::Insert(src.len() + 1, 'x')), "xab容c");
    // Position 3 is inside `容`, so it moves back to the start of the character.
    assert_eq!(apply(src, &Mutation::Delete(3, 3)), "abc");
    assert_eq!(apply(src, &Mutation::Duplicate(0, 2)), "abab容c");
    assert_eq!(apply(src, &Mutation::Duplicate(1, 4)), "ab容b容c");
}

/// Arbitrary JSON values, for the saved-file codec.
fn json_value() -> impl Strategy<Value = rongcuo_engine::json::Json> {
    use rongcuo_engine::json::Json;
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(|n| Json::Num(n.to_string())),
        any::<String>().prop_map(Json::Str),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Arr),
            prop::collection::vec((any::<String>(), inner), 0..6).prop_map(Json::Obj),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    /// The saved-file reader never panics, whatever bytes a user opens.
    #[test]
    fn json_reader_is_total(text in any::<String>()) {
        let _ = rongcuo_engine::json::Json::parse(&text);
        let rb = &*RB;
        let _ = save::open(rb, &text);
    }

    /// Whatever the writer writes, the reader reads back the same value.
    #[test]
    fn json_round_trips(v in json_value()) {
        let text = v.pretty();
        prop_assert_eq!(rongcuo_engine::json::Json::parse(&text), Ok(v));
    }
}

/// Whether a risk point's condition reads this question.
fn read_by_risks(rb: &Rulebook, q: &QuestionId) -> bool {
    let mut found = false;
    for r in &rb.risks {
        r.when.questions(&mut |x| found |= x == q);
    }
    found
}

/// Bytes behind the compact form's magic, so that the decoder reads them
/// (without it every input is refused at the first four bytes).
fn framed(bytes: &[u8]) -> Vec<u8> {
    let mut framed = rongcuo_engine::compact::MAGIC.to_vec();
    framed.extend_from_slice(bytes);
    framed
}

/// The framing reaches the decoder: a real rulebook's body behind it decodes.
#[test]
fn framed_bytes_reach_the_decoder() {
    let body = &COMPACT[rongcuo_engine::compact::MAGIC.len()..];
    assert!(rongcuo_engine::compact::decode(&framed(body)).is_some());
    // And a property over framed bytes would catch a decoder that panics
    // past the magic: a stand-in that panics on any second byte fails it.
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let panicky = |b: &[u8]| {
        let mut r = b.strip_prefix(rongcuo_engine::compact::MAGIC.as_slice()).unwrap_or(&[]).iter();
        let _ = r.next();
        assert!(r.next().is_none(), "the stand-in decoder panics on a second byte");
    };
    let result = runner.run(&prop::collection::vec(any::<u8>(), 0..64), |bytes| {
        panicky(&framed(&bytes));
        Ok(())
    });
    assert!(result.is_err(), "the property did not reach the stand-in decoder");
}

/// The default rulebook in compact form, as the page receives it.
static COMPACT: LazyLock<Vec<u8>> = LazyLock::new(|| rongcuo_engine::compact::encode(&RB));

proptest! {
    #![proptest_config(config())]

    /// The compact decoder never panics, whatever bytes it is given.
    #[test]
    fn compact_decoder_is_total(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = rongcuo_engine::compact::decode(&bytes);
        let _ = rongcuo_engine::compact::unpack_locale(&bytes);
        let _ = rongcuo_engine::compact::decode(&framed(&bytes));
    }

    /// Nor on a real rulebook with a byte changed and the rest cut at any point.
    #[test]
    fn compact_decoder_survives_damage(at in any::<Index>(), byte in any::<u8>(), cut in any::<Index>()) {
        let mut b = COMPACT.clone();
        let i = at.index(b.len());
        b[i] = byte;
        let _ = rongcuo_engine::compact::decode(&b);
        b.truncate(cut.index(b.len()));
        prop_assert!(rongcuo_engine::compact::decode(&b).is_none() || b.len() == COMPACT.len());
    }
}
