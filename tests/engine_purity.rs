#![cfg(not(target_arch = "wasm32"))]
//! The engine is pure Rust: no file under src/engine/ may name a web API crate.

use std::path::{Path, PathBuf};

const FORBIDDEN: [&str; 6] = ["yew", "web_sys", "web-sys", "gloo", "wasm_bindgen", "js_sys"];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The forbidden names `text` mentions, case-insensitively.
fn mentions(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    FORBIDDEN.iter().copied().filter(|w| lower.contains(w)).collect()
}

#[test]
fn engine_names_no_web_crate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut all = Vec::new();
    files(&dir, &mut all);
    let rust: Vec<&PathBuf> = all.iter().filter(|p| p.extension().is_some_and(|e| e == "rs")).collect();
    assert!(rust.len() >= 5, "expected the engine's source files, found {}", rust.len());
    assert!(rust.iter().any(|p| p.ends_with("mod.rs")), "src/engine/mod.rs was not found");
    let mut offenders = Vec::new();
    for path in &all {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for (n, line) in text.lines().enumerate() {
            let found = mentions(line);
            if !found.is_empty() {
                offenders.push(format!("{}:{}: {:?}: {}", path.display(), n + 1, found, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "the engine must stay free of web APIs:\n{}", offenders.join("\n"));
}

#[test]
fn the_check_can_fail() {
    assert_eq!(mentions("use yew::prelude::*;"), vec!["yew"]);
    assert_eq!(mentions("web_sys::window()"), vec!["web_sys"]);
    assert_eq!(mentions("web-sys = \"0.3\""), vec!["web-sys"]);
    assert_eq!(mentions("gloo::timers"), vec!["gloo"]);
    assert_eq!(mentions("#[wasm_bindgen]"), vec!["wasm_bindgen"]);
    assert_eq!(mentions("js_sys::Date::now()"), vec!["js_sys"]);
    assert!(mentions("pub fn assess(rb: &Rulebook)").is_empty());
}
