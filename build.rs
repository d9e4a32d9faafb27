//! Reads and validates the default rulebook with the engine itself, at build
//! time: a broken default rulebook fails the build with every problem (file,
//! key path, line), never a user's page. The page gets it in the engine's
//! compact form (`engine::compact`), so it needs no TOML reader of its own,
//! in Chinese; the English wording goes to a file of its own (`en-<hash>.bin`,
//! copied into dist/ by scripts/postbuild.mjs).

#[allow(dead_code, unused_imports)]
#[path = "src/engine/mod.rs"]
mod engine;

#[allow(dead_code, unused_imports)]
#[path = "src/i18n.rs"]
mod i18n;

fn main() {
    println!("cargo::rerun-if-changed=rulebooks/default.toml");
    println!("cargo::rerun-if-changed=src/engine");
    println!("cargo::rerun-if-changed=src/i18n.rs");
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
    // The page ships the Chinese rulebook; the English wording (rulebook and
    // interface) is a separate file, fetched when someone switches language.
    let (chinese, english) = engine::compact::encode_split(&rb);
    let english = engine::compact::pack_english(&english, &i18n::english_strings());
    std::fs::write(out.join("default.rulebook"), chinese).expect("OUT_DIR is writable");
    std::fs::write(out.join("en.bin"), &english).expect("OUT_DIR is writable");
    println!("cargo::rustc-env=RONGCUO_ENGLISH_FILE={}", engine::compact::content_name("en", &english));
    println!("cargo::rustc-cfg=compiled_rulebook");
}
