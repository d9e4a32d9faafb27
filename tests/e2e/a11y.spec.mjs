// Accessibility: an axe-core audit (WCAG 2.2 AA tags) of every page type, and
// reflow at 320 CSS pixels (what 400% zoom gives on a 1280 px screen).
import { test, expect } from './fixtures.mjs';
import AxeBuilder from '@axe-core/playwright';
import { openWidget, loadCases, saveFile, openSaved, seeResult, MODEL } from './helpers.mjs';

const cases = loadCases();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function audit(page, what) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

async function noHorizontalScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
}

/** Opens a saved file holding the answers before `id`, which lands on question `id`. */
async function goToQuestion(page, id) {
  const order = MODEL.questions.map((q) => q.id);
  const before = order.slice(0, order.indexOf(id));
  const answers = Object.fromEntries(before.filter((k) => k in cases.pilot_land_transfer.answers).map((k) => [k, cases.pilot_land_transfer.answers[k]]));
  await openWidget(page);
  await openSaved(page, saveFile(answers));
  await expect(page.locator(`[data-question="${id}"]`)).toBeVisible();
}

for (const width of [1024, 320]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('start page', async ({ page }) => {
      await openWidget(page);
      await audit(page, 'start');
      await noHorizontalScroll(page, 'start');
    });

    test('question pages: choice, error, multiple choice, text, date, terms', async ({ page }) => {
      await openWidget(page);
      await page.locator('[data-action="start"]').click();
      await audit(page, 'single choice');
      await page.locator('#continue').click();
      await expect(page.locator('#error-summary')).toBeFocused();
      await audit(page, 'error');
      await noHorizontalScroll(page, 'error');
      await page.locator('input[value="after"]').check();
      await page.locator('#continue').click();
      await page.locator('input[value="duty"]').check();
      await page.locator('#continue').click();
      await audit(page, 'text');
      await page.locator('#continue').click();
      await audit(page, 'date');
      await goToQuestion(page, 't_basis');
      await audit(page, 'multiple choice');
      await noHorizontalScroll(page, 'multiple choice');
    });

    test('review, confirmation of dropped answers, result', async ({ page }) => {
      await openWidget(page);
      await openSaved(page, saveFile(cases.pilot_land_transfer.answers));
      await expect(page.locator('#see-result')).toBeVisible();
      await audit(page, 'review');
      await noHorizontalScroll(page, 'review');
      await page.locator('[data-change="timing"]').click();
      await page.locator('input[value="before"]').check();
      await page.locator('#continue').click();
      await expect(page.locator('#drop-confirm')).toBeVisible();
      await audit(page, 'drop confirmation');
      await page.locator('#drop-confirm-button').click();
      await page.locator('input[name="r_risk_plan"][value="both"]').check();
      await page.locator('#continue').click();
      await seeResult(page);
      await audit(page, 'result');
      await noHorizontalScroll(page, 'result');
    });

    test('results of other tones, in English too', async ({ page }) => {
      for (const [id, q] of [['red_line_private_gain', ''], ['unsure_private_gain', '?lang=en'], ['mandatory_overdue', '?lang=en']]) {
        await openWidget(page, q);
        await openSaved(page, saveFile(cases[id].answers));
        expect(await seeResult(page)).toBe(cases[id].tier);
        await audit(page, `result ${id}`);
        await noHorizontalScroll(page, `result ${id}`);
      }
    });

    test('deployer error page and the blank paper form', async ({ page }) => {
      await page.goto('/?rulebook=broken.toml');
      await expect(page.locator('[data-rulebook-error]')).toBeVisible();
      await audit(page, 'rulebook error');
      await page.goto('/blank-form.html');
      await audit(page, 'blank form');
      await noHorizontalScroll(page, 'blank form');
    });
  });
}

test('focus moves to the heading of every new page; the title names the tool only', async ({ page }) => {
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page).toHaveTitle('容错纠错自查');
  await page.locator('#continue').click();
  await expect(page).toHaveTitle('错误：容错纠错自查');
  await page.locator('input[value="after"]').check();
  await page.locator('#continue').click();
  await expect(page.locator('main h1')).toBeFocused();
});
