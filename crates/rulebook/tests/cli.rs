#![cfg(not(target_arch = "wasm32"))]
//! The `rulebook` command-line tool, run as a built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

use rongcuo_engine::{self as engine, cases};

const RULEBOOK: &str = "rulebooks/default.toml";
const CASES: &str = "rulebooks/default.cases.toml";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rulebook"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the rulebook binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temporary rulebook file, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(contents: &str) -> TempFile {
        static N: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let name = format!("rongcuo-cli-{}-{}-{nanos}.toml", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, contents).expect("write the temporary rulebook");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temporary path")
    }

    fn name(&self) -> &str {
        Path::new(&self.0).file_name().and_then(|n| n.to_str()).expect("a file name")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A complete valid rulebook, frozen so that rewording the default one does not touch these tests.
const FIXTURE: &str = include_str!("../../engine/tests/fixtures/full.toml");

/// The fixture with one unique snippet replaced.
fn broken(from: &str, to: &str) -> String {
    assert_eq!(FIXTURE.matches(from).count(), 1, "snippet must be unique: {from:?}");
    FIXTURE.replacen(from, to, 1)
}

fn line_of(src: &str, needle: &str) -> usize {
    assert_eq!(src.matches(needle).count(), 1, "needle must be unique: {needle:?}");
    src[..src.find(needle).expect("needle")].matches('\n').count() + 1
}

fn rulebook() -> engine::Rulebook {
    match engine::load(engine::DEFAULT_RULEBOOK_FILE, engine::DEFAULT_RULEBOOK) {
        Ok(rb) => rb,
        Err(e) => panic!("the default rulebook must load: {e:#?}"),
    }
}

#[test]
fn check_accepts_the_default_rulebook() {
    let o = run(&["check", RULEBOOK]);
    assert_eq!(o.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(RULEBOOK), "{out}");
    let rb = rulebook();
    assert!(out.contains(&rb.questions.len().to_string()), "{out}");
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn test_runs_every_case_and_prints_the_count() {
    let rb = rulebook();
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(CASES)).expect("cases file");
    let all = match cases::load_cases(CASES, &src, &rb) {
        Ok(c) => c,
        Err(e) => panic!("cases must load: {e:#?}"),
    };
    let n = all.len();
    assert!(n >= 20);

    let o = run(&["test", RULEBOOK, CASES]);
    assert_eq!(o.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("{n} 个案例，{n} 个通过，0 个失败")), "{out}");
    for c in &all {
        assert!(out.lines().any(|l| l.starts_with("ok") && l.ends_with(&c.id)), "case {} not reported ok:\n{out}", c.id);
    }
    assert!(!out.contains("FAIL"), "{out}");

    let o = run(&["--lang", "en", "test", RULEBOOK, CASES]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(&format!("{n} cases, {n} passed, 0 failed.")), "{}", stdout(&o));
}

#[test]
fn explain_mentions_every_red_line_and_factor() {
    let rb = rulebook();
    let o = run(&["explain", RULEBOOK]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let starts_a_line = |id: &str| out.lines().any(|l| l.split_whitespace().next() == Some(id));
    for r in &rb.red_lines {
        assert!(starts_a_line(r.id.as_str()), "red line {} not listed:\n{out}", r.id);
    }
    for f in &rb.factors {
        assert!(starts_a_line(f.id.as_str()), "factor {} not listed:\n{out}", f.id);
    }
    for t in &rb.tiers {
        assert!(out.contains(t.id.as_str()), "tier {} not mentioned", t.id);
    }
}

#[test]
fn check_rejects_malformed_toml_naming_file_and_line() {
    let src = broken("minutes = 10\n", "minutes = = 10\n");
    let line = line_of(&src, "minutes = = 10");
    let f = TempFile::new(&src);
    let o = run(&["check", f.path()]);
    assert_eq!(o.status.code(), Some(1), "stdout: {}\nstderr: {}", stdout(&o), stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(f.name()), "{err}");
    assert!(err.contains(&format!("{}:{line}:", f.path())), "{err}");
    assert!(err.contains(&format!(":{line}:")), "{err}");
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
}

#[test]
fn check_lists_every_problem_with_key_path_and_line() {
    let src = broken("minutes = 10\n", "minutes = 10\nminutess = 3\n");
    let src = src.replacen("tone = \"favourable\"", "tone = \"happy\"", 1);
    let f = TempFile::new(&src);
    let o = run(&["check", f.path()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let l1 = line_of(&src, "minutess");
    let l2 = line_of(&src, "tone = \"happy\"");
    assert!(err.contains(&format!("{}:{l1}:", f.path())) && err.contains("meta.minutess"), "{err}");
    assert!(err.contains(&format!("{}:{l2}:", f.path())) && err.contains("tiers[0].tone"), "{err}");
    assert!(err.contains("共 2 处问题"), "{err}");
    // Each problem carries its code and shows the source line with a caret under the key.
    assert!(err.contains("[unknown-key]") && err.contains("[bad-value]"), "{err}");
    assert!(err.contains("minutess = 3") && err.contains("^^^^^^^^"), "{err}");
}

#[test]
fn lang_en_check_prints_english() {
    let src = broken("tone = \"caution\"\n", "tone = \"caution\"\ncolour = \"amber\"\n");
    let line = line_of(&src, "colour");
    let f = TempFile::new(&src);
    let o = run(&["--lang", "en", "check", f.path()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:{line}:", f.path())), "{err}");
    assert!(err.contains("unknown key `colour`"), "{err}");
    assert!(err.contains("1 problem(s)."), "{err}");
    assert!(!err.contains("不认识") && !err.contains("共"), "no Chinese with --lang en: {err}");

    // The same file in Chinese, for contrast.
    let o = run(&["check", f.path()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("不认识的键 `colour`"), "{}", stderr(&o));

    // And a syntax error in English.
    let src = broken("minutes = 10\n", "minutes = = 10\n");
    let f = TempFile::new(&src);
    let o = run(&["--lang", "en", "check", f.path()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not valid TOML"), "{}", stderr(&o));
}

#[test]
fn lang_en_check_of_the_default_rulebook() {
    let o = run(&["--lang", "en", "check", RULEBOOK]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("valid ("), "{}", stdout(&o));
}

#[test]
fn missing_file_and_bad_usage() {
    let o = run(&["check", "no/such/rulebook.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/rulebook.toml"), "{}", stderr(&o));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("blank-form"), "{}", stderr(&o));
    let o = run(&["--lang", "fr", "check", RULEBOOK]);
    assert_eq!(o.status.code(), Some(2));
}
