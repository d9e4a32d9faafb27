#!/usr/bin/env bash
# Builds the deployable static widget into dist/ (release, size-optimised).
# Skips the build when nothing that goes into dist/ has changed.
set -euo pipefail
source "$(dirname "$0")/setup.sh"

inputs_hash() {
  { git ls-files -co --exclude-standard -- src crates assets rulebooks locales build.rs index.html Trunk.toml Cargo.toml Cargo.lock scripts/postbuild.mjs scripts/floor .cargo/config.toml \
      | LC_ALL=C sort | while read -r f; do [ -f "$f" ] && sha256sum "$f"; done; } | sha256sum | cut -d' ' -f1
}
want=$(inputs_hash)
# The hash of what went into dist/ is kept outside it: dist/ holds the site only.
stamp=target/dist-inputs
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f dist/index.html ]; then
  echo "[build] dist/ is up to date"
  exit 0
fi
# The default rulebook must be valid before anything ships (the CLI names file, key and line).
cargo run --quiet --offline -p rulebook -- check rulebooks/default.toml
trunk build --release --offline
mkdir -p target && echo "$want" > "$stamp"
echo "[build] dist/ ready: serve it from any static host (see README)"
