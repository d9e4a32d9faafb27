//! A plain-text decision table of a rulebook, for deployers (`rulebook explain`).

use std::fmt::Write;

use rongcuo_engine::Locale;
use rongcuo_engine::messages::{msg, msgf};
use rongcuo_engine::model::{Condition, Rulebook};

fn cond(c: &Condition) -> String {
    match c {
        Condition::Always => "always".into(),
        Condition::Is { question, option } => format!("{question} = {option}"),
        Condition::In { question, options } => {
            format!("{question} ∈ {{{}}}", options.iter().map(|o| o.as_str()).collect::<Vec<_>>().join(", "))
        }
        Condition::Answered { question } => format!("{question} answered"),
        Condition::Element { element, statuses } => {
            format!("{element} ∈ {{{}}}", statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))
        }
        Condition::Band { bands } => format!("band ∈ {{{}}}", bands.iter().map(|b| b.as_str()).collect::<Vec<_>>().join(", ")),
        Condition::All(cs) => format!("({})", cs.iter().map(cond).collect::<Vec<_>>().join(" AND ")),
        Condition::Any(cs) => format!("({})", cs.iter().map(cond).collect::<Vec<_>>().join(" OR ")),
        Condition::Not(c) => format!("NOT {}", cond(c)),
        Condition::Tier { tiers } => format!("tier ∈ {{{}}}", tiers.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")),
        Condition::Risk { risk: Some(r) } => format!("risk {r} listed"),
        Condition::Risk { risk: None } => "any risk listed".into(),
        Condition::Plan => "correction plan offered".into(),
    }
}

/// The rulebook's decision logic, stage by stage, in the order it is applied.
pub fn decision_table(rb: &Rulebook, l: Locale) -> String {
    let h = |key: &str| msg(l, &format!("explain.{key}"));
    let mut s = String::new();
    let _ = writeln!(s, "{} {} ({})\n", rb.meta.title.get(l), rb.meta.version, rb.meta.issuer.get(l));
    let _ = writeln!(s, "{}", h("scope"));
    for r in &rb.scope {
        let _ = writeln!(s, "   {:<24} if {}  →  {}", r.id, cond(&r.when), r.tier);
    }
    let _ = writeln!(s, "\n{}", h("red_lines"));
    for r in &rb.red_lines {
        let _ = writeln!(s, "   {:<24} if {}  →  {}   {}", r.id, cond(&r.when), r.tier, r.title.get(l));
    }
    let _ = writeln!(s, "\n{}", h("tracks"));
    for t in &rb.tracks {
        let to = t.tier.as_ref().map_or_else(|| h("continue").to_owned(), |x| x.to_string());
        let _ = writeln!(s, "   {:<24} if {}  →  {}", t.id, cond(&t.when), to);
    }
    let _ = writeln!(s, "\n{}", h("distinctions"));
    for d in &rb.distinctions {
        let _ = writeln!(
            s,
            "   {:<24} tolerable if {}; intolerable if {}  →  {}",
            d.id,
            cond(&d.tolerable_when),
            cond(&d.intolerable_when),
            d.tier
        );
    }
    let _ = writeln!(s, "\n{}", h("elements"));
    for e in &rb.elements {
        let counts: Vec<String> = e
            .counts
            .iter()
            .map(|c| format!("{} {{{}}}", c.question, c.points.iter().map(|(o, p)| format!("{o}: {p}")).collect::<Vec<_>>().join(", ")))
            .collect();
        let _ = writeln!(s, "   {:<24} met_at {}, partly_at {}; {}", e.id, e.met_at, e.partly_at, counts.join("; "));
    }
    let total: u32 = rb.factors.iter().map(|f| f.weight).sum();
    let _ = writeln!(s, "\n{}", msgf(l, "explain.factors", &[("max", &rb.score.grade_max.to_string()), ("total", &total.to_string())]));
    for f in &rb.factors {
        let grades: Vec<String> = f.grades.iter().map(|(o, g)| format!("{o}: {g}")).collect();
        let _ = writeln!(s, "   {:<24} weight {:>3}  {}  {{{}}}", f.id, f.weight, f.question, grades.join(", "));
    }
    for b in &rb.score.bands {
        let _ = writeln!(s, "   band {:<19} {:>3} ≤ score < {:>3}   {}", b.id, b.from, b.to, b.title.get(l));
    }
    let _ = writeln!(s, "\n{}", h("grants"));
    for d in rb.decisions.iter().filter(|d| !d.cap) {
        let _ = writeln!(s, "   {:<24} if {}  →  {}", d.id, cond(&d.when), d.tier);
    }
    let _ = writeln!(s, "\n{}", h("caps"));
    for d in rb.decisions.iter().filter(|d| d.cap) {
        let _ = writeln!(s, "   {:<24} if {}  →  ≤ {}", d.id, cond(&d.when), d.tier);
    }
    let _ = writeln!(s, "\n{}", msgf(l, "explain.unknown", &[("tier", rb.outcome.unknown_tier.as_str())]));
    let _ = writeln!(s, "\n{}", h("tiers"));
    for t in &rb.tiers {
        let _ = writeln!(s, "   {:<24} {:<13} {}", t.id, t.tone.as_str(), t.title.get(l));
    }
    if !rb.invariants.is_empty() {
        let _ = writeln!(s, "\n{}", h("invariants"));
        for v in &rb.invariants {
            let kind = if v.reachable { "reachable" } else { "never" };
            let _ = writeln!(s, "   {:<24} {kind} {}", v.id, cond(&v.condition));
        }
    }
    s
}
