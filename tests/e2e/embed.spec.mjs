// Embedding in a portal: the example host page (another origin) embeds the
// widget with embed.js. The frame sizes itself, prints only its summary, and
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

test('with data-auto-height the frame grows and shrinks, in steps of 1000 px', async ({ page }) => {
  const frame = await openHost(page, 'auto.html');
  await expect.poll(() => frameHeight(page)).toBeGreaterThanOrEqual(1000); // the start page is long
  const start = await frameHeight(page);
  expect(start % 1000).toBe(0);
  await frame.locator('[data-action="start"]').click();
  await expect(frame.locator('[data-question="timing"]')).toBeVisible();
  await expect.poll(() => frameHeight(page)).toBeLessThan(start); // a question page is shorter
  expect((await frameHeight(page)) % 1000).toBe(0);
  // Options passed by the host are applied: the accent colour.
  const accent = await frame.locator('html').evaluate((h) => getComputedStyle(h).getPropertyValue('--accent').trim());
  expect(accent).toBe('#1d4f91');
});

test('messages from anything but the widget frame are ignored', async ({ page }) => {
  await openHost(page, 'auto.html');
  await expect.poll(() => frameHeight(page)).toBeGreaterThanOrEqual(1000);
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
