//! Reads and validates the default rulebook with the engine itself, at build
//! time: a broken default rulebook fails the build with every problem (file,
//! key path, line), never a user's page. The page gets it in the engine's
//! compact form (`engine::compact`), so it needs no TOML reader of its own.

#[allow(dead_code, unused_imports)]
#[path = "src/engine/mod.rs"]
mod engine;

fn main() {
    println!("cargo::rerun-if-changed=rulebooks/default.toml");
    println!("cargo::rerun-if-changed=src/engine");
    let rb = match engine::load(engine::DEFAULT_RULEBOOK_FILE, engine::DEFAULT_RULEBOOK) {
        Ok(rb) => rb,
        Err(errors) => {
            for e in &errors {
                println!("cargo::error={}", e.message(engine::Locale::En));
            }
            std::process::exit(1);
        }
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("default.rulebook"), engine::compact::encode(&rb)).expect("OUT_DIR is writable");
    println!("cargo::rustc-cfg=compiled_rulebook");
}
