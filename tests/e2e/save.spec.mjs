// Saving the answers to a file the user keeps, and opening it again. The page
// itself stores nothing; a foreign or broken file changes nothing.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { openWidget, loadCases, saveFile, openSaved, seeResult, answerDialog, MODEL } from './helpers.mjs';

const cases = loadCases();

const rows = (page) => page.locator('[data-answer]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-answer'), e.querySelector('dd').textContent.trim()]));

async function resultWith(page, answers) {
  await openWidget(page);
  await openSaved(page, saveFile(answers));
  await seeResult(page);
}

test('save and open round-trips the answers and the correction plan', async ({ page }) => {
  await resultWith(page, cases.unsure_private_gain.answers);
  const before = await rows(page);
  // Optional measures are folded under the required ones.
  await page.locator('#plan-more summary').click();
  const optional = await page.locator('#plan-more [data-measure]').first().getAttribute('data-measure');
  await page.locator(`[data-measure="${optional}"] input[type=checkbox]`).check();
  await page.locator(`#m-${optional}-date`).fill('2027-01-15');
  await page.locator(`#m-${optional}-date`).dispatchEvent('change');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#save-file').click()]);
  // A neutral file name: nothing in it says what it is about.
  expect(download.suggestedFilename()).toMatch(/^zicha-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const file = JSON.parse(text);
  expect(file.format).toBe('rongcuo-self-check');
  expect(file.rulebook).toEqual({ id: MODEL.meta.id, version: MODEL.meta.version });
  expect(file.plan).toContainEqual({ measure: optional, date: '2027-01-15' });

  await page.locator('#restart').click();
  await answerDialog(page, true);
  await expect(page.locator('#start')).toBeVisible();
  await openSaved(page, text);
  await expect(page.locator('#open-notice')).toBeVisible();
  await seeResult(page);
  expect(await rows(page)).toEqual(before);
  await page.locator('#plan-more summary').click();
  await expect(page.locator(`[data-measure="${optional}"] input[type=checkbox]`)).toBeChecked();
  await expect(page.locator(`#m-${optional}-date`)).toHaveValue('2027-01-15');
});

test('a file from another rulebook version keeps what fits and names the rest', async ({ page }) => {
  await openWidget(page);
  const file = JSON.parse(saveFile(cases.pilot_land_transfer.answers, { rulebook: { id: 'example_default', version: '2025.01' }, plan: [{ measure: 'retired_measure' }] }));
  file.answers.old_question = { choice: 'yes' };
  file.answers.context = { choice: 'option_that_was_removed' };
  await openSaved(page, JSON.stringify(file));
  const notice = page.locator('#open-notice');
  await expect(notice).toContainText('2025.01');
  await expect(page.locator('#open-dropped li')).toHaveCount(3);
  await expect(page.locator('#open-dropped')).toContainText('old_question');
  await expect(page.locator('#open-dropped')).toContainText('发生情形');
  await expect(page.locator('#open-dropped')).toContainText('retired_measure');
  // What was dropped must be asked again.
  await expect(page.locator('[data-question="context"]')).toBeVisible();
});

for (const [name, content, message] of [
  ['malformed.json', '{"format": "rongcuo-self-check", "answers": {', '不是 JSON 格式'],
  ['picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), '无法读取这个文件'],
  ['other.json', '{"hello": "world", "answers": []}', '这不是本自查保存的文件'],
]) {
  test(`opening ${name} says why and keeps the current answers`, async ({ page }) => {
    await resultWith(page, cases.pilot_land_transfer.answers);
    const before = await rows(page);
    await page.locator('#open-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
    await expect(page.locator('#open-error')).toContainText(message);
    expect(await rows(page)).toEqual(before);
  });
}

test('opening a file when there are answers asks first; declining changes nothing', async ({ page }) => {
  await resultWith(page, cases.pilot_land_transfer.answers);
  const before = await rows(page);
  await openSaved(page, saveFile({ timing: 'after' }));
  await expect(page.locator('#dialog')).toContainText('替换');
  await answerDialog(page, false);
  await expect(page.locator('[data-outcome]')).toBeVisible();
  expect(await rows(page)).toEqual(before);
});

test('a file re-saved with a byte-order mark opens; unknown ids are summarised, shown as written', async ({ page }) => {
  await openWidget(page);
  const file = JSON.parse(saveFile(cases.pilot_land_transfer.answers));
  // A right-to-left override in the rulebook id and in a question id, then 74 more unknown questions.
  file.rulebook = { id: '\u202Eother', version: '2025.01' };
  file.answers['\u202Eevil'] = { choice: 'yes' };
  for (let i = 0; i < 74; i++) file.answers[`gone_${i}`] = { choice: 'yes' };
  await openSaved(page, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(file))]));
  const notice = page.locator('#open-notice');
  await expect(notice).toBeVisible();
  // The first ten, then a count of the rest.
  await expect(page.locator('#open-dropped li')).toHaveCount(10);
  const rest = Number((await notice.textContent()).match(/另有 (\d+) 项/)?.[1]);
  expect(rest).toBeGreaterThanOrEqual(65);
  // What the file brought is isolated, so no character in it can turn the page's sentence around.
  await expect(notice.locator('bdi').filter({ hasText: 'other' })).toHaveCount(1);
  await expect(page.locator('#open-dropped li').first().locator('bdi')).toContainText('evil');
});

test('a file larger than any saved self-check is refused before it is read', async ({ page }) => {
  await resultWith(page, cases.pilot_land_transfer.answers);
  const before = await rows(page);
  await openSaved(page, Buffer.alloc(9 * 1024 * 1024, 0x20));
  await expect(page.locator('#open-error')).toBeVisible();
  expect(await rows(page)).toEqual(before);
});

test('a file that is not UTF-8, or whose date is not a date, is refused whole', async ({ page }) => {
  await openWidget(page);
  await openSaved(page, Buffer.concat([Buffer.from('{"format":"rongcuo-self-check"'), Buffer.from([0xff, 0xfe]), Buffer.from('}')]));
  await expect(page.locator('#open-error')).toContainText('无法读取这个文件');
  const file = JSON.parse(saveFile(cases.pilot_land_transfer.answers));
  file.saved = '<b>2026</b>';
  await openSaved(page, JSON.stringify(file));
  await expect(page.locator('#open-error')).toContainText('这不是本自查保存的文件');
  await expect(page.locator('[data-answer]')).toHaveCount(0);
});
