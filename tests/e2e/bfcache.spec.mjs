// Back after a quick exit, with the browser's back/forward cache on
// (Playwright turns it off by default; a cached page would come back as it was).
import { test, expect } from './fixtures.mjs';
import { openWidget, loadCases, saveFile, openSaved } from './helpers.mjs';
import { launchOptions } from './playwright.config.mjs';

const cases = loadCases();
const answers = cases.pilot_land_transfer.answers;

test.use({ launchOptions: { ...launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

test('Back after quick exit shows none of the answers', async ({ page }) => {
  await openWidget(page);
  await openSaved(page, saveFile(answers));
  await page.locator('#see-result').click();
  await expect(page.locator('[data-outcome]')).toBeVisible();
  await page.locator('.quick-exit').click();
  await page.waitForURL(/neutral\.html$/);
  await page.goBack();
  // Whether the browser loads the page afresh or restores it, nothing of the run is there.
  await page.waitForLoadState();
  await expect(page.locator('[data-outcome], [data-answer], [data-question]')).toHaveCount(0);
  expect(await page.content()).not.toContain(answers.description.slice(0, 10));
});
