// Changing an earlier answer from the review page.
import { test, expect } from './fixtures.mjs';
import { openWidget, loadCases, runCase, seeResult, reasonKeys, answerCurrent } from './helpers.mjs';

const cases = loadCases();

test('a change from the review page returns there, and can change the outcome', async ({ page }) => {
  await openWidget(page);
  await runCase(page, cases.eligible_clear.answers);
  await page.locator('[data-change="task_kind"]').click();
  await expect(page.locator('[data-question="task_kind"]')).toBeVisible();
  await expect(page.locator('#continue')).toHaveText('保存并返回核对页');
  await page.locator('input[name="task_kind"][value="mandatory"]').check();
  await page.locator('#continue').click();
  // The change reveals a question that needs an answer before returning.
  await expect(page.locator('[data-question="mandatory_done"]')).toBeVisible();
  await answerCurrent(page, { mandatory_done: 'no' });
  await expect(page.locator('#see-result')).toBeVisible();
  await expect(page.locator('[data-answer="mandatory_done"]')).toBeVisible();
  expect(await seeResult(page)).toBe('accountability');
  expect(await reasonKeys(page)).toEqual(['track.mandatory']);
});

test('a change that makes later answers irrelevant names them before dropping them', async ({ page }) => {
  await openWidget(page);
  await runCase(page, cases.eligible_clear.answers);
  await page.locator('[data-change="timing"]').click();
  await page.locator('input[name="timing"][value="before"]').check();
  await page.locator('#continue').click();
  const confirm = page.locator('#drop-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toBeFocused();
  const dropped = await page.locator('#drop-list li').count();
  expect(dropped).toBe(6); // the answers only asked after the event
  for (const q of ['发生时间', '发现后的应对', '事件情节', '纠错进展', '是否有需挽回的损失', '是否已向组织说明']) {
    await expect(page.locator('#drop-list')).toContainText(q);
  }
  // Cancelling keeps everything.
  await page.getByRole('button', { name: '取消，保留原来的回答' }).click();
  await expect(page.locator('#drop-confirm')).toHaveCount(0);
  await page.locator('#continue').click();
  await page.locator('#drop-confirm-button').click();
  await expect(page.locator('#see-result')).toBeVisible();
  for (const q of ['happened_on', 'r_response', 'f_plot', 'c_status', 'c_losses', 'c_reported']) {
    await expect(page.locator(`[data-answer="${q}"]`)).toHaveCount(0);
  }
  expect(await seeResult(page)).toBe('exemption_likely');
});
