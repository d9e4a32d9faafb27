// Changing an earlier answer from the review page.
import { test, expect } from './fixtures.mjs';
import { openWidget, loadCases, runCase, seeResult, reasonKeys, answerCurrent, MODEL } from './helpers.mjs';

const cases = loadCases();

test('a change from the review page returns there, and can change the outcome', async ({ page }) => {
  await openWidget(page);
  await runCase(page, cases.pilot_land_transfer.answers);
  await page.locator('[data-change="task_kind"]').click();
  await expect(page.locator('[data-question="task_kind"]')).toBeVisible();
  await expect(page.locator('#continue')).toHaveText('保存并返回核对页');
  await page.locator('input[name="task_kind"][value="mandatory"]').check();
  await page.locator('#continue').click();
  // The question about the post's mandatory tasks no longer applies: confirm dropping it.
  await expect(page.locator('#drop-list')).toContainText('岗位必做事项是否完成');
  await page.locator('#drop-confirm-button').click();
  // The change reveals the questions that need an answer before returning, and only those.
  const revealed = [];
  for (let i = 0; i < 5 && !(await page.locator('#see-result').count()); i++) {
    revealed.push(await page.locator('[data-question]').getAttribute('data-question'));
    await answerCurrent(page, { mandatory_due: 'overdue', mandatory_cause: 'own' });
  }
  expect(revealed).toEqual(['mandatory_due', 'mandatory_cause']);
  await expect(page.locator('#see-result')).toBeVisible();
  await expect(page.locator('[data-answer="mandatory_due"]')).toBeVisible();
  expect(await seeResult(page)).toBe('accountability');
  expect(await reasonKeys(page)).toEqual(['track.mandatory']);
});

test('a change that makes later answers irrelevant names them before dropping them', async ({ page }) => {
  await openWidget(page);
  await runCase(page, cases.pilot_land_transfer.answers);
  await page.locator('[data-change="timing"]').click();
  await page.locator('input[name="timing"][value="before"]').check();
  await page.locator('#continue').click();
  const confirm = page.locator('#drop-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toBeFocused();
  // The answers only asked after the event, each named.
  const afterOnly = MODEL.questions.filter((q) => JSON.stringify(q.show_if || '').includes('"after"') && q.id in cases.pilot_land_transfer.answers);
  expect(afterOnly.length).toBeGreaterThan(5);
  await expect(page.locator('#drop-list li')).toHaveCount(afterOnly.length);
  for (const q of afterOnly) await expect(page.locator('#drop-list')).toContainText(q.short['zh-CN']);
  // Cancelling keeps everything.
  await page.getByRole('button', { name: '取消，保留原来的回答' }).click();
  await expect(page.locator('#drop-confirm')).toHaveCount(0);
  await page.locator('#continue').click();
  await page.locator('#drop-confirm-button').click();
  // Planned work has a question of its own, asked before returning, in its own wording.
  await expect(page.locator('[data-question="r_risk_plan"]')).toBeVisible();
  await answerCurrent(page, { r_risk_plan: 'both' });
  await expect(page.locator('#see-result')).toBeVisible();
  for (const q of afterOnly) await expect(page.locator(`[data-answer="${q.id}"]`)).toHaveCount(0);
  expect(await seeResult(page)).toBe('risk_ok');
});
