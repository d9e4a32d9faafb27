// The start page paints before the wasm (static HTML), the app takes it over
// without a visible change, and the fallbacks for no script / no WebAssembly.
import { test, expect } from './fixtures.mjs';

test('the static start page is the same as the app\'s, and is replaced in place', async ({ page }) => {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/');
  const staticText = await page.locator('#static').innerText();
  const box = await page.locator('#static .button--start').boundingBox();
  release();
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await expect(page.locator('#static')).toHaveCount(0);
  expect(await page.locator('#root').innerText()).toBe(staticText);
  expect(await page.locator('#root .button--start').boundingBox()).toEqual(box);
});

test('a start click made before the app is ready is honoured', async ({ page }) => {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/');
  await page.locator('#static [data-action="start"]').click();
  release();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
});

test('without WebAssembly the page says what to do instead', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/');
  await expect(page.locator('.no-wasm')).toBeVisible();
  await expect(page.locator('.no-wasm a').first()).toHaveAttribute('href', 'blank-form.html');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the page explains and links the paper form', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('noscript')).toHaveCount(1);
    const notice = page.locator('noscript .notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('这个自查需要开启 JavaScript 才能使用');
    await expect(notice.locator('a').first()).toHaveAttribute('href', 'blank-form.html');
  });
});

test('a language switch made before the app is ready is honoured', async ({ page }) => {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/');
  await page.locator('#static .lang-switch').click();
  release();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Fault-tolerance self-check');
});
