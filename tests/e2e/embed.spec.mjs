// Embedding in a portal: the example host page (another origin) embeds the
// widget with embed.js. The frame tells the host nothing by its size, adds
// nothing to the host's history unless asked, prints only its summary, and
// quick exit leaves the host page too.
import { test, expect } from './fixtures.mjs';
import { loadCases, saveFile } from './helpers.mjs';

const HOST = 'http://127.0.0.1:4174/';
const cases = loadCases();

async function openHost(page, path = '') {
  await page.goto(HOST + path);
  const frame = page.frameLocator('#widget iframe');
  await expect(frame.locator('html')).toHaveAttribute('data-ready', '');
  return frame;
}

const frameHeight = (page) => page.locator('#widget iframe').evaluate((f) => f.getBoundingClientRect().height);

test('by default the frame has a fixed height that says nothing of the page shown', async ({ page }) => {
  const frame = await openHost(page);
  await expect(page.locator('#widget iframe')).toHaveAttribute('sandbox',
    'allow-scripts allow-same-origin allow-forms allow-modals allow-downloads allow-top-navigation-by-user-activation');
  const start = await frameHeight(page);
  await frame.locator('[data-action="start"]').click();
  await expect(frame.locator('[data-question="timing"]')).toBeVisible();
  expect(await frameHeight(page)).toBe(start);
});

test('with data-auto-height the widget posts one height, before any answer, and never another', async ({ page }) => {
  const heights = [];
  await page.exposeBinding('__height', (_s, h) => heights.push(h));
  await page.addInitScript(() => window.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'rongcuo:height') window.__height(e.data.height);
  }));
  const frame = await openHost(page, 'auto.html');
  await expect.poll(() => heights.length).toBe(1);
  const start = await frameHeight(page);
  expect(start).toBe(heights[0]);
  // A whole run to a result, and a paper: the frame keeps its height and scrolls inside.
  await frame.locator('#open-file').setInputFiles({ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(saveFile(cases.village_road_overrun.answers)) });
  await frame.locator('#see-result').click();
  await expect(frame.locator('[data-outcome]')).toBeVisible();
  await frame.locator('[data-document="statement"]').click();
  await expect(frame.locator('[data-document="statement"] h1')).toBeVisible();
  await frame.locator('#document-back').click();
  await frame.locator('#restart').click();
  await frame.locator('#dialog-yes').click();
  await frame.locator('[data-action="start"]').click();
  await expect(frame.locator('[data-question="timing"]')).toBeVisible();
  expect(heights).toEqual([start]);
  expect(await frameHeight(page)).toBe(start);
  // Options passed by the host are applied: the accent colour.
  const accent = await frame.locator('html').evaluate((h) => getComputedStyle(h).getPropertyValue('--accent').trim());
  expect(accent).toBe('#1d4f91');
});

test('framed, the widget adds nothing to the host page\'s history unless the host asks', async ({ page }) => {
  for (const [path, added] of [['', 0], ['history.html', 1]]) {
    const frame = await openHost(page, path);
    const before = await page.evaluate(() => history.length);
    await frame.locator('[data-action="start"]').click();
    for (const [q, v] of [['timing', 'after'], ['context', 'duty']]) {
      await frame.locator(`input[name="${q}"][value="${v}"]`).check();
      await frame.locator('#continue').click();
    }
    await expect(frame.locator('[data-question="description"]')).toBeVisible();
    expect(await page.evaluate(() => history.length) - before, path || 'default').toBe(added);
    if (added) {
      // With the host's consent, Back steps back in the run.
      // (history.back() on the host page: the entry is the frame's, so the
      // top page does not navigate and Playwright's goBack would wait for it.)
      await page.evaluate(() => history.back());
      await expect(frame.locator('[data-question="context"]')).toBeVisible();
    }
  }
});

test('messages from anything but the widget frame are ignored', async ({ page }) => {
  await openHost(page, 'auto.html');
  await expect.poll(() => frameHeight(page)).toBeGreaterThanOrEqual(640);
  const before = await frameHeight(page);
  await page.evaluate(() => window.postMessage({ type: 'rongcuo:height', height: 12 }, '*'));
  await page.evaluate(() => window.postMessage({ type: 'rongcuo:exit' }, '*'));
  await page.waitForFunction(() => true);
  expect(await frameHeight(page)).toBe(before);
  expect(page.url()).toBe(HOST + 'auto.html');
});

test('printing shows only the summary of the widget', async ({ page }) => {
  const frame = await openHost(page);
  await frame.locator('#open-file').setInputFiles({ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(saveFile(cases.pilot_land_transfer.answers)) });
  await frame.locator('#see-result').click();
  await expect(frame.locator('[data-outcome]')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const hidden = async (sel) => frame.locator(sel).first().evaluate((e) => getComputedStyle(e).display === 'none');
  for (const sel of ['.site-header', '.site-footer', '#print', '#save-file', '.back-link', '.actions']) {
    expect(await hidden(sel), sel).toBe(true);
  }
  await expect(frame.locator('.summary-head')).toBeVisible();
  await expect(frame.locator('[data-outcome]')).toBeVisible();
  await expect(frame.locator('.notes')).toBeVisible();
});

test('quick exit from inside the frame leaves the host page', async ({ page }) => {
  const frame = await openHost(page);
  await frame.locator('[data-action="start"]').click();
  await frame.locator('.quick-exit').click();
  await expect(page).toHaveURL('http://127.0.0.1:4174/exit.html');
});

test('Shift three times inside the frame leaves the host page too', async ({ page }) => {
  const frame = await openHost(page);
  await frame.locator('[data-action="start"]').click();
  // Wait until the new page has taken focus (the heading), inside the frame.
  await expect(frame.locator('main h1')).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await expect(page).toHaveURL('http://127.0.0.1:4174/exit.html');
});
