// The support floor (docs/deploy.md) in a real browser: the page and the
// rulebook worker run without the built-ins that the floor's browsers lack;
// where the app cannot start at all (no WebAssembly, a wasm that fails to
// compile, a broken or slow file, a boot script that cannot be parsed), the
// static page says so, points to the paper form, and quick exit still works.
// tests/floor.mjs checks the shipped files' features and syntax.
import { test, expect } from './fixtures.mjs';
import { openWidget, loadCases, runCase, seeResult, reasonKeys } from './helpers.mjs';

// Built-ins newer than Chromium 80, Safari 14 and Firefox 78, taken away
// before any script of the page runs (in the page, or in a worker).
const OLDER = `(() => {
  const drop = (o, k) => { if (o) try { delete o[k]; } catch (_) {} };
  for (const k of ['FinalizationRegistry', 'WeakRef', 'structuredClone', 'AggregateError']) drop(self, k);
  drop(Promise, 'any');
  drop(String.prototype, 'replaceAll');
  drop(String.prototype, 'at');
  drop(Array.prototype, 'at');
  drop(Array.prototype, 'findLast');
  drop(Array.prototype, 'findLastIndex');
  drop(Object, 'hasOwn');
  for (const c of ['Element', 'Document', 'DocumentFragment']) if (self[c]) drop(self[c].prototype, 'replaceChildren');
  if (self.Crypto) drop(Crypto.prototype, 'randomUUID');
})();
`;
const newerGone = (page) => page.evaluate(() => [typeof FinalizationRegistry, typeof Element.prototype.replaceChildren, typeof ''.replaceAll]);

test('a whole run works without the built-ins the floor lacks', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(OLDER);
  const c = loadCases().village_road_overrun;
  await openWidget(page);
  expect(await newerGone(page)).toEqual(['undefined', 'undefined', 'undefined']);
  expect(await runCase(page, c.answers)).toBe('review');
  expect(await seeResult(page)).toBe(c.tier);
  expect(await reasonKeys(page)).toEqual([...c.decisive].sort());
  // Quick exit empties the page without replaceChildren.
  await page.locator('.quick-exit').first().click();
  await page.waitForURL(/neutral\.html$/);
  expect(errors).toEqual([]);
});

test('a deployer\'s rulebook loads in a worker without the built-ins the floor lacks', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(OLDER);
  // The worker's glue gets the same treatment (an init script reaches pages only).
  await page.route(/\/loader\.js$/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: OLDER + (await res.text()) });
  });
  await page.goto('/?rulebook=custom.toml');
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await expect(page.locator('main h1')).toHaveText('某市容错纠错自查');
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
  expect(errors).toEqual([]);
});

// The notice for a page that cannot start: shown, focused, with the paper
// form and what it does with the user's data; start is gone; quick exit works.
async function expectNoStart(page) {
  const notice = page.locator('#static .no-wasm');
  await expect(notice).toBeVisible();
  await expect(notice).toBeFocused();
  await expect(notice.locator('a[href="blank-form.html"]')).toHaveCount(1);
  await expect(notice.locator('p')).toHaveCount(2);
  await expect(page.locator('#static [data-action="start"]')).toBeHidden();
  await expect(page.locator('#static .slow-start')).toBeHidden();
  await expect(page.locator('html')).not.toHaveAttribute('data-ready', '');
  // The privacy facts of the start page stay on screen.
  await expect(page.locator('#static .list--tick li').first()).toBeVisible();
  await page.locator('#static .quick-exit').click();
  await page.waitForURL(/neutral\.html$/);
}

test('without WebAssembly the page points to the paper form', async ({ page }) => {
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.goto('/');
  await expectNoStart(page);
});

test('when the wasm fails to compile or instantiate, the page points to the paper form', async ({ page }) => {
  await page.addInitScript(() => {
    const no = () => Promise.reject(new WebAssembly.CompileError('refused by the test'));
    for (const k of ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming']) WebAssembly[k] = no;
  });
  await page.goto('/');
  await expectNoStart(page);
});

test('when the wasm file is damaged, the page points to the paper form', async ({ page }) => {
  await page.route(/rongcuo-[0-9a-f]+_bg\.wasm$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm garbage, not a module') }));
  await page.goto('/');
  await expectNoStart(page);
});

test('when the boot script is damaged, the page points to the paper form', async ({ page }) => {
  await page.route(/\/boot-[0-9a-f]+\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: 'import from from from;' }));
  await page.goto('/');
  await expectNoStart(page);
});

test('when a browser cannot parse the boot script, the page points to the paper form', async ({ page }) => {
  // As an older browser meets syntax it does not know: the same file, served
  // as the HTML names it (no integrity attribute), fails to parse.
  await page.route(/\/(index\.html)?(\?.*)?$/, async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace(/(<script type="?module"?[^>]*?) integrity="?[^"\s>]+"?/, '$1');
    await route.fulfill({ response: res, body: html });
  });
  await page.route(/\/boot-[0-9a-f]+\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: 'const x = 1;\nclass A { #p = 1; static { await x; } }\n' }));
  await page.goto('/');
  await expectNoStart(page);
});

test('when the app is slow to start after a click, the page says so, and the app still takes over', async ({ page }) => {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto('/');
  await expect(page.locator('#static .no-wasm')).toBeHidden();
  await page.locator('#static [data-action="start"]').click();
  const notice = page.locator('#static .slow-start');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toBeFocused();
  await expect(notice.locator('a[href="blank-form.html"]')).toHaveCount(1);
  await expect(page.locator('#static .no-wasm')).toBeHidden();
  release();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
});

test('a start click made while the app loads at a normal pace shows neither notice', async ({ page }) => {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  // The page's own clock, moved by the test: no waiting on the wall clock.
  await page.clock.install();
  await page.goto('/');
  await page.locator('#static [data-action="start"]').click();
  await page.clock.runFor(1000);
  release();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
  // Well past the wait after which a slow start is reported: nothing is left to fire.
  await page.clock.runFor(10_000);
  await expect(page.locator('html')).not.toHaveAttribute('data-slow-start', '');
  await expect(page.locator('html')).not.toHaveAttribute('data-no-wasm', '');
});

test('inside a portal\'s frame, the notice shows but focus stays on the host page', async ({ page }) => {
  await page.addInitScript(() => { if (window.parent !== window) delete window.WebAssembly; });
  await page.goto('http://127.0.0.1:4174/');
  const frame = page.frameLocator('#widget iframe');
  await expect(frame.locator('#static .no-wasm')).toBeVisible();
  await expect(frame.locator('#static .no-wasm a[href="blank-form.html"]')).toHaveCount(1);
  expect(await page.evaluate(() => document.activeElement === document.body || !document.activeElement.matches('iframe'))).toBe(true);
  await expect(frame.locator('#static .no-wasm')).not.toBeFocused();
});
