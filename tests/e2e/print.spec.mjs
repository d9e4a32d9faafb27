// The printable summary and the blank paper form, as PDFs: page count, and
// text that holds the outcome, the reasons, every answer and the plan.
// The PDFs stay in target/pdf/ for a person to look at.
import { test, expect } from './fixtures.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openWidget, loadCases, saveFile, openSaved, seeResult } from './helpers.mjs';

const cases = loadCases();
const out = fileURLToPath(new URL('../../target/pdf/', import.meta.url));
mkdirSync(out, { recursive: true });
const flat = (s) => s.replace(/\s+/g, '');

async function pdf(page, name) {
  const path = out + name + '.pdf';
  await page.pdf({ path, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())[1]);
  // -raw keeps the order the text was drawn in, so multi-column answers stay whole.
  const text = execFileSync('pdftotext', ['-raw', path, '-']).toString();
  return { pages, text: flat(text) };
}

for (const id of ['eligible_clear', 'unsure_private_gain']) {
  test(`summary of ${id} fits two A4 pages with everything in it`, async ({ page }) => {
    await openWidget(page);
    await openSaved(page, saveFile(cases[id].answers));
    expect(await seeResult(page)).toBe(cases[id].tier);
    // A plan: every chosen measure gets a date.
    await page.locator('[data-measure="apologise"] input[type=checkbox]').check();
    const chosen = await page.locator('.plan__item--chosen').evaluateAll((els) => els.map((e) => e.getAttribute('data-measure')));
    for (const [i, m] of chosen.entries()) {
      await page.locator(`#m-${m}-date`).fill(`2027-01-${String(10 + i).padStart(2, '0')}`);
      await page.locator(`#m-${m}-date`).dispatchEvent('change');
    }
    const expected = await page.evaluate(() => ({
      outcome: document.querySelector('[data-outcome] h1').textContent,
      reasons: [...document.querySelectorAll('#reasons > li > p')].map((p) => p.textContent),
      answers: [...document.querySelectorAll('[data-answer] dd.summary-list__value')].map((d) => d.textContent),
      plan: [...document.querySelectorAll('.plan__item--chosen .choice__label')].map((l) => l.firstChild.textContent),
    }));
    const { pages, text } = await pdf(page, `summary-${id}`);
    expect(pages).toBeLessThanOrEqual(2);
    expect(text).toContain(flat(expected.outcome));
    for (const r of expected.reasons) expect(text).toContain(flat(r));
    for (const a of expected.answers) expect(text).toContain(flat(a));
    for (const p of expected.plan) expect(text).toContain(flat(p));
    for (let i = 0; i < chosen.length; i++) expect(text).toContain(`2027-01-${String(10 + i).padStart(2, '0')}`);
    expect(text).toContain(flat('这只是您自己做的参考性自查'));
    expect(text).not.toContain(flat('把回答存成文件')); // no buttons
  });
}

test('a run with every answer and a long description stays readable', async ({ page }) => {
  const description = '这是一段很长的说明。'.repeat(300) + '结尾标记';
  await openWidget(page);
  await openSaved(page, saveFile({ ...cases.eligible_clear.answers, description }));
  await seeResult(page);
  const { pages, text } = await pdf(page, 'summary-long');
  expect(pages).toBeLessThanOrEqual(6);
  expect(text).toContain('结尾标记');
  expect(text).toContain(flat('可能符合免责情形'));
});

test('the blank paper form holds every question and option', async ({ page }) => {
  const toml = readFileSync(fileURLToPath(new URL('../../rulebooks/default.toml', import.meta.url)), 'utf8');
  const questions = [...toml.split('[[questions]]').slice(1)].map((block) => /\ntext\.zh-CN = "([^"]+)"/.exec(block)[1]);
  expect(questions.length).toBeGreaterThanOrEqual(20);
  await page.goto('/blank-form.html');
  const { pages, text } = await pdf(page, 'blank-form');
  expect(pages).toBeGreaterThan(1);
  for (const q of questions) expect(text).toContain(flat(q));
  for (const label of ['已经发生的失误或问题', '以上都没有', '目前还说不清', '纠错措施']) expect(text).toContain(label);
});
