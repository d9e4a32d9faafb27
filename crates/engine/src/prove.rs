//! Proving a rulebook's invariants over every answer combination.
//!
//! An invariant says what must never happen (`never`), or what must be
//! possible (`reachable`), in the condition language: answers, element
//! statuses, score bands, risk points, the tier shown and whether the
//! correction plan is offered. Both are one search: for an answer set on
//! which the condition holds. A `never` invariant is broken by one (a
//! counterexample); a `reachable` one needs one (a witness).
//!
//! The answers are every finished run's: each shown question answered with
//! any option, "not sure", or (if optional) nothing; hidden questions
//! unanswered. That space is far too large to walk (about 10^19 for the
//! default rulebook), so the search branches one question at a time and
//! evaluates the condition in three-valued logic over what is settled so
//! far, using the same evaluation as the early outcome: the tier as the set
//! of tiers the open answers could still lead to, the facts as ranges. A
//! branch on which the condition is certainly false is dropped at once.
//! Questions the condition reads are branched on first, so most branches end
//! after a few questions. The work is counted in nodes (each an evaluation)
//! and bounded: a search that would need more than its budget ends with an
//! error naming the invariant, never with a guess.

use crate::answers::{Answer, Answers};
use crate::assess;
use crate::condition::{FactRange, Knowledge, Tri, eval, knowledge_where};
use crate::model::*;

/// Joint readings of the "not sure" answers tried at one node.
const MAX_JOINT: usize = 256;

/// Nodes one invariant may take before its proof is given up as too costly.
pub const DEFAULT_BUDGET: u64 = 2_000_000;

/// What proving one invariant found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A `never` invariant holds, or a `reachable` one was reached.
    Holds,
    /// A `never` invariant is broken by these answers.
    Broken(Answers),
    /// A `reachable` invariant cannot be reached by any answers.
    Unreachable,
    /// The search needed more nodes than its budget.
    Budget,
}

/// One invariant's proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof {
    /// The invariant's id (built-in ones start with `core.`).
    pub id: String,
    /// Where it stands in the rulebook (`None` for a built-in one).
    pub index: Option<usize>,
    pub reachable: bool,
    pub verdict: Verdict,
    /// Nodes the search evaluated.
    pub nodes: u64,
    /// For `Holds` on a `reachable` invariant: the answers that reach it.
    pub witness: Option<Answers>,
}

/// An invariant to prove: the rulebook's own, or one built in.
struct Goal {
    id: String,
    index: Option<usize>,
    condition: Condition,
    reachable: bool,
}

/// The invariants built into the checker, which a rulebook cannot drop:
/// a red line that holds always decides (the tier shown is a red line's
/// tier, unless the case is out of scope), a favourable outcome never
/// lists a risk point still to deal with, and every tier can be reached.
fn core_goals(rb: &Rulebook) -> Vec<Goal> {
    let mut out = Vec::new();
    let shown_as = |t: &TierId| -> Vec<TierId> {
        let mut v = vec![t.clone()];
        for p in &rb.paths {
            if let Some((_, to)) = p.tiers.iter().find(|(from, _)| from == t)
                && !v.contains(to)
            {
                v.push(to.clone());
            }
        }
        v
    };
    if !rb.red_lines.is_empty() {
        let mut tiers: Vec<TierId> = Vec::new();
        for r in &rb.red_lines {
            for t in shown_as(&r.tier) {
                if !tiers.contains(&t) {
                    tiers.push(t);
                }
            }
        }
        for s in &rb.scope {
            for t in shown_as(&s.tier) {
                if !tiers.contains(&t) {
                    tiers.push(t);
                }
            }
        }
        out.push(Goal {
            id: "core.red_line_decides".into(),
            index: None,
            condition: Condition::All(vec![
                Condition::Any(rb.red_lines.iter().map(|r| r.when.clone()).collect()),
                Condition::Not(Box::new(Condition::Tier { tiers })),
            ]),
            reachable: false,
        });
    }
    let favourable: Vec<TierId> = rb.tiers.iter().filter(|t| t.tone == Tone::Favourable).map(|t| t.id.clone()).collect();
    if !rb.risks.is_empty() && !favourable.is_empty() {
        out.push(Goal {
            id: "core.favourable_lists_no_risk".into(),
            index: None,
            condition: Condition::All(vec![Condition::Tier { tiers: favourable }, Condition::Risk { risk: None }]),
            reachable: false,
        });
    }
    for t in &rb.tiers {
        out.push(Goal {
            id: format!("core.reachable.{}", t.id),
            index: None,
            condition: Condition::Tier { tiers: vec![t.id.clone()] },
            reachable: true,
        });
    }
    out
}

/// Proves every invariant of the rulebook, the built-in ones first, each
/// within `budget` nodes.
pub fn prove(rb: &Rulebook, budget: u64) -> Vec<Proof> {
    let mut goals = core_goals(rb);
    goals.extend(rb.invariants.iter().enumerate().map(|(i, v)| Goal {
        id: v.id.0.clone(),
        index: Some(i),
        condition: v.condition.clone(),
        reachable: v.reachable,
    }));
    goals.iter().map(|g| prove_one(rb, g, budget)).collect()
}

fn prove_one(rb: &Rulebook, g: &Goal, budget: u64) -> Proof {
    let mut s = Search::new(rb, &g.condition, budget);
    let found = s.run();
    let verdict = match (found.clone(), s.over, g.reachable) {
        (Some(a), _, false) => Verdict::Broken(a),
        (Some(_), _, true) => Verdict::Holds,
        (None, true, _) => Verdict::Budget,
        (None, false, false) => Verdict::Holds,
        (None, false, true) => Verdict::Unreachable,
    };
    let witness = if g.reachable { found } else { None };
    Proof { id: g.id.clone(), index: g.index, reachable: g.reachable, verdict, nodes: s.nodes, witness }
}

/// The number of finished answer sets, as a power of ten, for the report:
/// every shown question with each of its values, hidden questions counted
/// as if shown (an upper bound).
pub fn answer_space_log10(rb: &Rulebook) -> f64 {
    let read = read_questions(rb);
    rb.questions.iter().enumerate().map(|(i, q)| (domain(q, read[i]).len().max(1) as f64).log10()).sum()
}

/// Which questions any condition, element or factor reads.
fn read_questions(rb: &Rulebook) -> Vec<bool> {
    let mut read = vec![false; rb.questions.len()];
    let mut mark = |c: &Condition| {
        c.questions(&mut |q| {
            if let Some(i) = rb.question_index(&q.0) {
                read[i] = true;
            }
        })
    };
    for q in &rb.questions {
        if let Some(c) = &q.show_if {
            mark(c);
        }
    }
    rb.scope.iter().for_each(|x| mark(&x.when));
    rb.red_lines.iter().for_each(|x| mark(&x.when));
    rb.tracks.iter().for_each(|x| mark(&x.when));
    rb.distinctions.iter().for_each(|x| {
        mark(&x.tolerable_when);
        mark(&x.intolerable_when);
    });
    rb.decisions.iter().for_each(|x| mark(&x.when));
    rb.risks.iter().for_each(|x| mark(&x.when));
    rb.paths.iter().for_each(|x| mark(&x.when));
    rb.invariants.iter().for_each(|x| mark(&x.condition));
    let mut counted: Vec<usize> = Vec::new();
    for e in &rb.elements {
        for c in &e.counts {
            counted.extend(rb.question_index(&c.question.0));
            if let Some(w) = &c.when {
                mark(w);
            }
        }
    }
    for f in &rb.factors {
        counted.extend(rb.question_index(&f.question.0));
        if let Some(w) = &f.when {
            mark(w);
        }
    }
    for i in counted {
        read[i] = true;
    }
    read
}

/// Every value a shown question can take in a finished run; `None` is no
/// answer (only for optional questions). Free text and dates matter only
/// through `answered`, so they take one placeholder value when read.
fn domain(q: &Question, read: bool) -> Vec<Option<Answer>> {
    let mut d: Vec<Option<Answer>> = Vec::new();
    match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => d.extend(q.options.iter().map(|o| Some(Answer::Choice(o.id.clone())))),
        QuestionKind::Multi => {
            let shared: Vec<&Choice> = q.options.iter().filter(|o| !o.exclusive).collect();
            // Every non-empty set of the options that combine (few: a question has a handful).
            for mask in 1u32..(1u32 << shared.len().min(16)) {
                let picked: Vec<OptionId> =
                    shared.iter().enumerate().filter(|(b, _)| mask & (1 << b) != 0).map(|(_, o)| o.id.clone()).collect();
                d.push(Some(Answer::Choices(picked)));
            }
            d.extend(q.options.iter().filter(|o| o.exclusive).map(|o| Some(Answer::Choices(vec![o.id.clone()]))));
        }
        QuestionKind::Date if read => d.push(Some(Answer::Date("2000-01-01".into()))),
        QuestionKind::Text if read => d.push(Some(Answer::Text("…".into()))),
        QuestionKind::Date | QuestionKind::Text => {}
    }
    if !q.required || d.is_empty() {
        d.push(None);
    }
    d
}

/// A depth-first search for answers on which a condition holds.
struct Search<'a> {
    rb: &'a Rulebook,
    cond: &'a Condition,
    /// The questions behind the condition, each after those deciding whether it is shown.
    first: Vec<usize>,
    /// Every question, in the order they are branched on when nothing else decides.
    order: Vec<usize>,
    read: Vec<bool>,
    answers: Answers,
    /// Per question: whether it has been given a value (or found hidden).
    assigned: Vec<bool>,
    nodes: u64,
    budget: u64,
    over: bool,
}

impl<'a> Search<'a> {
    fn new(rb: &'a Rulebook, cond: &'a Condition, budget: u64) -> Search<'a> {
        let n = rb.questions.len();
        // The questions the condition reads come first (each after the
        // questions that decide whether it is shown), then the rest in order.
        let mut first: Vec<usize> = Vec::new();
        cond.questions(&mut |q| {
            if let Some(i) = rb.question_index(&q.0)
                && !first.contains(&i)
            {
                first.push(i);
            }
        });
        let mut order: Vec<usize> = Vec::with_capacity(n);
        fn put(rb: &Rulebook, i: usize, order: &mut Vec<usize>) {
            if order.contains(&i) {
                return;
            }
            if let Some(c) = &rb.questions[i].show_if {
                c.questions(&mut |q| {
                    if let Some(j) = rb.question_index(&q.0)
                        && j < i
                    {
                        put(rb, j, order);
                    }
                });
            }
            order.push(i);
        }
        for &i in &first {
            put(rb, i, &mut order);
        }
        let first = order.clone();
        for i in 0..n {
            put(rb, i, &mut order);
        }
        Search {
            rb,
            cond,
            first,
            order,
            read: read_questions(rb),
            answers: Answers::default(),
            assigned: vec![false; n],
            nodes: 0,
            budget,
            over: false,
        }
    }

    fn run(&mut self) -> Option<Answers> {
        self.step()
    }

    /// Question `i` if it can be branched on now, else the first question
    /// deciding whether it is shown that can.
    fn decider(&self, i: usize) -> usize {
        if self.ready(i) {
            return i;
        }
        let mut dep = None;
        if let Some(c) = &self.rb.questions[i].show_if {
            c.questions(&mut |x| {
                if dep.is_none()
                    && let Some(j) = self.rb.question_index(&x.0)
                    && j < i
                    && !self.assigned[j]
                {
                    dep = Some(j);
                }
            });
        }
        dep.map_or(i, |j| self.decider(j))
    }

    /// Whether every question that decides if question `i` is shown has a value.
    fn ready(&self, i: usize) -> bool {
        let Some(c) = &self.rb.questions[i].show_if else { return true };
        let mut ready = true;
        c.questions(&mut |x| {
            if self.rb.question_index(&x.0).is_none_or(|j| !self.assigned[j]) {
                ready = false;
            }
        });
        ready
    }

    fn step(&mut self) -> Option<Answers> {
        if self.over {
            return None;
        }
        self.nodes += 1;
        if self.nodes > self.budget {
            self.over = true;
            return None;
        }
        // Settle the questions now known to be hidden (in rulebook order, a
        // question's visibility depends only on earlier ones). Visibility
        // reads the answers as given ("not sure" included), as the page does.
        let visible = crate::condition::visible(self.rb, &self.answers);
        let mut hidden: Vec<usize> = Vec::new();
        for (i, shown) in visible.into_iter().enumerate() {
            if !self.assigned[i] && !shown && self.ready(i) {
                self.assigned[i] = true;
                hidden.push(i);
            }
        }
        let found = self.branch();
        for i in hidden {
            self.assigned[i] = false;
        }
        found
    }

    fn branch(&mut self) -> Option<Answers> {
        if self.assigned.iter().all(|a| *a) {
            // Every question has its value: a finished run.
            return (self.leaf() == Tri::Yes).then(|| self.answers.clone());
        }
        let (v, doubts) = self.node();
        if v == Tri::No {
            return None;
        }
        // Branch first on what the condition reads, then on what the tier
        // still depends on, then on the rest in order.
        // A question not yet known to be shown brings forward what decides that.
        let next = self.first.iter().chain(&doubts).chain(&self.order).find(|i| !self.assigned[**i]).map(|&i| self.decider(i));
        let i = next?;
        let q = &self.rb.questions[i];
        let id = q.id.clone();
        for value in domain(q, self.read[i]) {
            match &value {
                Some(a) => self.answers.set(&id, a.clone()),
                None => {
                    self.answers.remove(&id.0);
                }
            }
            self.assigned[i] = true;
            let found = self.step();
            self.assigned[i] = false;
            self.answers.remove(&id.0);
            if found.is_some() || self.over {
                return found;
            }
        }
        None
    }

    /// The condition over what is settled so far, in three-valued logic, and
    /// the questions the tier still depends on.
    fn node(&self) -> (Tri, Vec<usize>) {
        let k = knowledge_where(self.rb, &self.answers, &|i| self.assigned[i]);
        let (mut facts, mut reached, doubts) = assess::fact_range_and_tiers(self.rb, &k);
        let undecided = reached.len() > 1;
        if undecided {
            // "Not sure" answers leave the tier undecided unless every way they
            // could be meant leads to the same tier: a tier is possible only if
            // each of those ways can still reach it. Tried jointly while there
            // are few ways, each answer alone beyond that.
            let unsure: Vec<(QuestionId, Vec<Answer>)> = k
                .unsure
                .iter()
                .filter_map(|(id, _)| {
                    self.rb.question_index(&id.0).filter(|i| self.read[*i]).map(|i| (id.clone(), resolutions(&self.rb.questions[i])))
                })
                .collect();
            let ways: usize = unsure
                .iter()
                .map(|(_, r)| r.len())
                .try_fold(1usize, |n, m| n.checked_mul(m).filter(|n| *n <= MAX_JOINT))
                .unwrap_or(usize::MAX);
            let mut a = self.answers.clone();
            let keep = |a: &Answers, reached: &mut Vec<TierId>| {
                let kr = knowledge_where(self.rb, a, &|j| self.assigned[j]);
                let (_, s, _) = assess::fact_range_and_tiers(self.rb, &kr);
                reached.retain(|t| s.contains(t));
            };
            if ways <= MAX_JOINT {
                for w in 0..ways {
                    let mut rest = w;
                    for (id, rs) in &unsure {
                        a.set(id, rs[rest % rs.len()].clone());
                        rest /= rs.len();
                    }
                    keep(&a, &mut reached);
                    if reached.is_empty() {
                        break;
                    }
                }
            } else {
                for (id, rs) in &unsure {
                    let before = a.get(&id.0).cloned();
                    for r in rs {
                        a.set(id, r.clone());
                        keep(&a, &mut reached);
                    }
                    if let Some(b) = before {
                        a.set(id, b);
                    }
                    if reached.is_empty() {
                        break;
                    }
                }
            }
        }
        shown_facts(self.rb, &k, &mut facts, &reached, undecided);
        // Answers are read literally ("not sure" is an answer), the rest as ranges.
        let lit = k.literal(self.rb);
        let v = eval(self.rb, self.cond, &lit, Some(&facts));
        // Branch next on what can still change the condition: the questions
        // behind its atoms that are not settled yet, the tier's doubts for a tier atom.
        let doubts: Vec<usize> = doubts.iter().filter_map(|q| self.rb.question_index(&q.0)).collect();
        let mut next = Vec::new();
        if v == Tri::Maybe {
            self.pending(self.cond, &lit, &facts, &mut next);
        }
        next.extend(doubts);
        (v, next)
    }

    /// The questions behind the atoms of `c` that may or may not hold (the
    /// tier's own doubts come after these).
    fn pending(&self, c: &Condition, k: &Knowledge, facts: &FactRange<'_>, out: &mut Vec<usize>) {
        if eval(self.rb, c, k, Some(facts)) != Tri::Maybe {
            return;
        }
        match c {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|x| self.pending(x, k, facts, out)),
            Condition::Not(x) => self.pending(x, k, facts, out),
            Condition::Tier { .. } | Condition::Plan => {}
            _ => behind_all(self.rb, c, out),
        }
    }

    /// The condition on a finished run: the tier and facts as the result shows them.
    fn leaf(&self) -> Tri {
        let k = knowledge_where(self.rb, &self.answers, &|_| true);
        let tier = assess::final_tier(self.rb, &self.answers);
        let (mut facts, _, _) = assess::fact_range_and_tiers(self.rb, &k);
        set_shown(self.rb, &mut facts, vec![tier]);
        match eval(self.rb, self.cond, &k.literal(self.rb), Some(&facts)) {
            // A finished run's facts may still be ranges ("not sure" answers):
            // only what certainly holds counts.
            Tri::Yes => Tri::Yes,
            _ => Tri::No,
        }
    }
}

/// The tiers that may be shown, from the tiers the stages may reach: each
/// as itself or as a path whose condition may hold maps it; and the
/// rulebook's not-enough-information tier while the tier is undecided.
fn shown_facts<'r>(rb: &'r Rulebook, k: &Knowledge, facts: &mut FactRange<'r>, reached: &[TierId], undecided: bool) {
    let paths: Vec<(&Path, Tri)> = rb.paths.iter().map(|p| (p, eval(rb, &p.when, k, None))).collect();
    let mut tiers: Vec<TierId> = reached.to_vec();
    if undecided {
        tiers.push(rb.outcome.unknown_tier.clone());
    }
    let mut out: Vec<TierId> = Vec::new();
    for t in &tiers {
        let mut none_sure = true;
        for (p, v) in &paths {
            if *v != Tri::No {
                out.push(rb.shown_tier(Some(&p.id), t));
            }
            if *v == Tri::Yes {
                none_sure = false;
                break;
            }
        }
        if none_sure {
            out.push(t.clone());
        }
    }
    set_shown(rb, facts, out);
}

/// Puts the tiers that may be shown, and whether the plan may be offered, into the facts.
fn set_shown<'r>(rb: &'r Rulebook, facts: &mut FactRange<'r>, shown: Vec<TierId>) {
    let tiers: Vec<&'r Tier> = rb.tiers.iter().filter(|t| shown.contains(&t.id)).collect();
    facts.plan = if !tiers.is_empty() && tiers.iter().all(|t| t.correction) {
        Tri::Yes
    } else if tiers.iter().any(|t| t.correction) {
        Tri::Maybe
    } else {
        Tri::No
    };
    facts.tiers = Some(tiers.iter().map(|t| &t.id).collect());
}

/// The concrete answers a "not sure" answer could stand for.
fn resolutions(q: &Question) -> Vec<Answer> {
    domain(q, true).into_iter().flatten().filter(|a| !a.is_unsure(q)).collect()
}

/// Every question behind a condition: those it reads, and those behind
/// the elements, score bands and risk points it reads.
fn behind_all(rb: &Rulebook, c: &Condition, out: &mut Vec<usize>) {
    let add = |q: &QuestionId, out: &mut Vec<usize>| {
        if let Some(i) = rb.question_index(&q.0)
            && !out.contains(&i)
        {
            out.push(i);
        }
    };
    match c {
        Condition::Element { element, .. } => {
            for e in rb.elements.iter().filter(|e| &e.id == element) {
                for n in &e.counts {
                    add(&n.question, out);
                }
            }
        }
        Condition::Band { .. } => {
            for f in &rb.factors {
                add(&f.question, out);
            }
        }
        Condition::Risk { risk } => {
            for r in rb.risks.iter().filter(|r| risk.as_ref().is_none_or(|x| x == &r.id)) {
                behind_all(rb, &r.when, out);
            }
        }
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| behind_all(rb, c, out)),
        Condition::Not(c) => behind_all(rb, c, out),
        _ => c.questions(&mut |q| add(q, out)),
    }
}

/// A counterexample as a scenario case, ready to paste into a cases file:
/// the answers, and the tier and reasons the rulebook gives them now.
pub fn as_case(rb: &Rulebook, id: &str, answers: &Answers) -> String {
    let a = assess::assess(rb, answers);
    let mut out = String::new();
    out.push_str("[[cases]]\n");
    out.push_str(&format!("id = \"{id}\"\n"));
    out.push_str(&format!("tier = \"{}\"\n", a.tier));
    let keys: Vec<String> = a.reasons.iter().map(|r| format!("\"{}\"", r.rule.key())).collect();
    out.push_str(&format!("decisive = [{}]\n", keys.join(", ")));
    out.push_str("[cases.answers]\n");
    for q in &rb.questions {
        let Some(v) = answers.get(&q.id.0) else { continue };
        let value = match v {
            Answer::Choice(o) => format!("\"{o}\""),
            Answer::Choices(os) => format!("[{}]", os.iter().map(|o| format!("\"{o}\"")).collect::<Vec<_>>().join(", ")),
            Answer::Date(d) => d.clone(),
            Answer::Text(t) => format!("{t:?}"),
        };
        out.push_str(&format!("{} = {value}\n", q.id));
    }
    out
}
