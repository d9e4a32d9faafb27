// Benchmark: the release dist/ against two peers, in one run, in headless
// Debian Chromium, every file served gzip-compressed from 127.0.0.1:
//   - static:   ../shared/bench/static-baseline/ (a 0.5 KB page, no script;
//               its "ready" is its load event), the floor for any page;
//   - surveyjs: ../shared/bench/peer-surveyjs/ (SurveyJS running a
//               questionnaire of the same shape; built by its build.sh).
//
//   scripts/bench.sh [--runs N] [--before DIR]
//
// --before DIR adds an earlier build's dist/ (for example one made from an
// older commit in a git worktree) as a fourth page, "before", measured the
// same way in the same run.
//
// For each profile (unthrottled, and Lighthouse's mobile profile: 4x CPU
// slowdown, 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, through the
// DevTools protocol) it loads the three pages in turn, in fresh contexts
// (cold cache), N times, and records first contentful paint, largest
// contentful paint, time to ready (`data-ready` on <html>) and the bytes
// transferred. It then walks the widget and SurveyJS through a complete run:
// the time from a click on Continue (SurveyJS: Next page) until the next step
// is in the DOM (p50, p95), the time from asking for the result until it is in
// the DOM, and the JS heap plus wasm memory after the runs. Medians are printed
// with ratios to both peers, as a table and as JSON in target/bench.json.
// Nothing here is asserted: timings vary with the machine.
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, serveDir, WIDGET_PORT } from '../tests/e2e/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(arg('--runs')) || 7;
const beforeDir = arg('--before') && resolve(arg('--before'));
const shared = resolve(root, '../shared/bench');
const STATIC_PORT = WIDGET_PORT + 10;
const PEER_PORT = WIDGET_PORT + 11;
const BEFORE_PORT = WIDGET_PORT + 12;
const PAGES = {
  widget: `http://127.0.0.1:${WIDGET_PORT}/`,
  static: `http://127.0.0.1:${STATIC_PORT}/`,
  surveyjs: `http://127.0.0.1:${PEER_PORT}/`,
  ...(beforeDir ? { before: `http://127.0.0.1:${BEFORE_PORT}/` } : {}),
};
if (!existsSync(`${shared}/peer-surveyjs/dist/index.html`)) execSync(`${shared}/peer-surveyjs/build.sh`, { stdio: 'inherit' });

// The widget walks the longest path of the default rulebook: a case that
// reaches the review page and the full result.
const CASE = 'pilot_land_transfer';
const cases = JSON.parse(readFileSync(`${root}target/e2e/cases.json`, 'utf8'));
const plain = (a) => Object.values(a)[0];
const answers = Object.fromEntries(Object.entries(cases.find((c) => c.case.id === CASE).case.answers).map(([k, v]) => [k, plain(v)]));

const servers = [
  ...start({ gzip: true }),
  createServer(serveDir(`${shared}/static-baseline`, {})).listen(STATIC_PORT, '127.0.0.1'),
  createServer(serveDir(`${shared}/peer-surveyjs/dist`, {})).listen(PEER_PORT, '127.0.0.1'),
  ...(beforeDir ? [createServer(serveDir(beforeDir, {})).listen(BEFORE_PORT, '127.0.0.1')] : []),
];
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
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
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
    // When the page marks itself ready, and the widget's wasm memory.
    new MutationObserver((_, obs) => {
      if (document.documentElement.hasAttribute('data-ready')) {
        window.__readyAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    addEventListener('load', () => { window.__loadAt = performance.now(); });
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    window.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  return { context, page, cdp, bytes: () => bytes };
}

async function load(profile, name) {
  const { context, page, bytes } = await newPage(profile);
  await page.goto(PAGES[name], { waitUntil: 'load' });
  if (name === 'static') await page.waitForFunction(() => window.__loadAt !== undefined);
  else await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 60_000 });
  const fcp = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const e = list.getEntriesByName('first-contentful-paint')[0];
      if (e) resolve(e.startTime);
    }).observe({ type: 'paint', buffered: true });
  }));
  await page.waitForTimeout(300); // late paints and responses settle before they are read
  const r = await page.evaluate(() => ({ ready: window.__readyAt ?? window.__loadAt, lcp: window.__lcp }));
  await context.close();
  return { fcp, lcp: r.lcp, ready: r.ready, bytes: bytes() };
}

/** In the page: runs `act`, resolves with the ms until `done()` holds in the DOM. */
const TIMED = `window.__timed = (act, done) => new Promise((resolve) => {
  const t0 = performance.now();
  let over = false;
  const finish = () => { if (!over && done()) { over = true; obs.disconnect(); resolve(performance.now() - t0); } };
  const obs = new MutationObserver(finish);
  obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  setTimeout(() => { if (!over) { over = true; obs.disconnect(); resolve(null); } }, 5000);
  act();
  finish();
});`;

/**
 * The widget: complete runs of the case until 50 steps are timed, and a
 * result per run. A question the case does not answer (an earlier build's
 * rulebook) gets its first option, or a short text.
 */
async function widgetRuns(page) {
  const steps = [];
  const results = [];
  while (steps.length < 50) {
    await page.locator('[data-action="start"]').click();
    for (;;) {
      const t = await page.evaluate(async (answers) => {
        const q = document.querySelector('[data-question]');
        if (!q) return null;
        const id = q.getAttribute('data-question');
        let a = answers[id];
        if (a === undefined) {
          const first = document.querySelector(`input[name="${id}"][type=radio], input[name="${id}"][type=checkbox]`);
          a = first ? first.value : document.querySelector(`input[type="date"][name="${id}"]`) ? '2026-01-01' : '说明';
        }
        for (const v of Array.isArray(a) ? a : [String(a)]) {
          const field = document.querySelector(`textarea[name="${id}"], input[type="date"][name="${id}"]`);
          if (field) {
            field.value = v;
            field.dispatchEvent(new Event('input', { bubbles: true }));
          } else {
            // An option the case names that an earlier build lacks: its first option.
            const input = document.querySelector(`input[name="${id}"][value="${v}"]`) || document.querySelector(`input[name="${id}"]`);
            if (!input.checked) input.click();
          }
        }
        return window.__timed(() => document.getElementById('continue').click(),
          () => document.querySelector('[data-question]')?.getAttribute('data-question') !== id);
      }, answers);
      if (t === null) break;
      steps.push(t);
    }
    if (!(await page.locator('#see-result').count())) throw new Error(`the run did not reach the review page (${page.url()})`);
    results.push(await page.evaluate(() => window.__timed(() => document.getElementById('see-result').click(),
      () => document.querySelector('[data-outcome]') !== null)));
    await page.locator('#restart').click();
    // The page asks in the page whether to clear the answers (an earlier
    // build asked with confirm(), accepted by the dialog handler).
    await page.locator('#dialog-yes, [data-action="start"]').first().waitFor();
    if (await page.locator('#dialog-yes').count()) await page.locator('#dialog-yes').click();
  }
  return { steps, results };
}

/** SurveyJS: complete runs (every required question answered) until 50 page moves are timed. */
async function surveyRuns(page) {
  const steps = [];
  const results = [];
  while (steps.length < 50) {
    for (;;) {
      const t = await page.evaluate(() => {
        const title = document.querySelector('.sd-page__title')?.textContent;
        for (const q of document.querySelectorAll('.sd-question')) {
          const r = q.querySelector('input[type=radio], input[type=checkbox]');
          if (r && !q.querySelector('input:checked')) r.click();
          for (const f of q.querySelectorAll('textarea, input[type=date], input[type=text]')) {
            if (!f.value) {
              f.value = f.type === 'date' ? '2026-01-01' : '说明';
              f.dispatchEvent(new Event('input', { bubbles: true }));
              f.dispatchEvent(new Event('change', { bubbles: true }));
            }
          }
        }
        const next = document.querySelector('.sd-navigation__next-btn');
        if (!next || !next.offsetParent) return null;
        return window.__timed(() => next.click(), () => document.querySelector('.sd-page__title')?.textContent !== title);
      });
      if (t === null) break;
      steps.push(t);
    }
    // Preview, then submit: the result is the completed page.
    await page.evaluate(() => document.querySelector('.sd-navigation__preview-btn')?.click());
    await page.locator('.sd-navigation__complete-btn').waitFor();
    results.push(await page.evaluate(() => window.__timed(() => document.querySelector('.sd-navigation__complete-btn').click(),
      () => document.querySelector('[data-outcome]') !== null)));
    await page.goto(PAGES.surveyjs);
    await page.waitForFunction(() => window.__readyAt !== undefined);
    await page.evaluate(TIMED);
  }
  return { steps, results };
}

async function interaction(profile, name) {
  const { context, page, cdp } = await newPage(profile);
  page.on('dialog', (d) => d.accept());
  await page.goto(PAGES[name]);
  await page.waitForFunction(() => window.__readyAt !== undefined);
  // A script tag would break the widget's CSP; evaluate is not subject to it.
  await page.evaluate(TIMED);
  const { steps, results } = name === 'surveyjs' ? await surveyRuns(page) : await widgetRuns(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  await context.close();
  return { step_p50: percentile(steps, 50), step_p95: percentile(steps, 95), steps: steps.length, result_ms: median(results), js_heap: metrics.JSHeapUsedSize, wasm };
}

const results = {};
try {
  for (const [profile, settings] of Object.entries(PROFILES)) {
    const loads = Object.fromEntries(Object.keys(PAGES).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      // Alternating order, so that no page always goes first.
      const order = i % 2 ? Object.keys(PAGES).reverse() : Object.keys(PAGES);
      for (const name of order) {
        loads[name].push(await load(settings, name));
        process.stderr.write(`${profile} ${name} ${i + 1}/${runs}\n`);
      }
    }
    const out = { runs };
    for (const [name, xs] of Object.entries(loads)) {
      out[name] = Object.fromEntries(['fcp', 'lcp', 'ready', 'bytes'].map((k) => [k, median(xs.map((x) => x[k]))]));
    }
    out.widget = { ...out.widget, ...(await interaction(settings, 'widget')) };
    if (beforeDir) out.before = { ...out.before, ...(await interaction(settings, 'before')) };
    out.surveyjs = { ...out.surveyjs, ...(await interaction(settings, 'surveyjs')) };
    results[profile] = out;
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.close());
}

mkdirSync(`${root}target`, { recursive: true });
writeFileSync(`${root}target/bench.json`, JSON.stringify(results, null, 2));
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(n < 20 ? 1 : 0)} ms` : '–');
const kib = (n) => (Number.isFinite(n) ? `${(n / 1024).toFixed(1)} KiB` : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
for (const [profile, r] of Object.entries(results)) {
  const { widget: w, static: s, surveyjs: p, before: b } = r;
  console.log(`\n${profile}: median of ${r.runs} cold loads each, alternating; gzip on 127.0.0.1`);
  const head = ['metric', 'widget', ...(b ? ['before'] : []), 'static page', 'SurveyJS', 'widget ÷ static', ...(b ? ['before ÷ static'] : []), 'SurveyJS ÷ widget', ...(b ? ['SurveyJS ÷ before'] : [])];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|---|${head.slice(1).map(() => '---:').join('|')}|`);
  const row = (name, k, f, peers = true) => {
    const cells = [f(w[k]), ...(b ? [f(b[k])] : []), peers === 'static' || peers === true ? f(s[k]) : '–', f(p[k]),
      peers === true ? ratio(w[k], s[k]) : '–', ...(b ? [peers === true ? ratio(b[k], s[k]) : '–'] : []), ratio(p[k], w[k]), ...(b ? [ratio(p[k], b[k])] : [])];
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  };
  row('first contentful paint', 'fcp', ms);
  row('largest contentful paint', 'lcp', ms);
  row('ready (static: load event)', 'ready', ms);
  row('transferred', 'bytes', kib);
  row(`next step, p50 (${w.steps} moves)`, 'step_p50', ms, false);
  row('next step, p95', 'step_p95', ms, false);
  row('result page in the DOM', 'result_ms', ms, false);
  row('JS heap after the runs', 'js_heap', kib, false);
  console.log(`| wasm memory after the runs | ${kib(w.wasm)}${b ? ` | ${kib(b.wasm)}` : ''} | – | – | – |${b ? ' – | – |' : ''} – |`);
}
console.log('\nA widget step is one question; a SurveyJS step is one page of several questions.');
console.log('JSON: target/bench.json');
