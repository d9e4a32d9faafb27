// Browser history, quick exit, starting again and the unload warning.
import { test, expect } from './fixtures.mjs';
import { openWidget, loadCases, answerCurrent, runCase, saveFile, openSaved } from './helpers.mjs';

const cases = loadCases();
const answers = cases.pilot_land_transfer.answers;

test('Back and Forward move between steps and no answer ever appears in the URL', async ({ page }) => {
  await openWidget(page);
  const start = page.url();
  await page.locator('[data-action="start"]').click();
  await answerCurrent(page, answers); // timing
  await answerCurrent(page, answers); // context
  await answerCurrent(page, answers); // description
  await expect(page.locator('[data-question="happened_on"]')).toBeVisible();
  await page.goBack();
  await expect(page.locator('[data-question="description"]')).toBeVisible();
  await expect(page.locator('textarea[name="description"]')).toHaveValue(answers.description);
  await page.goBack();
  await page.goBack();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
  await expect(page.locator('input[name="timing"][value="after"]')).toBeChecked();
  await page.goForward();
  await expect(page.locator('[data-question="context"]')).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(page.locator('#start')).toBeVisible();
  // The in-page back link behaves like the browser's.
  await page.goForward();
  await page.locator('.back-link').click();
  await expect(page.locator('#start')).toBeVisible();
  expect(page.url()).toBe(start);
  const entries = await page.evaluate(() => history.length);
  expect(entries).toBeGreaterThan(2);
});

test('quick exit by the button clears everything and leaves for the neutral page', async ({ page }) => {
  await openWidget(page);
  await openSaved(page, saveFile(answers));
  await expect(page.locator('#see-result')).toBeVisible();
  await page.locator('.quick-exit').click();
  await page.waitForURL(/neutral\.html$/);
  await expect(page).toHaveTitle('新标签页');
  // Going back loads a fresh page: nothing of the answers survives.
  await page.goBack();
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await expect(page.locator('#start')).toBeVisible();
  await expect(page.locator('[data-answer]')).toHaveCount(0);
});

test('quick exit by pressing Shift three times, alone, outside text fields', async ({ page }) => {
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  await page.locator('input[name="timing"][value="after"]').check();
  await page.keyboard.press('Shift');
  await expect(page.locator('html')).toHaveAttribute('data-exit-count', '1');
  await expect(page.locator('#exit-status')).toHaveText('再按 2 次 Shift 键即可快速离开');
  await page.keyboard.press('Shift');
  await expect(page.locator('html')).toHaveAttribute('data-exit-count', '2');
  await expect(page.locator('#exit-status')).toHaveText('再按 1 次 Shift 键即可快速离开');
  await page.keyboard.press('Shift');
  await page.waitForURL(/neutral\.html$/);
});

test('typing never triggers quick exit: capitals, full-width punctuation, Shift alone in a text field', async ({ page }) => {
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  await page.locator('input[name="timing"][value="after"]').check();
  await page.locator('#continue').click();
  await page.locator('input[name="context"][value="duty"]').check();
  await page.locator('#continue').click();
  const text = page.locator('textarea[name="description"]');
  await text.focus();
  // Real key events: Shift held for capitals and for full-width punctuation.
  await page.keyboard.type('I told Mr Wang. ABC');
  await page.keyboard.type('系统对接延误（约两周）？');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift');
  await expect(text).toHaveValue('I told Mr Wang. ABC系统对接延误（约两周）？');
  expect(page.url()).not.toMatch(/neutral/);
  await expect(page.locator('html')).not.toHaveAttribute('data-exit-count', /.*/);
  // Outside the field, Shift used as a modifier does not count, and any other key starts again.
  await page.locator('#continue').focus();
  await page.keyboard.press('Shift+KeyA');
  await page.keyboard.press('Shift+KeyB');
  await page.keyboard.press('Shift+KeyC');
  await expect(page.locator('html')).not.toHaveAttribute('data-exit-count', /.*/);
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('KeyX');
  await expect(page.locator('html')).not.toHaveAttribute('data-exit-count', /.*/);
  await expect(page.locator('#exit-status')).toHaveText('快速离开已取消');
  await page.keyboard.press('Shift');
  expect(page.url()).not.toMatch(/neutral/);
  await expect(page.locator('[data-question="description"]')).toBeVisible();
});

test('quick exit works before the app is ready', async ({ page }) => {
  // Hold the wasm back: the static start page's button must still work.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/');
  await expect(page.locator('#static .quick-exit')).toBeVisible();
  await page.locator('#static .quick-exit').click();
  await page.waitForURL(/neutral\.html$/);
  release();
});

test('quick exit goes to the neutral page the deployer chose and listed', async ({ page }) => {
  // The test server lists http://127.0.0.1:4174/ in <meta name="rongcuo-exit-allow">, as a deployer would.
  await openWidget(page, '?exit=' + encodeURIComponent('http://127.0.0.1:4174/exit.html'));
  await expect(page.locator('.quick-exit')).toHaveAttribute('href', 'http://127.0.0.1:4174/exit.html');
  await page.locator('.quick-exit').click();
  await page.waitForURL('http://127.0.0.1:4174/exit.html');
});

test('a quick-exit address the deployer did not list, or not http(s), is ignored', async ({ page }) => {
  for (const bad of ['javascript:alert(1)', 'https://evil.example/phish.html', 'http://127.0.0.1:4175/x']) {
    await openWidget(page, '?exit=' + encodeURIComponent(bad));
    await expect(page.locator('.quick-exit')).toHaveAttribute('href', /\/neutral\.html$/);
  }
});

test('start again clears every answer after confirming', async ({ page }) => {
  await openWidget(page);
  await openSaved(page, saveFile(answers));
  await page.locator('#see-result').click();
  page.once('dialog', (d) => d.accept());
  await page.locator('#restart').click();
  await expect(page.locator('#start')).toBeVisible();
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('input[name="timing"]:checked')).toHaveCount(0);
});

test('leaving or reloading with answers asks first; without answers it does not', async ({ page }) => {
  await openWidget(page);
  // One answer given: closing asks first (the dialog is dismissed, so the page stays).
  let dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.type()); await d.dismiss(); });
  await page.locator('[data-action="start"]').click();
  await page.locator('input[name="timing"][value="after"]').check();
  await page.locator('#continue').click();
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
});

test('a page without answers closes without a warning', async ({ page }) => {
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.type()); await d.dismiss(); });
  // close() does not wait with runBeforeUnload; the page's own close event does.
  // A warning would be dismissed, the page would stay open and this would time out.
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toEqual([]);
});
