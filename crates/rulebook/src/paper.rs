//! The blank paper form: the whole questionnaire as a static, printable HTML
//! page with tick boxes, "why we ask" notes and what is needed to work out the
//! result by hand. It needs no JavaScript, so it is also the way out for people
//! who distrust all software or whose browser cannot run the widget.
//!
//! Generated from the rulebook by `rulebook blank-form` into
//! `assets/blank-form.html`; a test keeps that file in step with the rulebook.
//! Every word of the form comes from the rulebook or the `paper` section of
//! the message tables.

use std::fmt::Write;

use rongcuo_engine::messages::msg;
use rongcuo_engine::model::{Condition, ElementStatus, QuestionKind, Rulebook};
use rongcuo_engine::{Locale, fill};

// The site header with the quick exit: the same markup as the page's (one
// function for every page that has a header).
#[path = "../../../src/markup.rs"]
#[allow(dead_code)]
mod markup;

/// A string of the `paper` table.
fn p(l: Locale, key: &str) -> &'static str {
    msg(l, &format!("paper.{key}"))
}

pub use markup::escape;

/// The colon of the locale's punctuation.
pub fn colon(l: Locale) -> &'static str {
    p(l, "colon")
}

/// A condition in words, for "answer only if …".
pub fn describe(rb: &Rulebook, cond: &Condition, l: Locale) -> String {
    let c = colon(l);
    let short = |q: &str| rb.question(q).map_or(q.to_owned(), |q| q.short.get(l).to_owned());
    let label = |q: &str, o: &str| rb.question(q).and_then(|q| q.option(o)).map_or(o.to_owned(), |o| o.label.get(l).to_owned());
    match cond {
        Condition::Always => String::new(),
        Condition::Is { question, option } => {
            fill(p(l, "paper_is"), &[("question", &short(&question.0)), ("option", &label(&question.0, &option.0))])
        }
        Condition::In { question, options } => options
            .iter()
            .map(|o| fill(p(l, "paper_is"), &[("question", &short(&question.0)), ("option", &label(&question.0, &o.0))]))
            .collect::<Vec<_>>()
            .join(p(l, "paper_or")),
        Condition::Answered { question } => fill(p(l, "paper_answered"), &[("question", &short(&question.0))]),
        Condition::All(cs) => cs.iter().map(|x| describe(rb, x, l)).collect::<Vec<_>>().join(p(l, "paper_and")),
        Condition::Any(cs) => cs.iter().map(|x| describe(rb, x, l)).collect::<Vec<_>>().join(p(l, "paper_or")),
        Condition::Not(x) => format!("{}{}", p(l, "paper_not"), describe(rb, x, l)),
        Condition::Element { element, statuses } => {
            let title = rb.elements.iter().find(|e| &e.id == element).map_or(element.0.clone(), |e| e.title.get(l).to_owned());
            let st: Vec<&str> = statuses.iter().map(|s| status_word(*s, l)).collect();
            format!("{title}{c}{}", st.join("/"))
        }
        Condition::Band { bands } => {
            let names: Vec<String> =
                bands.iter().filter_map(|b| rb.score.bands.iter().find(|x| &x.id == b)).map(|b| band_range(b, l)).collect();
            names.join("/")
        }
        Condition::Risk { risk: Some(r) } => {
            let title = rb.risks.iter().find(|x| &x.id == r).map_or(r.0.clone(), |x| x.title.get(l).to_owned());
            fill(p(l, "paper_risk"), &[("risk", &title)])
        }
        Condition::Risk { risk: None } => p(l, "paper_risk_any").to_owned(),
        // Invariants only; the paper form never shows them.
        Condition::Tier { .. } | Condition::Plan => String::new(),
    }
}

/// A band as the screen shows it: its name and whole points, the upper end
/// inclusive (`中等 50–79 分`; the top band reaches 100).
pub fn band_range(b: &rongcuo_engine::model::Band, l: Locale) -> String {
    let to = if b.to >= 100 { 100 } else { b.to.saturating_sub(1) };
    fill(p(l, "paper_band"), &[("band", b.title.get(l)), ("from", &b.from.to_string()), ("to", &to.to_string())])
}

fn status_word(s: ElementStatus, l: Locale) -> &'static str {
    p(l, &format!("status_{}", s.as_str()))
}

/// The header of the form: the quick exit (a plain link to the neutral page
/// that works without any script; `exit.js`, the page's own, makes it leave
/// at once and adds Shift × 3).
fn header(l: Locale) -> String {
    let u = |k: &str| msg(l, &format!("ui.{k}"));
    markup::header(
        &markup::HeaderText {
            brand: u("brand"),
            exit_href: "neutral.html",
            quick_exit: u("quick_exit"),
            quick_exit_hint: u("quick_exit_hint"),
            exit_two_more: u("exit_two_more"),
            exit_one_more: u("exit_one_more"),
            exit_reset: u("exit_reset"),
        },
        &[],
    )
}

/// The blank form as a complete HTML document; `others` links the forms in other locales.
pub fn blank_form_html(rb: &Rulebook, l: Locale, others: &[(String, Locale)]) -> String {
    let e = escape;
    let c = colon(l);
    let (po, pc, sep) = (p(l, "paren_open"), p(l, "paren_close"), p(l, "list_sep"));
    let mut h = String::new();
    let title = format!("{} · {}", rb.meta.title.get(l), p(l, "paper_suffix"));
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<link rel=\"stylesheet\" href=\"paper.css\">\n<script src=\"exit.js\" defer></script>\n</head>\n<body class=\"paper\">\n{}\n<main>\n",
        l.tag(),
        e(&title),
        header(l)
    );
    for (href, other) in others {
        let _ = writeln!(h, "<p class=\"other-lang\"><a href=\"{}\" lang=\"{}\">{}</a></p>", e(href), other.tag(), e(other.def().name));
    }
    let _ = writeln!(h, "<h1>{}</h1>", e(&title));
    let _ = writeln!(h, "<p>{}</p>", e(p(l, "paper_intro")));
    let _ = writeln!(h, "<p class=\"disclaimer\">{}</p>", e(rb.meta.disclaimer.get(l)));
    let _ = writeln!(h, "<p class=\"meta\">{} {} · {}</p>", e(rb.meta.issuer.get(l)), e(&rb.meta.version), e(rb.meta.notice.get(l)));

    let mut n = 0;
    for (si, s) in rb.sections.iter().enumerate() {
        let _ = writeln!(h, "<section>\n<h2>{}. {}</h2>", si + 1, e(s.title.get(l)));
        if let Some(intro) = &s.intro {
            let _ = writeln!(h, "<p class=\"intro\">{}</p>", e(intro.get(l)));
        }
        for q in rb.questions.iter().filter(|q| q.section == s.id) {
            n += 1;
            let optional = if q.required || q.text.get(l).contains(p(l, "optional").trim()) { "" } else { p(l, "optional") };
            let _ = writeln!(h, "<div class=\"q\">\n<h3>{n}. {}{}</h3>", e(q.text.get(l)), e(optional));
            if let Some(c) = &q.show_if {
                let _ = writeln!(h, "<p class=\"cond\">{}</p>", e(&fill(p(l, "paper_only_if"), &[("condition", &describe(rb, c, l))])));
            }
            if let Some(hint) = &q.hint {
                let _ = writeln!(h, "<p class=\"hint\">{}</p>", e(hint.get(l)));
            }
            match q.kind {
                QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multi => {
                    if q.kind == QuestionKind::Multi {
                        let _ = writeln!(h, "<p class=\"hint\">{}</p>", e(p(l, "choose_all")));
                    }
                    let _ = writeln!(h, "<ul class=\"ticks\">");
                    for o in &q.options {
                        let _ = writeln!(h, "<li><span class=\"box\" aria-hidden=\"true\"></span>{}</li>", e(o.label.get(l)));
                    }
                    let _ = writeln!(h, "</ul>");
                }
                QuestionKind::Date => {
                    let _ = writeln!(h, "<p class=\"blank\">{}</p>", e(p(l, "paper_date_blank")));
                }
                QuestionKind::Text => {
                    let _ =
                        writeln!(h, "<div class=\"lines\" aria-hidden=\"true\"><span></span><span></span><span></span><span></span></div>");
                }
            }
            let _ = writeln!(h, "<p class=\"why\"><b>{}</b>{}</p>", e(p(l, "paper_why")), e(q.why.get(l)));
            for term in q.terms.iter().filter_map(|id| rb.term(&id.0)) {
                let _ = writeln!(h, "<p class=\"term\"><dfn>{}</dfn>{c}{}</p>", e(term.term.get(l)), e(term.definition.get(l)));
            }
            let _ = writeln!(h, "</div>");
        }
        let _ = writeln!(h, "</section>");
    }

    // What is needed to work the result out by hand.
    let _ = writeln!(h, "<section class=\"how\">\n<h2>{}</h2>", e(p(l, "paper_how_title")));
    let _ = writeln!(h, "<p>{}</p>\n<ul>", e(p(l, "paper_how_red")));
    let tier = |id: &rongcuo_engine::model::TierId| rb.tier(&id.0).map_or_else(|| id.0.clone(), |x| x.title.get(l).to_owned());
    for r in &rb.red_lines {
        let _ = writeln!(h, "<li><b>{}</b>{c}{} → {}</li>", e(r.title.get(l)), e(&describe(rb, &r.when, l)), e(&tier(&r.tier)));
    }
    let _ = writeln!(h, "</ul>\n<p>{}</p>\n<ul>", e(p(l, "paper_how_track")));
    for t in &rb.tracks {
        let to = t.tier.as_ref().map_or(String::new(), |x| format!(" → {}", tier(x)));
        let _ = writeln!(h, "<li><b>{}</b>{c}{}{}</li>", e(t.title.get(l)), e(t.description.get(l)), e(&to));
    }
    let _ = writeln!(h, "</ul>");
    let _ = writeln!(h, "<p>{}</p>", e(p(l, "paper_how_elements")));
    let _ = writeln!(h, "<ul>");
    for el in &rb.elements {
        let counts: Vec<String> = el
            .counts
            .iter()
            .filter_map(|n| rb.question(&n.question.0).map(|q| (q, n)))
            .flat_map(|(q, n)| {
                n.points.iter().filter(|(_, pts)| *pts > 0).map(move |(o, pts)| {
                    format!(
                        "{}{c}{} {pts}{}",
                        q.short.get(l),
                        q.option(&o.0).map_or(o.0.as_str(), |o| o.label.get(l)),
                        p(l, "paper_points")
                    )
                })
            })
            .collect();
        let _ = writeln!(
            h,
            "<li><b>{}</b>{po}{}{pc}{c}{}</li>",
            e(el.title.get(l)),
            e(&fill(p(l, "paper_met_at"), &[("met", &el.met_at.to_string()), ("partly", &el.partly_at.to_string())])),
            e(&counts.join(sep))
        );
    }
    let _ = writeln!(h, "</ul>\n<p>{}</p>", e(&fill(p(l, "paper_how_score"), &[("max", &rb.score.grade_max.to_string())])));
    let _ = writeln!(
        h,
        "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        e(p(l, "col_factor")),
        e(p(l, "col_weight")),
        e(p(l, "col_grade"))
    );
    for f in &rb.factors {
        let grades: Vec<String> = f
            .grades
            .iter()
            .map(|(o, g)| {
                format!("{}={g}", rb.question(&f.question.0).and_then(|q| q.option(&o.0)).map_or(o.0.as_str(), |o| o.label.get(l)))
            })
            .collect();
        let _ = writeln!(h, "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>", e(f.title.get(l)), f.weight, e(&grades.join(sep)));
    }
    let _ = writeln!(h, "</tbody>\n</table>");
    let bands: Vec<String> = rb.score.bands.iter().map(|b| band_range(b, l)).collect();
    let _ = writeln!(h, "<p>{} {}</p>", e(p(l, "score_bands_caption")), e(&bands.join(sep)));
    // Grants and caps: the order of the rows never matters.
    for (cap, key) in [(false, "paper_grants"), (true, "paper_caps")] {
        let _ = writeln!(h, "<p>{}</p>\n<ul>", e(p(l, key)));
        for d in rb.decisions.iter().filter(|d| d.cap == cap) {
            let tier = rb.tier(&d.tier.0).map_or(d.tier.0.as_str(), |x| x.title.get(l));
            let cond = describe(rb, &d.when, l);
            let _ = writeln!(h, "<li>{} → <b>{}</b></li>", e(if cond.is_empty() { p(l, "paper_otherwise") } else { &cond }), e(tier));
        }
        let _ = writeln!(h, "</ul>");
    }
    let _ = writeln!(h, "<p>{}</p>\n</section>", e(&fill(p(l, "paper_how_unsure"), &[("tier", &tier(&rb.outcome.unknown_tier))])));

    let _ = writeln!(h, "<section>\n<h2>{}</h2>\n<ul class=\"ticks\">", e(p(l, "paper_measures")));
    for m in &rb.measures {
        let _ = writeln!(
            h,
            "<li><span class=\"box\" aria-hidden=\"true\"></span><b>{}</b> {} <span class=\"by\">{}</span></li>",
            e(m.title.get(l)),
            e(m.description.get(l)),
            e(p(l, "paper_by"))
        );
    }
    let _ = writeln!(h, "</ul>\n</section>\n<section>\n<h2>{}</h2>\n<ul class=\"ticks\">", e(p(l, "materials_title")));
    for m in &rb.materials {
        let _ = writeln!(h, "<li><span class=\"box\" aria-hidden=\"true\"></span>{}</li>", e(m.title.get(l)));
    }
    let _ = writeln!(h, "</ul>\n</section>\n<section>\n<h2>{}</h2>\n<ol class=\"stages\">", e(p(l, "stages_title")));
    for s in &rb.stages {
        let _ = writeln!(h, "<li><b>{}</b>{c}{}</li>", e(s.title.get(l)), e(s.description.get(l)));
    }
    let _ = writeln!(h, "</ol>\n<ul>");
    for r in &rb.recipients {
        let _ = writeln!(h, "<li><b>{}</b>{c}{}</li>", e(r.title.get(l)), e(r.role.get(l)));
    }
    let _ = writeln!(
        h,
        "</ul>\n</section>\n<section>\n<h2>{}</h2>\n<div class=\"lines tall\" aria-hidden=\"true\"><span></span><span></span><span></span><span></span><span></span><span></span></div>\n</section>",
        e(p(l, "summary_notes"))
    );
    let _ = writeln!(h, "</main>\n</body>\n</html>");
    h
}
