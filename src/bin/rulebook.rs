//! `rulebook`: a command-line tool for deployers.
//!
//! - `rulebook check FILE`: validate; exits 1 and lists every problem.
//! - `rulebook test FILE [CASES]`: run scenario cases (the rulebook's own `[[cases]]`, and CASES if given).
//! - `rulebook explain FILE`: print the decision table.
//! - `rulebook blank-form FILE`: print the blank paper form (HTML) for the rulebook.
//!
//! Messages are in Chinese; add `--lang en` for English.

use std::process::ExitCode;

use rongcuo::engine::{self, Locale, cases, explain};

const USAGE: &str = "usage: rulebook [--lang zh-CN|en] <check FILE | test FILE [CASES] | explain FILE | blank-form FILE>";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut locale = Locale::ZhCn;
    if let Some(i) = args.iter().position(|a| a == "--lang") {
        let tag = args.get(i + 1).cloned().unwrap_or_default();
        match Locale::from_tag(&tag) {
            Some(l) => locale = l,
            None => return usage(),
        }
        args.drain(i..=i + 1);
    }
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["check", file] => check(file, locale),
        ["test", file] => test(file, None, locale),
        ["test", file, cases] => test(file, Some(cases), locale),
        ["explain", file] => explain_cmd(file, locale),
        ["blank-form", file] => blank_form(file, locale),
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn read(file: &str) -> Result<String, ExitCode> {
    std::fs::read_to_string(file).map_err(|e| {
        eprintln!("{file}: {e}");
        ExitCode::from(2)
    })
}

fn load(file: &str, locale: Locale) -> Result<engine::Rulebook, ExitCode> {
    let src = read(file)?;
    engine::load(file, &src).map_err(|errors| {
        for e in &errors {
            eprintln!("{}", e.message(locale));
        }
        let n = errors.len();
        eprintln!("{}", if locale == Locale::ZhCn { format!("共 {n} 处问题。") } else { format!("{n} problem(s).") });
        ExitCode::from(1)
    })
}

fn check(file: &str, locale: Locale) -> ExitCode {
    match load(file, locale) {
        Ok(rb) => {
            let msg = if locale == Locale::ZhCn {
                format!(
                    "{file}: 检查通过（{} 道题，{} 条负面清单，{} 个评分因素，{} 个结果等级）。",
                    rb.questions.len(),
                    rb.red_lines.len(),
                    rb.factors.len(),
                    rb.tiers.len()
                )
            } else {
                format!(
                    "{file}: valid ({} questions, {} red lines, {} factors, {} tiers).",
                    rb.questions.len(),
                    rb.red_lines.len(),
                    rb.factors.len(),
                    rb.tiers.len()
                )
            };
            println!("{msg}");
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn test(file: &str, extra: Option<&str>, locale: Locale) -> ExitCode {
    let rb = match load(file, locale) {
        Ok(rb) => rb,
        Err(code) => return code,
    };
    let mut all = Vec::new();
    for (f, src) in [Some(file), extra].into_iter().flatten().map(|f| (f, read(f))) {
        let src = match src {
            Ok(s) => s,
            Err(code) => return code,
        };
        match cases::load_cases(f, &src, &rb) {
            Ok(c) => all.extend(c),
            Err(errors) => {
                for e in &errors {
                    eprintln!("{}", e.message(locale));
                }
                return ExitCode::from(1);
            }
        }
    }
    if all.is_empty() {
        eprintln!("{}", if locale == Locale::ZhCn { "没有找到任何案例（[[cases]]）。" } else { "no cases ([[cases]]) found." });
        return ExitCode::from(1);
    }
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
    println!(
        "{}",
        if locale == Locale::ZhCn {
            format!("{n} 个案例，{} 个通过，{failed} 个失败。", n - failed)
        } else {
            format!("{n} cases, {} passed, {failed} failed.", n - failed)
        }
    );
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn explain_cmd(file: &str, locale: Locale) -> ExitCode {
    match load(file, locale) {
        Ok(rb) => {
            print!("{}", explain::decision_table(&rb, locale));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn blank_form(file: &str, locale: Locale) -> ExitCode {
    match load(file, locale) {
        Ok(rb) => {
            let other = match locale {
                Locale::ZhCn if rb.meta.locales.contains(&Locale::En) => Some(("blank-form.en.html", "English")),
                Locale::En => Some(("blank-form.html", "中文")),
                _ => None,
            };
            print!("{}", rongcuo::paper::blank_form_html(&rb, locale, other));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}
