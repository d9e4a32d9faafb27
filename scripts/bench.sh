#!/usr/bin/env bash
# Measures the release build in headless Chromium against a static page and a
# SurveyJS page of the same shape (see scripts/bench.mjs). Prints tables;
# writes target/bench.json.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
"$(dirname "$0")/build.sh"
mkdir -p target/e2e
cargo run --quiet --offline -p rulebook -- cases rulebooks/default.toml rulebooks/default.cases.toml --json > target/e2e/cases.json
../shared/bench/peer-surveyjs/build.sh
exec node scripts/bench.mjs "$@"
