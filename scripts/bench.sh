#!/usr/bin/env bash
# Measures the release build in headless Chromium against a plain static page
# (see scripts/bench.mjs). Prints tables; writes target/bench.json.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
"$(dirname "$0")/build.sh"
exec node scripts/bench.mjs "$@"
