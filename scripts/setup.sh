#!/usr/bin/env bash
# Idempotent set-up: installs only what is missing. Every download comes from
# the package registries (crates, npm, Debian); nothing else is fetched.
# Sourced by the other scripts (it also puts the tools on PATH); can be run alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# Rust target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# trunk (bundler). 0.22 needs a newer rustc, so it is pinned.
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen CLI: must equal the wasm-bindgen crate pinned in Cargo.toml.
# `--locked` fails for this crate (the registry lacks one locked dependency).
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes several minutes once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Debian packages: the browser for all browser tests, poppler for PDF checks.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# A Chinese font, so screenshots and PDFs made by the tests show real characters.
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# npm packages (wasm-opt from binaryen, Playwright, axe) from the committed lockfile.
# Playwright must never download a browser: Debian's chromium is used instead.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.setup-lock; then
  log "installing npm packages with npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.setup-lock
fi

# Crate sources, so every later build can run --offline.
if [ ! -f target/.fetched ] || [ Cargo.lock -nt target/.fetched ]; then
  log "fetching crates"
  cargo fetch --locked
  mkdir -p target && touch target/.fetched
fi

# Browser tests of the wasm build find Debian's chromium and chromedriver here.
CHROMEDRIVER="$(command -v chromedriver)"
export CHROMEDRIVER
printf '{"goog:chromeOptions":{"binary":"%s","args":["--headless=new","--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"]}}\n' \
  "$(command -v chromium)" > webdriver.json
