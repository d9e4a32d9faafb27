// Benchmark: the release dist/ served gzip-compressed on 127.0.0.1, against a
// plain static page with the same start content (dist/index.html without its
// scripts) as the baseline, in headless Debian Chromium.
//
//   scripts/bench.sh [--runs N]
//
// For each profile (unthrottled, and Lighthouse's mobile profile: 4x CPU
// slowdown, 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, through the
// DevTools protocol), it loads the widget and the baseline alternately in
// fresh contexts (cold cache) N times and records first contentful paint,
// time until `data-ready` and the bytes transferred. It then measures moving
// to the next question (p50 and p95 over 50 transitions) and the JS heap plus
// wasm memory after a complete run. Every median is printed with its ratio to
// the baseline, as a table and as JSON in target/bench.json.
// Nothing here is asserted: timings vary with the machine.
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { start, WIDGET_PORT } from '../tests/e2e/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const ORIGIN = `http://127.0.0.1:${WIDGET_PORT}`;

// The baseline: the same start page as static HTML, no scripts. It is written
// into dist/ for the run (same origin, same stylesheet) and removed after.
const distIndex = readFileSync(`${root}dist/index.html`, 'utf8');
const baseline = distIndex
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link\b[^>]*\brel="?(modulepreload|preload)"?[^>]*>/g, '');
const baselinePath = `${root}dist/__baseline.html`;
writeFileSync(baselinePath, baseline);

const servers = start({ gzip: true });
const wrapper = execSync('command -v chromium', { shell: '/bin/sh' }).toString().trim();
const executablePath = process.env.CHROMIUM || (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : wrapper);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const PROFILES = {
  unthrottled: null,
  mobile: { cpu: 4, latency: 150, down: (1.6 * 1024 * 1024) / 8, up: (750 * 1024) / 8 },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function newPage(profile) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up,
    });
  }
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.addInitScript(() => {
    // When the app marks itself interactive, and how much wasm memory it uses.
    new MutationObserver((_, obs) => {
      if (document.documentElement.hasAttribute('data-ready')) {
        window.__readyAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  });
  return { context, page, cdp, bytes: () => bytes };
}

async function load(profile, url, waitReady) {
  const { context, page, bytes } = await newPage(profile);
  await page.goto(url, { waitUntil: 'load' });
  if (waitReady) await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 60_000 });
  const fcp = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const e = list.getEntriesByName('first-contentful-paint')[0];
      if (e) resolve(e.startTime);
    }).observe({ type: 'paint', buffered: true });
  }));
  await page.waitForTimeout(200); // let late responses settle before counting bytes
  const r = { fcp, ready: waitReady ? await page.evaluate(() => window.__readyAt) : fcp, bytes: bytes() };
  await context.close();
  return r;
}

/** 50 moves to the next question, and memory after complete runs. */
async function interaction(profile) {
  const { context, page, cdp } = await newPage(profile);
  page.on('dialog', (d) => d.accept());
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => window.__readyAt !== undefined);
  const times = [];
  while (times.length < 50) {
    await page.locator('[data-action="start"]').click();
    while (times.length < 50 && (await page.locator('[data-question]').count())) {
      const t = await page.evaluate(async () => {
        const form = document.querySelector('form');
        const first = form.querySelector('input[type=radio], input[type=checkbox]');
        if (first && !form.querySelector('input:checked')) first.click();
        const before = document.querySelector('[data-question]').getAttribute('data-question');
        const t0 = performance.now();
        document.getElementById('continue').click();
        // Until the next page is in the DOM and a frame has been produced.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const after = document.querySelector('[data-question]')?.getAttribute('data-question');
        return after !== before ? performance.now() - t0 : null;
      });
      if (t !== null) times.push(t);
      else break;
    }
    if (await page.locator('#see-result').count()) {
      await page.locator('#see-result').click();
      await page.locator('#restart').click();
    }
  }
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  await context.close();
  return { p50: percentile(times, 50), p95: percentile(times, 95), jsHeap: metrics.JSHeapUsedSize, wasm };
}

const results = {};
try {
  for (const [name, profile] of Object.entries(PROFILES)) {
    const widget = [];
    const base = [];
    for (let i = 0; i < runs; i++) {
      widget.push(await load(profile, `${ORIGIN}/`, true));
      base.push(await load(profile, `${ORIGIN}/__baseline.html`, false));
    }
    const inter = await interaction(profile);
    const m = (xs, k) => median(xs.map((x) => x[k]));
    results[name] = {
      runs,
      widget: { fcp_ms: m(widget, 'fcp'), ready_ms: m(widget, 'ready'), bytes: m(widget, 'bytes') },
      baseline: { fcp_ms: m(base, 'fcp'), ready_ms: m(base, 'ready'), bytes: m(base, 'bytes') },
      next_question_ms: { p50: inter.p50, p95: inter.p95 },
      memory_after_run: { js_heap_bytes: inter.jsHeap, wasm_bytes: inter.wasm },
    };
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.close());
  execSync(`rm -f ${baselinePath}`);
}

mkdirSync(`${root}target`, { recursive: true });
writeFileSync(`${root}target/bench.json`, JSON.stringify(results, null, 2));
const f = (n, unit) => (unit === 'B' ? `${(n / 1024).toFixed(1)} KiB` : `${n.toFixed(0)} ms`);
for (const [name, r] of Object.entries(results)) {
  console.log(`\n${name} (median of ${r.runs} cold loads each; gzip on 127.0.0.1)`);
  console.log('| metric | widget | static baseline | ratio |');
  console.log('|---|---:|---:|---:|');
  console.log(`| first contentful paint | ${f(r.widget.fcp_ms)} | ${f(r.baseline.fcp_ms)} | ${(r.widget.fcp_ms / r.baseline.fcp_ms).toFixed(2)} |`);
  console.log(`| ready (data-ready) | ${f(r.widget.ready_ms)} | ${f(r.baseline.ready_ms)} (its paint) | ${(r.widget.ready_ms / r.baseline.ready_ms).toFixed(2)} |`);
  console.log(`| transferred | ${f(r.widget.bytes, 'B')} | ${f(r.baseline.bytes, 'B')} | ${(r.widget.bytes / r.baseline.bytes).toFixed(2)} |`);
  console.log(`| next question p50 / p95 (50 moves) | ${f(r.next_question_ms.p50)} / ${f(r.next_question_ms.p95)} | – | – |`);
  console.log(`| JS heap + wasm memory after a run | ${f(r.memory_after_run.js_heap_bytes, 'B')} + ${f(r.memory_after_run.wasm_bytes, 'B')} | – | – |`);
}
console.log('\nJSON: target/bench.json');
