// Privacy promises, proven in the browser: over a complete run (with print,
// save and open) every request goes to the page's own origin and only for
// files of dist/; nothing reaches the catcher that every other host name
// resolves to; no cookie, storage, database, cache or service worker is left;
// no answer appears in a URL or a referrer; the strict CSP is never violated.
import { test, expect } from './fixtures.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openWidget, loadCases, runCase, seeResult, openSaved, saveFile, answerCurrent, CATCHER } from './helpers.mjs';

const cases = loadCases();
const dist = new Set(readdirSync(fileURLToPath(new URL('../../dist/', import.meta.url))));
const ORIGIN = 'http://127.0.0.1:4173';

// The self-test below reaches out on purpose, under this name only.
const SELF_TEST_HOST = 'catcher-self-test';
async function caught() {
  const all = await (await fetch(CATCHER)).json();
  return all.filter((c) => !(c.host || '').startsWith(SELF_TEST_HOST));
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

test('a complete run stays on this device', async ({ page, context }) => {
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), referer: r.headers().referer }));
  const c = cases.pilot_land_transfer;
  const secret = '机密描述-' + Date.now();
  const answers = { ...c.answers, description: secret };

  await openWidget(page);
  await runCase(page, answers);
  expect(await seeResult(page)).toBe(c.tier);
  await page.locator('#plan-more summary').click();
  await page.locator('[data-measure="apologise"] input[type=checkbox]').check();
  await page.locator('#m-apologise-date').fill('2026-12-31');
  await page.locator('#m-apologise-date').dispatchEvent('change');
  // Print, save and open.
  await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
  await page.locator('#print').click();
  expect(await page.evaluate(() => window.__printed)).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#save-file').click()]);
  const saved = readFileSync(await download.path(), 'utf8');
  expect(saved).toContain(secret);
  await openSaved(page, saved);
  await page.locator('#dialog-yes').click();
  await expect(page.locator('#open-notice')).toBeVisible();

  // Requests: own origin, files of dist/ only (blob: is the download itself).
  const foreign = requests.filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'))
    .filter((r) => new URL(r.url).origin !== ORIGIN || !(new URL(r.url).pathname === '/' || dist.has(new URL(r.url).pathname.slice(1))));
  expect(foreign).toEqual([]);
  expect(requests.filter((r) => r.referer)).toEqual([]);
  expect(requests.some((r) => r.url.includes(encodeURIComponent(secret)) || r.url.includes(secret))).toBe(false);
  expect(await caught()).toEqual([]);

  // No answer in the address, no storage of any kind.
  expect(page.url()).toBe(ORIGIN + '/');
  expect(await context.cookies()).toEqual([]);
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    csp: window.__csp,
  }));
  expect(stored).toEqual({ local: 0, session: 0, idb: 0, caches: 0, workers: 0, csp: [] });
});

test('the catcher would see any attempt to leave', async ({ page }) => {
  // Proves the guard above can fail: a page without our CSP reaching out is caught.
  const host = `${SELF_TEST_HOST}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.example`;
  const mine = async () => (await (await fetch(CATCHER)).json()).filter((c) => c.host === host);
  expect(await mine()).toEqual([]);
  // From a page without our CSP (the stand-in portal), which would let it through.
  await page.goto('http://127.0.0.1:4174/exit.html');
  await page.evaluate((h) => fetch(`http://${h}/collect?x=1`, { mode: 'no-cors' }).catch(() => {}), host);
  await expect.poll(async () => (await mine()).length).toBeGreaterThan(0);
});

test('the page is served with a strict CSP, no referrer and integrity on every script', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers()['referrer-policy']).toBe('no-referrer');
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
  const scripts = await page.locator('script[src], link[rel=modulepreload], link[rel=preload], link[rel=stylesheet]').evaluateAll((els) =>
    els.map((e) => ({ src: e.getAttribute('src') || e.getAttribute('href'), integrity: e.getAttribute('integrity') })));
  expect(scripts.length).toBeGreaterThanOrEqual(4);
  for (const s of scripts) expect(s.integrity, s.src).toMatch(/^sha384-/);
  // The boot script asks for the wasm itself, with its integrity.
  const boot = scripts.find((s) => /boot-[0-9a-f]+\.js$/.test(s.src));
  expect(await (await page.request.get(boot.src)).text()).toMatch(/_bg\.wasm', \{ integrity: 'sha384-/);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.locator('[style]').count()).toBe(0);
  // The one inline stylesheet is allowed by its hash, in the header and the meta fallback.
  const styles = await page.locator('style').allTextContents();
  expect(styles).toHaveLength(1);
  const hash = `'sha256-${createHash('sha256').update(styles[0]).digest('base64')}'`;
  expect(csp).toContain(`style-src 'self' ${hash};`);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain(`style-src 'self' ${hash};`);
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
});

test('odd and hostile text is shown literally and safely', async ({ page }) => {
  const long = '长'.repeat(100_000);
  const odd = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> **粗** 😀👍🏽 مرحبا بالعالم \u202Eabc\u202C \u0007\tTab';
  const text = (odd + long).slice(0, 100_000);
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  await page.locator('input[value="after"]').check();
  await page.locator('#continue').click();
  await page.locator('input[value="duty"]').check();
  await page.locator('#continue').click();
  await page.locator('textarea[name="description"]').fill(text);
  await page.locator('#continue').click();
  await expect(page.locator('[data-question="happened_on"]')).toBeVisible();
  await page.goBack();
  await expect(page.locator('textarea[name="description"]')).toHaveValue(text);
  // The review page shows it exactly, as text (opened from a saved file on a fresh page).
  await openWidget(page);
  await openSaved(page, saveFile({ ...cases.pilot_land_transfer.answers, description: text }));
  const shown = await page.locator('[data-answer="description"] .summary-list__value').evaluate((e) => e.textContent);
  expect(shown).toBe(text);
  expect(await page.locator('[data-answer="description"] img, [data-answer="description"] script').count()).toBe(0);
  await page.locator('#see-result').click();
  await expect(page.locator('[data-outcome]')).toBeVisible();
  // …and so does the summary on the result page.
  const inSummary = await page.locator('[data-answer="description"] .summary-list__value').evaluate((e) => e.textContent);
  expect(inSummary).toBe(text);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator('html')).not.toHaveAttribute('data-crashed', '');
});

test('no question, answer or result ever reaches the title, the history or the host page', async ({ page }) => {
  const titles = new Set();
  const c = cases.red_line_private_gain;
  await openWidget(page);
  const entries = await page.evaluate(() => history.length);
  const record = async () => titles.add(await page.title());
  await page.locator('[data-action="start"]').click();
  for (let i = 0; i < 40 && !(await page.locator('[data-outcome]').count()); i++) {
    await record();
    const q = await page.locator('[data-question]').getAttribute('data-question');
    await answerCurrent(page, c.answers);
    await expect(page.locator(`[data-question="${q}"]`)).toHaveCount(0);
  }
  await record();
  expect([...titles].filter(Boolean)).toEqual(['容错纠错自查']);
  // One history entry for the whole run, whatever was answered, with a constant state.
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  expect(await page.evaluate(() => history.state)).toBe('rongcuo');
  // Going on past the outcome and to the papers adds none.
  await page.locator('#go-on').click();
  await expect(page.locator('[data-question]')).toBeVisible();
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await page.goBack();
  await expect(page.locator('[data-outcome]')).toBeVisible();
  // Printing names the file neutrally: the title while the dialog is open.
  const printTitle = await page.evaluate(() => new Promise((resolve) => {
    window.print = () => resolve(document.title);
    document.querySelector('#print').click();
  }));
  expect(printTitle).toBe('自查材料');
  await expect(page).toHaveTitle('容错纠错自查');
});

test('embedded with a fixed height (the default), the widget tells the host nothing', async ({ page }) => {
  const messages = [];
  await page.exposeBinding('__hostGot', (_s, m) => messages.push(m));
  await page.addInitScript(() => window.addEventListener('message', (e) => window.__hostGot?.(JSON.stringify(e.data))));
  await page.goto('http://127.0.0.1:4174/');
  const frame = page.frameLocator('#widget iframe');
  await expect(frame.locator('html')).toHaveAttribute('data-ready', '');
  await frame.locator('#open-file').setInputFiles({ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(saveFile(cases.pilot_land_transfer.answers)) });
  await frame.locator('#see-result').click();
  await expect(frame.locator('[data-outcome]')).toBeVisible();
  expect(messages).toEqual([]);
});

for (const [label, address, worker] of [['the built-in rulebook', '/', false], ["a deployer's rulebook, read by the worker", '/?rulebook=custom.toml', true]]) {
  test(`the privacy self-check lists exactly the requests the server saw, all from this site: ${label}`, async ({ page, context }) => {
    const seen = [];
    context.on('request', (r) => seen.push(new URL(r.url()).pathname));
    await page.goto(address);
    await expect(page.locator('html')).toHaveAttribute('data-ready', '');
    await page.locator('#privacy-check summary').click();
    const listed = await page.locator('#privacy-requests [data-request]').evaluateAll((els) => els.map((e) => e.getAttribute('data-request')));
    expect(listed.length).toBeGreaterThan(3);
    for (const r of listed) expect(r.startsWith('/'), `${r} is not on this site`).toBe(true);
    const paths = listed.map((r) => r.split('?')[0]);
    expect([...new Set(paths)].sort()).toEqual([...new Set(seen.map((p) => p))].sort());
    // The worker's own files are among them when it ran.
    expect(paths.some((p) => /loader.*_bg\.wasm$/.test(p))).toBe(worker);
    await expect(page.locator('#privacy-check')).toContainText('127.0.0.1:4173');
  });
}

test('with the network cut after loading, a whole run still completes', async ({ page, context }) => {
  const c = cases.pilot_land_transfer;
  await openWidget(page);
  // Loaded: the wording of results and papers follows the first screen at once.
  await expect(page.locator('html')).toHaveAttribute('data-complete', '');
  await context.setOffline(true);
  await runCase(page, c.answers);
  expect(await seeResult(page)).toBe(c.tier);
  await page.locator('[data-document="statement"]').click();
  await expect(page.locator('[data-document="statement"] h1')).toBeVisible();
  await context.setOffline(false);
});

test('a page translator is told not to translate, and the static page has a meta CSP fallback', async ({ page }) => {
  await openWidget(page);
  await expect(page.locator('html')).toHaveAttribute('translate', 'no');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
});

test('if the wording of later pages cannot be fetched, the page says so, keeps the answers and tries again', async ({ page }) => {
  let block = true;
  await page.route(/\/rest-[0-9a-f]+\.bin$/, (route) => (block ? route.abort() : route.continue()));
  await openWidget(page);
  // The first screens never wait for it.
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
  await openWidget(page);
  await openSaved(page, saveFile(cases.pilot_land_transfer.answers));
  await expect(page.locator('#rest-failed')).toBeVisible();
  await expect(page.locator('#see-result')).toHaveCount(0);
  block = false;
  await page.locator('#rest-retry').click();
  await expect(page.locator('#see-result')).toBeVisible();
  expect(await seeResult(page)).toBe(cases.pilot_land_transfer.tier);
  await expect(page.locator('[data-outcome] h1')).not.toBeEmpty();
});
