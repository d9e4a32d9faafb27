//! A plain-text decision table of a rulebook, for deployers (`rulebook explain`).

use std::fmt::Write;

use super::model::{Condition, Rulebook};
use super::text::Locale;

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
    }
}

/// The rulebook's decision logic, stage by stage, in the order it is applied.
pub fn decision_table(rb: &Rulebook, l: Locale) -> String {
    let zh = l == Locale::ZhCn;
    let h = |zh_: &str, en: &str| if zh { zh_.to_owned() } else { en.to_owned() };
    let mut s = String::new();
    let _ = writeln!(s, "{} {} ({})\n", rb.meta.title.get(l), rb.meta.version, rb.meta.issuer.get(l));
    let _ = writeln!(s, "{}", h("1. 适用范围（符合即得出结果）", "1. Scope (first match decides)"));
    for r in &rb.scope {
        let _ = writeln!(s, "   {:<24} if {}  →  {}", r.id, cond(&r.when), r.tier);
    }
    let _ = writeln!(s, "\n{}", h("2. 负面清单（任一符合即排除，优先于评分）", "2. Red lines (any match excludes, overriding the score)"));
    for r in &rb.red_lines {
        let _ = writeln!(s, "   {:<24} if {}  →  {}   {}", r.id, cond(&r.when), r.tier, r.title.get(l));
    }
    let _ = writeln!(s, "\n{}", h("3. 双轨（取第一个符合的）", "3. Task tracks (first match)"));
    for t in &rb.tracks {
        let to = t.tier.as_ref().map_or_else(|| h("继续判断", "continue"), |x| x.to_string());
        let _ = writeln!(s, "   {:<24} if {}  →  {}", t.id, cond(&t.when), to);
    }
    let _ = writeln!(s, "\n{}", h("4. 三个区分开来（不可容一边即排除）", "4. The three distinctions (intolerable side excludes)"));
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
    let _ = writeln!(
        s,
        "\n{}",
        h("5. 构成要件（met ≥ met_at，partly ≥ partly_at）", "5. Constituent elements (met ≥ met_at, partly ≥ partly_at)")
    );
    for e in &rb.elements {
        let counts: Vec<String> = e
            .counts
            .iter()
            .map(|c| format!("{} {{{}}}", c.question, c.points.iter().map(|(o, p)| format!("{o}: {p}")).collect::<Vec<_>>().join(", ")))
            .collect();
        let _ = writeln!(s, "   {:<24} met_at {}, partly_at {}; {}", e.id, e.met_at, e.partly_at, counts.join("; "));
    }
    let total: u32 = rb.factors.iter().map(|f| f.weight).sum();
    let _ = writeln!(
        s,
        "\n{}",
        h(
            &format!("6. 评分因素（等级 0–{}，权重合计 {total}）", rb.score.grade_max),
            &format!("6. Score factors (grades 0–{}, weights total {total})", rb.score.grade_max)
        )
    );
    for f in &rb.factors {
        let grades: Vec<String> = f.grades.iter().map(|(o, g)| format!("{o}: {g}")).collect();
        let _ = writeln!(s, "   {:<24} weight {:>3}  {}  {{{}}}", f.id, f.weight, f.question, grades.join(", "));
    }
    for b in &rb.score.bands {
        let _ = writeln!(s, "   band {:<19} {:>3} ≤ score < {:>3}   {}", b.id, b.from, b.to, b.title.get(l));
    }
    let _ = writeln!(s, "\n{}", h("7. 决策表（取第一个符合的）", "7. Decision table (first match)"));
    for d in &rb.decisions {
        let _ = writeln!(s, "   {:<24} if {}  →  {}", d.id, cond(&d.when), d.tier);
    }
    let _ = writeln!(
        s,
        "\n{}",
        h(
            &format!("“不确定”答案会影响结果时  →  {}", rb.outcome.unknown_tier),
            &format!("When \"not sure\" answers could change the result  →  {}", rb.outcome.unknown_tier)
        )
    );
    let _ = writeln!(s, "\n{}", h("结果等级", "Tiers"));
    for t in &rb.tiers {
        let _ = writeln!(s, "   {:<24} {:<13} {}", t.id, t.tone.as_str(), t.title.get(l));
    }
    s
}
