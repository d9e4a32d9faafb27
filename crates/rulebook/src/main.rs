//! `rulebook`: a command-line tool for deployers.
//!
//! - `rulebook check FILE`: validate; exits 1 and lists every problem, each
//!   with its code, the key path and the source line with a caret.
//! - `rulebook test FILE [CASES]`: run scenario cases (the rulebook's own `[[cases]]`, and CASES if given).
//! - `rulebook explain FILE`: print the decision table.
//! - `rulebook blank-form FILE`: print the blank paper form (HTML) for the rulebook.
//! - `rulebook cases FILE [CASES] --json`: the scenario cases as JSON, each
//!   with its answers (in the saved-file shape) and the engine's assessment;
//!   the end-to-end tests take their fixtures from here.
//! - `rulebook explain FILE --json`: the whole rulebook model as JSON.
//!
//! Messages are in the primary locale; `--lang TAG` picks another.

use std::process::ExitCode;

use annotate_snippets::{Level, Renderer, Snippet};
use rongcuo_engine::messages::{msg, msgf};
use rongcuo_engine::{self as engine, Locale, RulebookError, cases};
use rulebook::{explain, paper};

/// Problems printed in full; the rest are counted.
const MAX_SHOWN: usize = 200;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut locale = Locale::PRIMARY;
    if let Some(i) = args.iter().position(|a| a == "--lang") {
        let tag = args.get(i + 1).cloned().unwrap_or_default();
        match Locale::from_tag(&tag) {
            Some(l) => locale = l,
            None => return usage(locale),
        }
        args.drain(i..=i + 1);
    }
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["check", file] => check(file, locale),
        ["test", file] => test(file, None, locale),
        ["test", file, cases] => test(file, Some(cases), locale),
        ["explain", file] => explain_cmd(file, locale),
        ["explain", file, "--json"] => json_out(load(file, locale).map(|rb| serde_json::to_value(&rb))),
        ["cases", file, "--json"] => cases_json(file, None, locale),
        ["cases", file, cases, "--json"] => cases_json(file, Some(cases), locale),
        ["blank-form", file] => blank_form(file, locale),
        ["draft", file, cases, case, doc] => draft(file, cases, case, doc, locale),
        _ => usage(locale),
    }
}

fn usage(l: Locale) -> ExitCode {
    eprintln!("{}", msg(l, "cli.usage"));
    ExitCode::from(2)
}

fn read(file: &str) -> Result<String, ExitCode> {
    std::fs::read_to_string(file).map_err(|e| {
        eprintln!("{file}: {e}");
        ExitCode::from(2)
    })
}

/// Prints problems as rustc does: the message, then the line with a caret.
fn report(src: &str, errors: &[RulebookError], l: Locale) {
    let renderer = Renderer::plain();
    for e in errors.iter().take(MAX_SHOWN) {
        let title = format!("[{}] {}", e.kind.code(), e.kind.describe(l));
        let origin = match (e.line, e.column) {
            (Some(line), Some(col)) => format!("{}:{line}:{col}", e.file),
            _ => e.file.clone(),
        };
        match e.span {
            Some((start, end)) if !src.is_empty() => {
                // One line is enough to point at; a multi-line span is cut at its first line end.
                let end = src[start..end].find('\n').map_or(end, |n| start + n).max(start);
                let label = if e.path.is_empty() { String::new() } else { e.path.clone() };
                let message = Level::Error.title(&title).snippet(
                    Snippet::source(src).line_start(1).origin(&e.file).fold(true).annotation(Level::Error.span(start..end).label(&label)),
                );
                eprintln!("{}\n", renderer.render(message));
            }
            _ => eprintln!("{origin}: {}{title}\n", if e.path.is_empty() { String::new() } else { format!("{}: ", e.path) }),
        }
    }
    if errors.len() > MAX_SHOWN {
        let more = errors.len() - MAX_SHOWN;
        eprintln!("{}", engine::ErrorKind::TooMany { shown: MAX_SHOWN, more }.describe(l));
    }
    eprintln!("{}", msgf(l, "cli.problems", &[("n", &errors.len().to_string())]));
}

fn load(file: &str, l: Locale) -> Result<engine::Rulebook, ExitCode> {
    let src = read(file)?;
    engine::load(file, &src).map_err(|errors| {
        report(&src, &errors, l);
        ExitCode::from(1)
    })
}

fn check(file: &str, l: Locale) -> ExitCode {
    let Ok(src) = read(file) else { return ExitCode::from(2) };
    let started = std::time::Instant::now();
    match engine::check(file, &src, engine::prove::DEFAULT_BUDGET) {
        Err(errors) => {
            report(&src, &errors, l);
            ExitCode::from(1)
        }
        Ok(engine::Checked { rulebook: rb, proofs }) => {
            let seconds = started.elapsed().as_secs_f64();
            let n = |x: usize| x.to_string();
            println!(
                "{}",
                msgf(
                    l,
                    "cli.valid",
                    &[
                        ("file", file),
                        ("questions", &n(rb.questions.len())),
                        ("red_lines", &n(rb.red_lines.len())),
                        ("factors", &n(rb.factors.len())),
                        ("tiers", &n(rb.tiers.len())),
                    ]
                )
            );
            let own = proofs.iter().filter(|p| p.index.is_some()).count();
            let nodes: u64 = proofs.iter().map(|p| p.nodes).sum();
            println!(
                "{}",
                msgf(
                    l,
                    "cli.proved",
                    &[
                        ("own", &n(own)),
                        ("core", &n(proofs.len() - own)),
                        ("space", &format!("{:.0}", engine::prove::answer_space_log10(&rb))),
                        ("nodes", &nodes.to_string()),
                        ("seconds", &format!("{seconds:.2}")),
                    ]
                )
            );
            if std::env::var_os("RULEBOOK_PROOF_DETAIL").is_some() {
                for p in &proofs {
                    println!("   {:<48} {:>9} nodes", p.id, p.nodes);
                }
            }
            ExitCode::SUCCESS
        }
    }
}

/// The rulebook and the cases of FILE and, if given, of a cases file.
fn load_cases(file: &str, extra: Option<&str>, l: Locale) -> Result<(engine::Rulebook, Vec<cases::Case>), ExitCode> {
    let rb = load(file, l)?;
    let mut all = Vec::new();
    for f in [Some(file), extra].into_iter().flatten() {
        let src = read(f)?;
        match cases::load_cases(f, &src, &rb) {
            Ok(c) => all.extend(c),
            Err(errors) => {
                report(&src, &errors, l);
                return Err(ExitCode::from(1));
            }
        }
    }
    if all.is_empty() {
        eprintln!("{}", msg(l, "cli.no_cases"));
        return Err(ExitCode::from(1));
    }
    Ok((rb, all))
}

fn test(file: &str, extra: Option<&str>, l: Locale) -> ExitCode {
    let (rb, all) = match load_cases(file, extra, l) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let mut failed = 0;
    for case in &all {
        let r = cases::run_case(&rb, case);
        if r.passed {
            println!("ok    {}", r.id);
        } else {
            failed += 1;
            println!("FAIL  {}: {}", r.id, r.detail);
        }
    }
    let n = all.len();
    let s = |x: usize| x.to_string();
    println!("{}", msgf(l, "cli.cases_summary", &[("n", &s(n)), ("passed", &s(n - failed)), ("failed", &s(failed))]));
    // How many questions the cases' runs are asked: the figure the start page gives.
    let mut asked: Vec<usize> = all.iter().filter(|c| !c.partial).map(|c| cases::questions_asked(&rb, &c.answers)).collect();
    asked.sort_unstable();
    if let Some(median) = asked.get(asked.len() / 2) {
        let (min, max) = (asked[0], asked[asked.len() - 1]);
        let stated = rb.meta.questions as usize;
        println!("{}", msgf(l, "cli.asked", &[("median", &s(*median)), ("min", &s(min)), ("max", &s(max)), ("stated", &s(stated))]));
        if stated > 0 && stated.abs_diff(*median) > 2 {
            failed += 1;
            println!("{}", msgf(l, "cli.asked_off", &[("median", &s(*median)), ("stated", &s(stated))]));
        }
    }
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// Prints a JSON value, or the failure that stopped it.
fn json_out(v: Result<Result<serde_json::Value, serde_json::Error>, ExitCode>) -> ExitCode {
    match v {
        Ok(Ok(v)) => {
            println!("{v:#}");
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
        Err(code) => code,
    }
}

fn cases_json(file: &str, extra: Option<&str>, l: Locale) -> ExitCode {
    json_out(load_cases(file, extra, l).map(|(rb, all)| {
        let list: Vec<serde_json::Value> = all
            .iter()
            .map(|c| serde_json::json!({ "case": c, "assessment": engine::assess(&rb, &engine::cases::collected(&rb, &c.answers)) }))
            .collect();
        Ok(serde_json::Value::Array(list))
    }))
}

fn explain_cmd(file: &str, l: Locale) -> ExitCode {
    match load(file, l) {
        Ok(rb) => {
            print!("{}", explain::decision_table(&rb, l));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// The file name of the blank form in a locale: `blank-form.html` for the
/// primary one, `blank-form.<tag>.html` for the others.
fn form_name(l: Locale) -> String {
    if l.is_primary() { "blank-form.html".to_owned() } else { format!("blank-form.{}.html", l.tag()) }
}

fn blank_form(file: &str, l: Locale) -> ExitCode {
    match load(file, l) {
        Ok(rb) => {
            let others: Vec<(String, Locale)> = rb.meta.locales.iter().filter(|o| **o != l).map(|o| (form_name(*o), *o)).collect();
            print!("{}", paper::blank_form_html(&rb, l, &others));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// `rulebook draft FILE CASES CASE DOCUMENT`: the paper DOCUMENT drafted from
/// the answers of scenario case CASE, as plain text (dated 2026-12-01), with
/// the plan the run begins with: for reading a rulebook's papers as a cadre
/// would get them.
fn draft(file: &str, extra: &str, case: &str, doc: &str, l: Locale) -> ExitCode {
    let (rb, all) = match load_cases(file, Some(extra), l) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let (Some(c), Some(d)) = (all.iter().find(|c| c.id == case), rb.documents.iter().find(|d| d.id.as_str() == doc)) else {
        return usage(l);
    };
    let a = engine::assess(&rb, &c.answers);
    let mut plan = engine::flow::Plan::default();
    for m in &a.measures {
        plan.toggle(m, true);
    }
    let f = engine::documents::Filling {
        rb: &rb,
        answers: &c.answers,
        assessment: &a,
        plan: &plan,
        today: "2026-12-01",
        locale: l,
        path: a.path.as_ref(),
        doc: None,
    };
    println!("{}\n", d.title.get(l));
    for s in engine::documents::fill_document(d, &f) {
        if let Some(h) = &s.heading {
            println!("{h}");
        }
        // A signature block: the lines to sign on, then the date.
        if s.right {
            for field in &s.fields {
                println!("{field}______________");
            }
        }
        if !s.text.is_empty() {
            println!("{}", s.text);
        }
        if !s.right {
            for field in &s.fields {
                println!("{field}______________");
            }
        }
        for _ in 0..s.lines {
            println!("____________________________");
        }
        println!();
    }
    ExitCode::SUCCESS
}
