//! The blank paper form: the whole questionnaire as a static, printable HTML
//! page with tick boxes, "why we ask" notes and what is needed to work out the
//! result by hand. It needs no JavaScript, so it is also the way out for people
//! who distrust all software or whose browser cannot run the widget.
//!
//! Generated from the rulebook by `rulebook blank-form` into
//! `assets/blank-form.html`; a test keeps that file in step with the rulebook.

use std::fmt::Write;

use crate::engine::Locale;
use crate::engine::model::{Condition, QuestionKind, Rulebook};
use crate::i18n::{fill, paper, ui};

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The colon of the locale's punctuation.
pub fn colon(l: Locale) -> &'static str {
    if l == Locale::ZhCn { "：" } else { ": " }
}

/// A condition in words, for "answer only if …".
pub fn describe(rb: &Rulebook, cond: &Condition, l: Locale) -> String {
    let p = paper(l);
    let c = colon(l);
    let short = |q: &str| rb.question(q).map_or(q.to_owned(), |q| q.short.get(l).to_owned());
    let label = |q: &str, o: &str| rb.question(q).and_then(|q| q.option(o)).map_or(o.to_owned(), |o| o.label.get(l).to_owned());
    match cond {
        Condition::Always => String::new(),
        Condition::Is { question, option } => {
            fill(p.paper_is, &[("question", &short(&question.0)), ("option", &label(&question.0, &option.0))])
        }
        Condition::In { question, options } => options
            .iter()
            .map(|o| fill(p.paper_is, &[("question", &short(&question.0)), ("option", &label(&question.0, &o.0))]))
            .collect::<Vec<_>>()
            .join(p.paper_or),
        Condition::Answered { question } => fill(p.paper_answered, &[("question", &short(&question.0))]),
        Condition::All(cs) => cs.iter().map(|x| describe(rb, x, l)).collect::<Vec<_>>().join(p.paper_and),
        Condition::Any(cs) => cs.iter().map(|x| describe(rb, x, l)).collect::<Vec<_>>().join(p.paper_or),
        Condition::Not(x) => format!("{}{}", p.paper_not, describe(rb, x, l)),
        Condition::Element { element, statuses } => {
            let title = rb.elements.iter().find(|e| &e.id == element).map_or(element.0.clone(), |e| e.title.get(l).to_owned());
            let st: Vec<&str> = statuses.iter().map(|s| status_word(*s, l)).collect();
            format!("{title}{c}{}", st.join("/"))
        }
        Condition::Band { bands } => {
            let names: Vec<String> = bands
                .iter()
                .filter_map(|b| rb.score.bands.iter().find(|x| &x.id == b))
                .map(|b| format!("{} {}–{}", b.title.get(l), b.from, b.to))
                .collect();
            names.join("/")
        }
    }
}

fn status_word(s: crate::engine::model::ElementStatus, l: Locale) -> &'static str {
    use crate::engine::model::ElementStatus::*;
    let t = ui(l);
    match s {
        Met => t.status_met,
        Partly => t.status_partly,
        NotMet => t.status_not_met,
        Unknown => t.status_unknown,
    }
}

/// The blank form as a complete HTML document. `other` links the other language's form.
pub fn blank_form_html(rb: &Rulebook, l: Locale, other: Option<(&str, &str)>) -> String {
    let t = ui(l);
    let p = paper(l);
    let e = escape;
    let c = colon(l);
    let (po, pc) = if l == Locale::ZhCn { ("（", "）") } else { (" (", ")") };
    let mut h = String::new();
    let title = format!("{} · {}", rb.meta.title.get(l), p.paper_suffix);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<link rel=\"stylesheet\" href=\"paper.css\">\n</head>\n<body class=\"paper\">\n<main>\n",
        l.tag(),
        e(&title)
    );
    if let Some((href, label)) = other {
        let _ = writeln!(
            h,
            "<p class=\"other-lang\"><a href=\"{}\" lang=\"{}\">{}</a></p>",
            e(href),
            if l == Locale::ZhCn { "en" } else { "zh-CN" },
            e(label)
        );
    }
    let _ = writeln!(h, "<h1>{}</h1>", e(&title));
    let _ = writeln!(h, "<p>{}</p>", e(p.paper_intro));
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
            let optional = if q.required || q.text.get(l).contains(t.optional.trim()) { "" } else { t.optional };
            let _ = writeln!(h, "<div class=\"q\">\n<h3>{n}. {}{}</h3>", e(q.text.get(l)), e(optional));
            if let Some(c) = &q.show_if {
                let _ = writeln!(h, "<p class=\"cond\">{}</p>", e(&fill(p.paper_only_if, &[("condition", &describe(rb, c, l))])));
            }
            if let Some(hint) = &q.hint {
                let _ = writeln!(h, "<p class=\"hint\">{}</p>", e(hint.get(l)));
            }
            match q.kind {
                QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multi => {
                    if q.kind == QuestionKind::Multi {
                        let _ = writeln!(h, "<p class=\"hint\">{}</p>", e(t.choose_all));
                    }
                    let _ = writeln!(h, "<ul class=\"ticks\">");
                    for o in &q.options {
                        let _ = writeln!(h, "<li><span class=\"box\" aria-hidden=\"true\"></span>{}</li>", e(o.label.get(l)));
                    }
                    let _ = writeln!(h, "</ul>");
                }
                QuestionKind::Date => {
                    let _ = writeln!(h, "<p class=\"blank\">{}</p>", e(p.paper_date_blank));
                }
                QuestionKind::Text => {
                    let _ =
                        writeln!(h, "<div class=\"lines\" aria-hidden=\"true\"><span></span><span></span><span></span><span></span></div>");
                }
            }
            let _ = writeln!(h, "<p class=\"why\"><b>{}</b>{}</p>", e(p.paper_why), e(q.why.get(l)));
            for term in q.terms.iter().filter_map(|id| rb.term(&id.0)) {
                let _ = writeln!(h, "<p class=\"term\"><dfn>{}</dfn>{c}{}</p>", e(term.term.get(l)), e(term.definition.get(l)));
            }
            let _ = writeln!(h, "</div>");
        }
        let _ = writeln!(h, "</section>");
    }

    // What is needed to work the result out by hand.
    let _ = writeln!(h, "<section class=\"how\">\n<h2>{}</h2>", e(p.paper_how_title));
    let _ = writeln!(h, "<p>{}</p>\n<ul>", e(p.paper_how_red));
    for r in &rb.red_lines {
        let _ = writeln!(h, "<li><b>{}</b>{c}{}</li>", e(r.title.get(l)), e(&describe(rb, &r.when, l)));
    }
    let _ = writeln!(h, "</ul>\n<p>{}</p>", e(p.paper_how_track));
    let _ = writeln!(h, "<p>{}</p>", e(p.paper_how_elements));
    let _ = writeln!(h, "<ul>");
    for el in &rb.elements {
        let counts: Vec<String> = el
            .counts
            .iter()
            .filter_map(|n| rb.question(&n.question.0).map(|q| (q, n)))
            .flat_map(|(q, n)| {
                n.points.iter().filter(|(_, pts)| *pts > 0).map(move |(o, pts)| {
                    format!("{}{c}{} {pts}{}", q.short.get(l), q.option(&o.0).map_or(o.0.as_str(), |o| o.label.get(l)), p.paper_points)
                })
            })
            .collect();
        let _ = writeln!(
            h,
            "<li><b>{}</b>{po}{}{pc}{c}{}</li>",
            e(el.title.get(l)),
            e(&fill(p.paper_met_at, &[("met", &el.met_at.to_string()), ("partly", &el.partly_at.to_string())])),
            e(&counts.join(if l == Locale::ZhCn { "；" } else { "; " }))
        );
    }
    let _ = writeln!(h, "</ul>\n<p>{}</p>", e(&fill(p.paper_how_score, &[("max", &rb.score.grade_max.to_string())])));
    let _ = writeln!(
        h,
        "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        e(t.col_factor),
        e(t.col_weight),
        e(t.col_grade)
    );
    for f in &rb.factors {
        let grades: Vec<String> = f
            .grades
            .iter()
            .map(|(o, g)| {
                format!("{}={g}", rb.question(&f.question.0).and_then(|q| q.option(&o.0)).map_or(o.0.as_str(), |o| o.label.get(l)))
            })
            .collect();
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            e(f.title.get(l)),
            f.weight,
            e(&grades.join(if l == Locale::ZhCn { "；" } else { "; " }))
        );
    }
    let _ = writeln!(h, "</tbody>\n</table>");
    let bands: Vec<String> = rb.score.bands.iter().map(|b| format!("{} {}–{}", b.title.get(l), b.from, b.to)).collect();
    let _ = writeln!(h, "<p>{} {}</p>", e(t.score_bands_caption), e(&bands.join(if l == Locale::ZhCn { "；" } else { "; " })));
    let _ = writeln!(h, "<p>{}</p>\n<ol>", e(p.paper_decisions));
    for d in &rb.decisions {
        let tier = rb.tier(&d.tier.0).map_or(d.tier.0.as_str(), |x| x.title.get(l));
        let cond = describe(rb, &d.when, l);
        let _ = writeln!(h, "<li>{} → <b>{}</b></li>", e(if cond.is_empty() { p.paper_otherwise } else { &cond }), e(tier));
    }
    let _ = writeln!(h, "</ol>\n<p>{}</p>\n</section>", e(p.paper_how_unsure));

    let _ = writeln!(h, "<section>\n<h2>{}</h2>\n<ul class=\"ticks\">", e(p.paper_measures));
    for m in &rb.measures {
        let _ = writeln!(
            h,
            "<li><span class=\"box\" aria-hidden=\"true\"></span><b>{}</b> {} <span class=\"by\">{}</span></li>",
            e(m.title.get(l)),
            e(m.description.get(l)),
            e(p.paper_by)
        );
    }
    let _ = writeln!(h, "</ul>\n</section>\n<section>\n<h2>{}</h2>\n<ul class=\"ticks\">", e(t.materials_title));
    for m in &rb.materials {
        let _ = writeln!(h, "<li><span class=\"box\" aria-hidden=\"true\"></span>{}</li>", e(m.title.get(l)));
    }
    let _ = writeln!(h, "</ul>\n</section>\n<section>\n<h2>{}</h2>\n<ol class=\"stages\">", e(t.stages_title));
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
        e(t.summary_notes)
    );
    let _ = writeln!(h, "</main>\n</body>\n</html>");
    h
}
