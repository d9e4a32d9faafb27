#!/usr/bin/env bash
# Sets everything up and runs every test, in three layers plus the size check:
#   1. native: cargo test over the workspace (engine, run state, i18n, CLI,
#      dependency graph) and clippy;
#   2. wasm: component tests in headless Chromium (wasm-bindgen-test);
#   3. end-to-end: Playwright on the release dist/ served on 127.0.0.1, after
#      the size budget and the support floor (wasm features, script syntax, CSS).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
mkdir -p target
started=$(date +%s)
declare -a summary=()

count_cargo() { grep -E '^test result: ok\.' "$1" | awk '{s+=$4} END {print s+0}'; }

echo "== 1. native tests and lints"
cargo fmt --all --check
cargo clippy --offline --workspace --all-targets --quiet -- -D warnings
cargo clippy --offline --target wasm32-unknown-unknown -p rongcuo -p loader --all-targets --quiet -- -D warnings
cargo test --offline --workspace 2>&1 | tee target/test-native.log
# A locale added as data only (the pseudo-locale en-XA): every table entry marked.
cargo test --offline -p rongcuo --features pseudo-locale --test pseudo_locale 2>&1 | tee -a target/test-native.log
summary+=("native (cargo test):        $(count_cargo target/test-native.log) passed")
# The default rulebook: every invariant proved over every answer combination, every scenario case.
cargo run --quiet --offline -p rulebook -- check rulebooks/default.toml | tee target/test-rulebook.log
cargo run --quiet --offline -p rulebook -- test rulebooks/default.toml rulebooks/default.cases.toml | tail -2 | tee -a target/test-rulebook.log
summary+=("rulebook check and cases:   $(tail -n +2 target/test-rulebook.log | tr '\n' ' ')")

echo "== 2. wasm component tests (headless Chromium)"
WASM_BINDGEN_TEST_TIMEOUT=120 cargo test --offline --target wasm32-unknown-unknown -p rongcuo --test components --test panic_hook 2>&1 | tee target/test-wasm.log
# Every page type rendered in the pseudo-locale: no text held by the code.
WASM_BINDGEN_TEST_TIMEOUT=120 cargo test --offline --target wasm32-unknown-unknown -p rongcuo --features pseudo-locale --test pseudo_page 2>&1 | tee -a target/test-wasm.log
summary+=("wasm (wasm-bindgen-test):   $(count_cargo target/test-wasm.log) passed")

echo "== 3. release build, size and end-to-end tests"
scripts/build.sh
node tests/size.mjs | tee target/test-size.log
node scripts/observatory.mjs dist/_headers
node tests/floor.mjs | tee target/test-floor.log
summary+=("size (first load, gzip):    $(grep -o 'first load is [0-9]*\|total (first load) *[0-9]* *[0-9]*' target/test-size.log | awk '{print $NF}' | tail -1) bytes, within budget")
# The engine's view of the default rulebook and cases, for the browser tests.
mkdir -p target/e2e
cargo run --quiet --offline -p rulebook -- explain rulebooks/default.toml --json > target/e2e/model.json
cargo run --quiet --offline -p rulebook -- cases rulebooks/default.toml rulebooks/default.cases.toml --json > target/e2e/cases.json
npx playwright test -c tests/e2e/playwright.config.mjs 2>&1 | tee target/test-e2e.log
summary+=("support floor:              $(grep -o '^floor: ok.*' target/test-floor.log)")
summary+=("end-to-end (Playwright):    $(grep -Eo '[0-9]+ passed' target/test-e2e.log | tail -1)")

echo
echo "== all tests passed in $(( $(date +%s) - started )) s"
printf '   %s\n' "${summary[@]}"
