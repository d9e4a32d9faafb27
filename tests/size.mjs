// Size budget of the first load: every file the browser fetches to show the
// widget (HTML with its stylesheet inline, JS, wasm; the default rulebook is
// inside the wasm),
// gzip-compressed, must stay within BUDGET. Prints raw, gzip and brotli bytes.
// Bytes are deterministic, so this is a test; speed is measured by the benchmark.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// The page's wasm carries no TOML reader (rulebooks are compiled at build
// time, or in a worker), no serde, no float parsing, no English (fetched on
// demand), and a small allocator; see ARCHITECTURE.md.
// The budget is the measured size plus under 0.5 % (200,145 bytes on
// 2026-12-03, after the app core, the result view model, papers as data, the
// in-page dialogs, the wording only later pages show moved to a file fetched
// once the page is ready, and the result's static sections written as
// escaped markup): it stops growth. It is NOT the
// requirement: issue 22 asks for 165,000 bytes, then 150,000 and 135,000;
// that is not met yet (see docs/performance.md for where the bytes go).
const BUDGET = 201_000; // bytes, gzip, first load
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const files = new Set(['index.html']);
// Attributes may be unquoted: the HTML is minified.
for (const m of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="?\.\/([^"\s>]+)"?[^>]*>/g)) files.add(m[1]);
if (![...files].some((f) => f.endsWith('.wasm'))) throw new Error('no wasm found among the first-load files');

const rows = [...files].map((f) => {
  const buf = readFileSync(join(dist, f));
  return {
    file: f,
    raw: statSync(join(dist, f)).size,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
rows.sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(36)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(36)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
console.log(`${'total (first load)'.padEnd(36)}${pad(total.raw, 10)}${pad(total.gzip, 10)}${pad(total.brotli, 10)}`);
// Fetched once the first screen is ready, not before it: reported, not counted.
for (const f of readdirSync(dist).filter((f) => /^rest-[0-9a-f]+\.bin$/.test(f))) {
  console.log(`${('after ready: ' + f).padEnd(36)}${pad(statSync(join(dist, f)).size, 10)}${pad(gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 10)}`);
}
console.log(`budget: ${BUDGET} bytes gzip`);
if (total.gzip > BUDGET) {
  console.error(`size: FAIL, first load is ${total.gzip} bytes gzip, over the ${BUDGET} budget by ${total.gzip - BUDGET}`);
  process.exit(1);
}
console.log(`size: ok, ${BUDGET - total.gzip} bytes under budget`);
