// Shared steps for the end-to-end tests. Tests wait on states, never sleep.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CATCHER = `http://127.0.0.1:${process.env.CATCHER_PORT || 4175}/__catcher`;

/** Scenario cases from the engine's data file, so the browser and the engine agree. */
export function loadCases() {
  const src = readFileSync(fileURLToPath(new URL('../../rulebooks/default.cases.toml', import.meta.url)), 'utf8');
  return parseCases(src);
}

// A reader for the small subset of TOML the cases file uses.
function parseCases(src) {
  const cases = [];
  let cur = null;
  let inAnswers = false;
  const value = (raw) => {
    raw = raw.trim();
    if (raw.startsWith('"')) return JSON.parse(raw);
    if (raw.startsWith('[')) return JSON.parse(raw);
    if (raw.startsWith('{')) {
      const obj = {};
      for (const part of raw.slice(1, -1).split(',')) {
        const [k, v] = part.split('=').map((s) => s.trim());
        if (k) obj[k] = JSON.parse(v);
      }
      return obj;
    }
    return raw; // dates
  };
  for (const line of src.split('\n')) {
    const l = line.trim();
    if (!l || l.startsWith('#')) continue;
    if (l === '[[cases]]') { cur = { answers: {} }; cases.push(cur); inAnswers = false; continue; }
    if (l === '[cases.answers]') { inAnswers = true; continue; }
    const i = l.indexOf('=');
    const k = l.slice(0, i).trim();
    const v = value(l.slice(i + 1));
    if (inAnswers) cur.answers[k] = v; else cur[k] = v;
  }
  const byId = Object.fromEntries(cases.map((c) => [c.id, c]));
  for (const c of cases) {
    if (c.extends) c.answers = { ...byId[c.extends].answers, ...c.answers };
  }
  return byId;
}

export async function openWidget(page, query = '') {
  await page.goto('/' + query);
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
}

/** Answers the question on screen from a case's answers, then continues. */
export async function answerCurrent(page, answers, { keyboard = false } = {}) {
  const q = page.locator('[data-question]');
  await expect(q).toBeVisible();
  const id = await q.getAttribute('data-question');
  const a = answers[id];
  if (a !== undefined) {
    const values = Array.isArray(a) ? a : [String(a)];
    const textarea = page.locator(`textarea[name="${id}"]`);
    const date = page.locator(`input[type="date"][name="${id}"]`);
    if (await textarea.count()) {
      await textarea.fill(values[0]);
    } else if (await date.count()) {
      await date.fill(values[0]);
    } else {
      for (const v of values) {
        const input = page.locator(`input[name="${id}"][value="${v}"]`);
        if (keyboard) {
          await input.focus();
          await page.keyboard.press('Space');
        } else {
          await input.check();
        }
        await expect(input).toBeChecked();
      }
    }
  }
  if (keyboard) {
    await page.locator('#continue').focus();
    await page.keyboard.press('Enter');
  } else {
    await page.locator('#continue').click();
  }
  return id;
}

/** Starts and answers every question of a case, ending on the review page. */
export async function runCase(page, answers, opts = {}) {
  await page.locator('[data-action="start"]').click();
  for (let i = 0; i < 60; i++) {
    if (await page.locator('#see-result').count()) return;
    const before = await page.locator('[data-question]').getAttribute('data-question');
    await answerCurrent(page, answers, opts);
    await expect(page.locator(`[data-question="${before}"]`)).toHaveCount(0);
  }
  throw new Error('too many questions');
}

export async function seeResult(page) {
  await page.locator('#see-result').click();
  await expect(page.locator('[data-outcome]')).toBeVisible();
  return page.locator('[data-outcome]').getAttribute('data-outcome');
}

export async function reasonKeys(page) {
  return page.locator('#reasons > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')).sort());
}

/** A saved-answers file for a case, in the format the widget writes (engine/save.rs). */
export function saveFile(answers, { plan = [], rulebook = { id: 'example_default', version: '2026.11' } } = {}) {
  const kinds = { t_basis: 'choices', r_conditions: 'choices', description: 'text', happened_on: 'date' };
  const out = {};
  for (const [k, v] of Object.entries(answers)) {
    const kind = kinds[k] || 'choice';
    out[k] = { [kind]: v };
  }
  return JSON.stringify({ format: 'rongcuo-self-check', format_version: 1, rulebook, saved: '2026-11-24', answers: out, plan }, null, 2);
}

/** Opens a saved file from the start page; lands on the review page. */
export async function openSaved(page, json, name = 'answers.json') {
  await page.locator('#open-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(json) });
}

/** Presses Tab until the focused element matches `selector` (keyboard only). */
export async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

/** Answers the question on screen with the keyboard alone, then continues. */
export async function keyboardAnswer(page, answers) {
  const id = await page.locator('[data-question]').getAttribute('data-question');
  const a = answers[id];
  if (a !== undefined) {
    const values = Array.isArray(a) ? a : [String(a)];
    if (await page.locator(`textarea[name="${id}"]`).count()) {
      await tabTo(page, `textarea[name="${id}"]`);
      await page.keyboard.type(values[0]);
    } else if (await page.locator(`input[type=radio][name="${id}"]`).count()) {
      await tabTo(page, `input[type=radio][name="${id}"]`);
      // Arrow keys move the selection within the group.
      for (let i = 0; i < 12; i++) {
        const v = await page.evaluate(() => document.activeElement.value);
        if (v === values[0]) break;
        await page.keyboard.press('ArrowDown');
      }
      if (!(await page.locator(`input[name="${id}"][value="${values[0]}"]`).isChecked())) await page.keyboard.press('Space');
    } else if (await page.locator(`input[type=checkbox][name="${id}"]`).count()) {
      for (const v of values) {
        await tabTo(page, `input[type=checkbox][name="${id}"][value="${v}"]`);
        await page.keyboard.press('Space');
      }
    }
  }
  await tabTo(page, '#continue');
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-question="${id}"]`)).toHaveCount(0);
}
