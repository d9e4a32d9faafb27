// Browser history, quick exit, starting again and leaving the page.
import { test, expect } from './fixtures.mjs';
import { openWidget, loadCases, answerCurrent, answerDialog, saveFile, openSaved } from './helpers.mjs';

const cases = loadCases();
const answers = cases.pilot_land_transfer.answers;

const historyLength = (page) => page.evaluate(() => history.length);
const historyState = (page) => page.evaluate(() => JSON.stringify(history.state));

test('the browser\'s Back steps back within the run on one history entry of the page\'s own, and then leaves', async ({ page }) => {
  await openWidget(page);
  const start = page.url();
  const before = await historyLength(page);
  await page.locator('[data-action="start"]').click();
  await answerCurrent(page, answers); // timing
  await answerCurrent(page, answers); // context
  await answerCurrent(page, answers); // description
  await expect(page.locator('[data-question="happened_on"]')).toBeVisible();
  // One entry for the whole run, with a state that says nothing about it.
  expect(await historyLength(page)).toBe(before + 1);
  expect(await historyState(page)).toBe('"rongcuo"');
  await page.goBack();
  await expect(page.locator('[data-question="description"]')).toBeVisible();
  await expect(page.locator('textarea[name="description"]')).toHaveValue(answers.description);
  await page.goBack();
  // (each Back seen before the next, as a person presses it: the entry is
  // re-armed in the popstate handler, which Playwright's goBack may outrun)
  await expect(page.locator('[data-question="context"]')).toBeVisible();
  await page.goBack();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
  await expect(page.locator('input[name="timing"][value="after"]')).toBeChecked();
  expect(await historyLength(page)).toBe(before + 1);
  // Forward is not a step forward in the run: nothing changes.
  await page.goForward();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
  // From the first step, Back shows the start page…
  await page.goBack();
  await expect(page.locator('#start')).toBeVisible();
  await page.goForward();
  await expect(page.locator('#start')).toBeVisible();
  // …the in-page back link behaves like the browser's Back…
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
  await page.locator('.back-link').click();
  await expect(page.locator('#start')).toBeVisible();
  expect(page.url()).toBe(start);
  expect(await historyLength(page)).toBe(before + 1);
  // …and from the start page Back leaves the tool.
  await page.goBack();
  await page.goBack();
  await page.waitForURL('about:blank');
});

test('quick exit by the button clears everything, and Back does not bring the run back', async ({ page }) => {
  await openWidget(page);
  await openSaved(page, saveFile(answers));
  await page.locator('#see-result').click();
  await expect(page.locator('[data-outcome]')).toBeVisible();
  await page.locator('.quick-exit').click();
  await page.waitForURL(/neutral\.html$/);
  await expect(page).toHaveTitle('新标签页');
  // The page's entry was replaced: Back reaches the page's first entry, a fresh page.
  await page.goBack();
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await expect(page.locator('#start')).toBeVisible();
  await expect(page.locator('[data-answer], [data-outcome]')).toHaveCount(0);
  expect(await page.content()).not.toContain(answers.description.slice(0, 10));
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

test('Shift held with a click or the wheel never counts, and a click starts the count again', async ({ page }) => {
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  const title = page.locator('[data-question="timing"] h1');
  await expect(title).toBeVisible();
  const box = await title.boundingBox();
  // Extending a selection: Shift + click, three times.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.down('Shift');
    await page.mouse.click(box.x + 5 + i * 10, box.y + box.height / 2);
    await page.keyboard.up('Shift');
  }
  await expect(page.locator('html')).not.toHaveAttribute('data-exit-count', /.*/);
  // Scrolling sideways: Shift + wheel, three times.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, 120);
    await page.keyboard.up('Shift');
  }
  await expect(page.locator('html')).not.toHaveAttribute('data-exit-count', /.*/);
  // A click between lone Shifts starts again; moving the pointer does not.
  await page.keyboard.press('Shift');
  await expect(page.locator('html')).toHaveAttribute('data-exit-count', '1');
  await page.mouse.click(box.x + 5, box.y + box.height / 2);
  await expect(page.locator('html')).not.toHaveAttribute('data-exit-count', /.*/);
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expect(page.locator('html')).toHaveAttribute('data-exit-count', '2');
  await page.mouse.move(box.x + 40, box.y + 40);
  expect(page.url()).not.toMatch(/neutral/);
  await page.keyboard.press('Shift');
  await page.waitForURL(/neutral\.html$/);
});

test('Shift three times exits with focus on a radio button', async ({ page }) => {
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  const radio = page.locator('input[name="timing"][value="after"]');
  await radio.focus();
  await expect(radio).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
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

test('without exit.js the app brings its own quick exit, by the button and by Shift three times', async ({ page }) => {
  await page.route(/\/exit-[0-9a-f]+\.js$/, (route) => route.abort());
  for (const how of ['button', 'shift']) {
    await openWidget(page);
    await page.locator('[data-action="start"]').click();
    await page.locator('input[name="timing"][value="after"]').check();
    await page.locator('#continue').click();
    await expect(page.locator('[data-question="context"]')).toBeVisible();
    if (how === 'button') {
      await page.locator('.quick-exit').click();
    } else {
      // Shift + click does not count here either.
      await page.keyboard.down('Shift');
      await page.locator('[data-question="context"] h1').click();
      await page.keyboard.up('Shift');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    }
    await page.waitForURL(/neutral\.html$/);
  }
});

test('the blank paper form has the quick exit too, by the button and by Shift three times', async ({ page }) => {
  for (const how of ['button', 'shift']) {
    await page.goto('/blank-form.html');
    const exit = page.locator('.quick-exit');
    await expect(exit).toBeVisible();
    await expect(exit).toHaveAttribute('href', /\/neutral\.html$/);
    if (how === 'button') await exit.click();
    else for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForURL(/neutral\.html$/);
  }
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

test('start again asks in the page: declining keeps the answers, confirming clears them', async ({ page }) => {
  await openWidget(page);
  await openSaved(page, saveFile(answers));
  await page.locator('#see-result').click();
  await page.locator('#restart').click();
  await answerDialog(page, false);
  await expect(page.locator('[data-outcome]')).toBeVisible();
  await page.locator('#restart').click();
  await answerDialog(page, true);
  await expect(page.locator('#start')).toBeVisible();
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('input[name="timing"]:checked')).toHaveCount(0);
});

test('no question the page asks can hold quick exit', async ({ page }) => {
  await openWidget(page);
  await openSaved(page, saveFile(answers));
  await page.locator('#see-result').click();
  await page.locator('#restart').click();
  await expect(page.locator('#dialog')).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForURL(/neutral\.html$/);
});

test('closing or reloading never asks first, with answers or without, and a pull does not reload', async ({ page }) => {
  await openWidget(page);
  // No leave-site prompt: it would keep the page on screen (the fixture fails any browser dialog).
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overscrollBehaviorY)).toBe('contain');
  await page.locator('[data-action="start"]').click();
  await page.locator('input[name="timing"][value="after"]').check();
  await page.locator('#continue').click();
  await expect(page.locator('[data-question="context"]')).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await page.locator('[data-action="start"]').click();
  await page.locator('input[name="timing"][value="after"]').check();
  await page.locator('#continue').click();
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
});
