// Scenario cases of the engine (rulebooks/default.cases.toml), driven through
// the real page: the outcome id and the decisive rules must match what the
// engine's case file expects. Outcomes decided early show at once.
import { test, expect } from './fixtures.mjs';
import { openWidget, loadCases, runCase, seeResult, reasonKeys, keyboardAnswer, tabTo, answerCurrent } from './helpers.mjs';

const cases = loadCases();
const driven = [
  'pilot_land_transfer',
  'emergency_canteen_purchase',
  'village_road_overrun',
  'waiting_for_instructions',
  'additional_task_with_mandatory_backlog',
  'unsure_private_gain',
  'plan_pilot_ready',
  'plan_without_collective_decision',
  // Article 17 does not lift a cap: negligence keeps it at lenient.
  'article_17_with_negligence',
  // A prepared plan with moderate stakes is not sent back to fill gaps.
  'plan_ready_with_moderate_stakes',
];

for (const id of driven) {
  test(`case ${id} reaches its tier through the page`, async ({ page }) => {
    const c = cases[id];
    await openWidget(page);
    expect(await runCase(page, c.answers)).toBe('review');
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

// Outcomes decided before the last question: shown at once, and the number of
// questions asked is that of the answers that decide them.
// Each of these cases lists exactly the answers that decide it, so the page
// must ask that many questions (optional ones aside) and no more.
for (const [id, asked] of ['private_matter_at_once', 'red_line_at_once', 'mandatory_overdue_at_once', 'plan_touches_red_line']
  .map((id) => [id, Object.keys(cases[id].answers).length])) {
  test(`case ${id} is decided after ${asked} questions`, async ({ page }) => {
    const c = cases[id];
    let questions = 0;
    await openWidget(page);
    const seen = new Set();
    await page.locator('[data-action="start"]').click();
    for (let i = 0; i < 40 && !(await page.locator('[data-outcome]').count()); i++) {
      const q = await page.locator('[data-question]').getAttribute('data-question');
      if (!seen.has(q)) { seen.add(q); questions += 1; }
      await answerCurrent(page, c.answers);
      await expect(page.locator(`[data-question="${q}"]`)).toHaveCount(0);
    }
    // Optional questions in between (a description) are passed by without an answer.
    const optional = [...seen].filter((q) => !(q in c.answers)).length;
    expect(questions - optional).toBe(asked);
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', c.tier);
    expect(await reasonKeys(page)).toEqual([...c.decisive].sort());
    // A ruled-out result shows no score and no favourable badge.
    await expect(page.locator('#score, .badge--tolerable, #plan')).toHaveCount(0);
    // Each answer behind the reasons can be changed from here (unfolded
    // first where a reason rests on several answers).
    const first = page.locator('#reasons [data-revisit]').first();
    await expect(first).toBeAttached();
    if (!(await first.isVisible())) await page.locator('#reasons details:not([open]) > summary').first().click();
    await expect(first).toBeVisible();
  });
}

test('from an early outcome the user can change the deciding answer, or go on to plan the correction', async ({ page }) => {
  const c = cases.red_line_private_gain;
  await openWidget(page);
  expect(await runCase(page, c.answers)).toBe('early');
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'excluded');
  await expect(page.locator('[data-outcome] h1')).toBeFocused();
  // Change the deciding answer: back to that question, and on from there.
  await page.locator('#reasons [data-revisit="rl_private_gain"]').click();
  await expect(page.locator('[data-question="rl_private_gain"]')).toBeVisible();
  await page.locator('input[name="rl_private_gain"][value="yes"]').check();
  await page.locator('#continue').click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'excluded');
  // Go on: the remaining questions, then the full result with the plan.
  await page.locator('#go-on').click();
  await expect(page.locator('[data-question="rl_knowing"]')).toBeVisible();
});

test('going on past an early outcome leads to the full result with its plan', async ({ page }) => {
  const c = cases.mandatory_overdue;
  await openWidget(page);
  expect(await runCase(page, c.answers, { goOn: true })).toBe('review');
  expect(await seeResult(page)).toBe('accountability');
  await expect(page.locator('#plan [data-measure="finish"][data-required]')).toBeVisible();
  await expect(page.locator('#score')).toHaveCount(0);
  await expect(page.locator('[data-not-applicable="elements"]')).toHaveCount(1);
  // No application letter for a case that is not one for tolerance.
  await expect(page.locator('[data-material="statement"], #procedure')).toHaveCount(0);
});

test('a whole run by keyboard alone', async ({ page }) => {
  const c = cases.waiting_for_instructions;
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

test('what would change the outcome can be tried without touching the answers', async ({ page }) => {
  const c = cases.self_found_not_yet_reported;
  await openWidget(page);
  await runCase(page, c.answers);
  expect(await seeResult(page)).toBe('lenient_possible');
  const routes = await page.locator('#changes [data-change]').evaluateAll((els) => els.map((e) => e.getAttribute('data-change')));
  expect(routes).toEqual(c.changes);
  await page.locator('#changes [data-change="c_reported=yes"] button').click();
  await expect(page.locator('#what-if')).toBeVisible();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'exemption_likely');
  await page.locator('#what-if-back').click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'lenient_possible');
  await expect(page.locator('[data-answer="c_reported"] .summary-list__value')).toHaveText('还没有说明');
});

test('answers that do not fit together are flagged before the result', async ({ page }) => {
  const c = cases.clash_reported_but_not_told;
  await openWidget(page);
  await runCase(page, c.answers);
  await expect(page.locator('#clashes [data-clash]')).toHaveCount(c.clashes.length);
  await expect(page.locator(`#clashes [data-clash="${c.clashes[0]}"]`)).toBeVisible();
  await page.locator('#clashes button', { hasText: '是否已向组织说明' }).click();
  await expect(page.locator('[data-question="c_reported"]')).toBeVisible();
});

test('the result can be reached in English, with the same outcome', async ({ page }) => {
  const c = cases.red_line_defied_ban;
  await openWidget(page, '?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Fault-tolerance self-check');
  expect(await runCase(page, c.answers)).toBe('early');
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', c.tier);
  await expect(page.locator('[data-outcome] h1')).toHaveText('From your answers, a red line applies and tolerance is ruled out');
  // Switching language keeps the answers.
  await page.locator('.lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('[data-outcome] h1')).toHaveText('按您的回答，触及负面清单，不适用容错');
});

test('switching to English fetches the English wording once, from this site', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (/\/en-[0-9a-f]{16}\.bin$/.test(r.url())) fetched.push(r.url()); });
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('main h1')).toHaveText('您想自查哪种情况？');
  await page.locator('.lang-switch').click();
  await expect(page.locator('main h1')).toHaveText('What would you like to check?');
  await expect(page.locator('input[value="after"] + label')).toHaveText('A mistake or problem that has already happened (checking afterwards)');
  await page.locator('.lang-switch').click();
  await page.locator('.lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(fetched.length).toBe(1);
  expect(new URL(fetched[0]).origin).toBe('http://127.0.0.1:4173');
});

test('planned work is asked in its own words and gets no correction plan', async ({ page }) => {
  const c = cases.plan_without_collective_decision;
  await openWidget(page);
  await page.locator('[data-action="start"]').click();
  const past = /当时|事后|当初|发现问题后|这次问题|造成了/;
  const texts = [];
  for (let i = 0; i < 40 && !(await page.locator('#see-result').count()); i++) {
    const q = await page.locator('[data-question]').getAttribute('data-question');
    texts.push(await page.locator('main h1').textContent());
    await answerCurrent(page, c.answers);
    await expect(page.locator(`[data-question="${q}"]`)).toHaveCount(0);
  }
  for (const t of texts.slice(1)) expect(t, 'past-tense wording on the before path').not.toMatch(past);
  expect(await seeResult(page)).toBe(c.tier);
  await expect(page.locator('#plan')).toHaveCount(0);
  const risks = await page.locator('#risks [data-risk]').evaluateAll((els) => els.map((e) => e.getAttribute('data-risk')));
  expect(risks).toEqual(c.risks);
  // The filing form is drafted from the answers; what only the user can write is edited on the page.
  await page.locator('[data-document="filing"]').click();
  await expect(page.locator('[data-document="filing"] h1')).toHaveText('风险事前备案表');
  await expect(page.locator('#doc-filing-1')).toHaveValue(new RegExp(c.answers.description.slice(0, 8)));
  // Each risk point with its control measure.
  await expect(page.locator('#doc-filing-4')).toHaveValue(/还没有经过集体研究/);
  await page.locator('#doc-filing-1').fill('先在一个村试点，出现问题立即停止，已签协议按原办法处理。');
  await page.locator('#document-back').click();
  await page.locator('[data-document="filing"]').click();
  await expect(page.locator('#doc-filing-1')).toHaveValue('先在一个村试点，出现问题立即停止，已签协议按原办法处理。');
});
