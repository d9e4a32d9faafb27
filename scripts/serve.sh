#!/usr/bin/env bash
# Sets everything up, builds and serves the widget with the default rulebook
# on http://127.0.0.1:8080 (rebuilds on changes). Stop with Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cargo run --quiet --offline -p rulebook -- check rulebooks/default.toml
echo
echo "  容错纠错自查 · serving on http://127.0.0.1:8080/"
echo
exec trunk serve --release --offline --address 127.0.0.1 --port 8080 --no-autoreload
