#![cfg(not(target_arch = "wasm32"))]
//! The layering is enforced by the crates, and checked here on the resolved
//! dependency graph: the page's wasm reaches no TOML reader, and the engine
//! reaches no web crate, whatever features are on.

use std::process::Command;

/// The packages `cargo tree` lists for these arguments, one name per line.
fn packages(args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--locked", "-e", "normal,no-proc-macro", "--prefix", "none", "--format", "{p}"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut names: Vec<String> =
        String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.split_whitespace().next()).map(str::to_owned).collect();
    names.sort();
    names.dedup();
    names
}

const WEB_CRATES: [&str; 6] = ["yew", "web-sys", "js-sys", "gloo", "wasm-bindgen", "wasm-bindgen-futures"];

#[test]
fn the_page_reaches_no_toml_reader() {
    let page = packages(&["-p", "rongcuo", "--target", "wasm32-unknown-unknown"]);
    assert!(page.iter().any(|p| p == "rongcuo-engine"), "the page depends on the engine: {page:?}");
    assert!(page.iter().any(|p| p == "yew"), "the graph is the page's: {page:?}");
    // (yew's own crates bring serde; the point here is the engine's reader.)
    for forbidden in ["toml", "toml_parser", "annotate-snippets"] {
        assert!(!page.iter().any(|p| p == forbidden), "the page's wasm would carry `{forbidden}`: {page:?}");
    }
}

#[test]
fn the_engine_reaches_no_web_crate_with_any_feature() {
    for features in [&["--no-default-features"][..], &["--all-features"][..]] {
        let engine = packages(&[&["-p", "rongcuo-engine", "--target", "all"][..], features].concat());
        for web in WEB_CRATES {
            assert!(!engine.iter().any(|p| p == web), "the engine reaches `{web}` with {features:?}: {engine:?}");
        }
    }
    // With its reader, and only then, the engine has TOML: the check above can see a dependency.
    assert!(packages(&["-p", "rongcuo-engine", "--features", "toml"]).iter().any(|p| p == "toml"));
    assert!(!packages(&["-p", "rongcuo-engine"]).iter().any(|p| p == "toml"));
}
