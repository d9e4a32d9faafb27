// Scenario cases of the engine (rulebooks/default.cases.toml), driven through
// the real page from start to result: the outcome id and the decisive rules
// must match what the engine's case file expects.
import { test, expect } from './fixtures.mjs';
import { openWidget, loadCases, runCase, seeResult, reasonKeys, keyboardAnswer, tabTo } from './helpers.mjs';

const cases = loadCases();
const driven = [
  'eligible_clear',
  'red_line_private_gain',
  'mandatory_task_undone',
  'unsure_private_gain',
  'out_of_scope_private',
  'prior_repeated_applications',
  'emergency_act',
  'prospective_check',
];

for (const id of driven) {
  test(`case ${id} reaches its tier through the page`, async ({ page }) => {
    const c = cases[id];
    await openWidget(page);
    await runCase(page, c.answers);
    expect(await seeResult(page)).toBe(c.tier);
    expect(await reasonKeys(page)).toEqual([...c.decisive].sort());
    if (c.unknowns) {
      const named = await page.locator('[data-unknown]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unknown')));
      expect(named).toEqual(c.unknowns);
    }
    // Focus is on the result headline, which names the tier.
    await expect(page.locator('[data-outcome] h1')).toBeFocused();
  });
}

test('a whole run by keyboard alone', async ({ page }) => {
  const c = cases.correction_not_started;
  await openWidget(page);
  await tabTo(page, '[data-action="start"]');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 60 && !(await page.locator('#see-result').count()); i++) {
    await keyboardAnswer(page, c.answers);
  }
  await tabTo(page, '#see-result');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', c.tier);
  expect(await reasonKeys(page)).toEqual([...c.decisive].sort());
});

test('the result can be reached in English, with the same outcome', async ({ page }) => {
  const c = cases.red_line_defied_ban;
  await openWidget(page, '?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Fault-tolerance self-check');
  await runCase(page, c.answers);
  expect(await seeResult(page)).toBe(c.tier);
  await expect(page.locator('[data-outcome] h1')).toHaveText('A red line applies: tolerance is ruled out');
  // Switching language keeps the answers.
  await page.locator('.lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('[data-outcome] h1')).toHaveText('触及负面清单，不适用容错');
});

test('switching to English fetches the English wording once, from this site', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (/\/en-[0-9a-f]{16}\.bin$/.test(r.url())) fetched.push(r.url()); });
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('main h1')).toHaveText('您想自查的是哪种情况？');
  await page.locator('.lang-switch').click();
  await expect(page.locator('main h1')).toHaveText('What would you like to check?');
  await expect(page.locator('input[value="after"] + label')).toHaveText('A mistake or problem that has already happened');
  await page.locator('.lang-switch').click();
  await page.locator('.lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(fetched.length).toBe(1);
  expect(new URL(fetched[0]).origin).toBe('http://127.0.0.1:4173');
});
