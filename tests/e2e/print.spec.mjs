// The printable summary and the blank paper form, as PDFs: page count, and
// text that holds the outcome, the reasons, every answer and the plan.
// The PDFs stay in target/pdf/ for a person to look at.
import { test, expect } from './fixtures.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openWidget, loadCases, saveFile, openSaved, seeResult, MODEL } from './helpers.mjs';

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

/** Nothing of the printed page sticks out of the page box (A4 less the margins, at print width). */
async function nothingOverflows(page) {
  await page.emulateMedia({ media: 'print' });
  const over = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('main *')]
      .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
      .map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).slice(0, 5);
  });
  await page.emulateMedia({ media: null });
  return over;
}

// One typical run per tier (several red lines at once among them): at most two A4 pages, nothing clipped.
const perTier = {
  exemption_likely: 'pilot_land_transfer',
  lenient_possible: 'village_road_overrun',
  unlikely: 'motive_personal',
  excluded: 'several_red_lines',
  accountability: 'mandatory_overdue',
  more_info: 'unsure_private_gain',
  risk_ok: 'plan_pilot_ready',
  fill_gaps: 'plan_without_collective_decision',
  rethink: 'plan_with_high_stakes_and_no_basis',
};
for (const [tier, id] of Object.entries(perTier)) {
  test(`the summary for ${tier} (${id}) prints on at most two A4 pages, with everything in it`, async ({ page }) => {
    await openWidget(page);
    await openSaved(page, saveFile(cases[id].answers));
    expect(await seeResult(page)).toBe(tier);
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
    expect(await nothingOverflows(page)).toEqual([]);
    await page.evaluate(() => document.documentElement.setAttribute('data-print', 'full'));
    const { pages, text } = await pdf(page, `summary-${tier}`);
    expect(pages).toBeLessThanOrEqual(2);
    expect(text).toContain(flat(expected.outcome));
    for (const r of expected.reasons) expect(text).toContain(flat(r));
    for (const a of expected.answers.filter((a) => a.length < 200)) expect(text).toContain(flat(a));
    for (const p of expected.plan) expect(text).toContain(flat(p));
    for (let i = 0; i < chosen.length; i++) expect(text).toContain(`2027-01-${String(10 + i).padStart(2, '0')}`);
    expect(text).toContain(flat('这是您自己做的参考性自查'));
    expect(text).not.toContain(flat('把回答存成文件')); // no buttons
  });
}

test('"print for a talk" prints the talk summary alone: what happened, the indication, the plan; no red-line question, score or blank', async ({ page }) => {
  const c = cases.village_road_overrun;
  await openWidget(page);
  await openSaved(page, saveFile(c.answers));
  await seeResult(page);
  const title = await page.locator('#talk-paper h1').textContent();
  await page.evaluate(() => document.documentElement.setAttribute('data-print', 'talk'));
  const { pages, text } = await pdf(page, 'summary-talk');
  expect(pages).toBe(1);
  // The paper alone, from its title on: nothing of the result page around it.
  expect(text.startsWith(flat(title))).toBe(true);
  expect(text).not.toContain(flat('为什么是这个结果'));
  expect(text).toContain(flat(c.answers.description).slice(0, 12));
  for (const q of MODEL.questions.filter((q) => q.id.startsWith('rl_'))) expect(text).not.toContain(flat(q.text['zh-CN']));
  expect(text).not.toContain(flat('加权评分'));
  // Sentences only: no blank to fill in, no placeholder.
  expect(text).not.toMatch(/_{3,}|\{|未填写/);
});

for (const [doc, id, limit] of [['statement', 'village_road_overrun', 2], ['filing', 'plan_without_collective_decision', 2]]) {
  test(`the ${doc} drafted from the answers prints on at most ${limit} A4 pages`, async ({ page }) => {
    await openWidget(page);
    await openSaved(page, saveFile(cases[id].answers));
    await seeResult(page);
    await page.locator(`[data-document="${doc}"]`).click();
    const first = page.locator('textarea.doc-text').first();
    await first.fill(await first.inputValue() + '（本人补充）');
    await page.evaluate(() => document.documentElement.setAttribute('data-print', 'document'));
    expect(await nothingOverflows(page)).toEqual([]);
    const { pages, text } = await pdf(page, `document-${doc}`);
    expect(pages).toBeLessThanOrEqual(limit);
    expect(text).toContain(flat('（本人补充）'));
    expect(text).toContain(flat(cases[id].answers.description).slice(0, 12));
    // The paper alone: no result headline, no buttons.
    expect(text).not.toContain(flat('为什么是这个结果'));
    expect(text).not.toContain(flat('打印这份材料'));
  });
}

test('a run with every answer and a long description stays readable', async ({ page }) => {
  const description = '这是一段很长的说明。'.repeat(300) + '结尾标记';
  await openWidget(page);
  await openSaved(page, saveFile({ ...cases.pilot_land_transfer.answers, description }));
  await seeResult(page);
  const { pages, text } = await pdf(page, 'summary-long');
  expect(pages).toBeLessThanOrEqual(6);
  expect(text).toContain('结尾标记');
  expect(text).toContain(flat('按您的回答，可能符合免责情形'));
});

test('the blank paper form holds every question and option', async ({ page }) => {
  const questions = MODEL.questions.map((q) => q.text['zh-CN']);
  expect(questions.length).toBeGreaterThanOrEqual(20);
  await page.goto('/blank-form.html');
  const { pages, text } = await pdf(page, 'blank-form');
  expect(pages).toBeGreaterThan(1);
  for (const q of questions) expect(text).toContain(flat(q));
  for (const label of ['已经发生的失误或问题', '以上都没有', '目前还说不清', '纠错措施']) expect(text).toContain(label);
});

// A favourable, a lenient, a red-line and a before-the-work case: every paper
// offered is written in sentences (no placeholder, nothing "not filled in"),
// and the talk summary holds the plan and nothing meant only for the cadre.
const handed = { favourable: 'pilot_land_transfer', lenient: 'village_road_overrun', red_line: 'several_red_lines', before: 'plan_pilot_ready' };
for (const [kind, id] of Object.entries(handed)) {
  test(`the papers of a ${kind} case (${id}) can be handed over as they print`, async ({ page }) => {
    const open = async () => {
      await openWidget(page);
      await openSaved(page, saveFile(cases[id].answers));
      await seeResult(page);
    };
    await open();
    const docs = await page.locator('[data-document]').evaluateAll((els) => els.map((e) => e.getAttribute('data-document')));
    // A red-line outcome offers no application or statement of its own: the talk summary only.
    expect(docs.length > 0).toBe(kind !== 'red_line');
    const plan = await page.locator('.plan__item--chosen .choice__label').evaluateAll((els) => els.map((l) => l.firstChild.textContent));
    // The talk summary.
    await page.evaluate(() => document.documentElement.setAttribute('data-print', 'talk'));
    const talk = await pdf(page, `talk-${kind}`);
    expect(talk.pages).toBe(1);
    for (const q of MODEL.questions.filter((q) => q.id.startsWith('rl_'))) expect(talk.text).not.toContain(flat(q.text['zh-CN']));
    expect(talk.text).not.toMatch(/_{3,}|\{|未填写|加权|评分|谈之前|本页/);
    if (kind === 'red_line') {
      // A ruled-out indication is never printed for others to read, nor the
      // measures that would betray it (returning money received): the cadre
      // says it in person, or not. A willingness to correct stands for them.
      expect(talk.text).not.toContain(flat('初步自查'));
      expect(plan.length).toBeGreaterThan(0);
      for (const p of plan) expect(talk.text).not.toContain(flat(p));
      expect(talk.text).toContain(flat('纠错计划'));
    } else {
      for (const p of plan) expect(talk.text).toContain(flat(p));
    }
    // Each paper offered.
    for (const doc of docs) {
      await open();
      await page.locator(`[data-document="${doc}"]`).click();
      await expect(page.locator('textarea.doc-text').first()).toBeVisible();
      await page.evaluate(() => document.documentElement.setAttribute('data-print', 'document'));
      const { pages, text } = await pdf(page, `paper-${kind}-${doc}`);
      expect(pages).toBeLessThanOrEqual(2);
      expect(text, `${doc} of ${id}`).not.toMatch(/\{|未填写|不确定/);
      // The application refers to the statement, which tells what happened.
      if (doc !== 'application') expect(text).toContain(flat(cases[id].answers.description).slice(0, 12));
      else expect(text).toContain(flat('《个人情况说明》'));
    }
  });
}
