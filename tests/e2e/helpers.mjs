// Shared steps for the end-to-end tests. Tests wait on states, never sleep.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CATCHER = `http://127.0.0.1:${process.env.CATCHER_PORT || 4175}/__catcher`;

/**
 * The engine's own view of the default rulebook and its scenario cases, from
 * the `rulebook` CLI (`explain --json`, `cases --json`): the browser tests and
 * the engine cannot disagree on what a case is, and nothing here parses TOML.
 * scripts/test.sh writes them to target/e2e/ before the tests; run alone, the
 * tests ask cargo for them.
 */
function cli(name, args) {
  const file = fileURLToPath(new URL(`../../target/e2e/${name}.json`, import.meta.url));
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const out = execFileSync('cargo', ['run', '-q', '--offline', '-p', 'rulebook', '--', ...args, '--json'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)), maxBuffer: 64 << 20,
    });
    writeFileSync(file, out);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The default rulebook's model (questions with their kinds, meta). */
export const MODEL = cli('model', ['explain', 'rulebooks/default.toml']);
const KINDS = Object.fromEntries(MODEL.questions.map((q) => [q.id, q.kind]));

/** An answer in the saved-file shape (`{ choice: "x" }`) as the plain value the tests type. */
const plain = (a) => Object.values(a)[0];

/** Scenario cases by id: `answers` as plain values, `expected` as the engine assessed them. */
export function loadCases() {
  const list = cli('cases', ['cases', 'rulebooks/default.toml', 'rulebooks/default.cases.toml']);
  return Object.fromEntries(list.map(({ case: c, assessment }) => [c.id, {
    ...c,
    answers: Object.fromEntries(Object.entries(c.answers).map(([k, v]) => [k, plain(v)])),
    expected: assessment,
  }]));
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

/**
 * Starts and answers the questions of a case, ending on the review page
 * (returns 'review') or on an early outcome, shown as soon as the result is
 * decided (returns 'early'; with `{ goOn: true }` it goes on from there).
 */
export async function runCase(page, answers, opts = {}) {
  await page.locator('[data-action="start"]').click();
  await answerAll(page, answers, opts);
  if (await page.locator('#go-on').count() && opts.goOn) {
    await page.locator('#go-on').click();
    await answerAll(page, answers, opts);
  }
  return (await page.locator('#see-result').count()) ? 'review' : 'early';
}

async function answerAll(page, answers, opts) {
  for (let i = 0; i < 60; i++) {
    if (await page.locator('#see-result, [data-outcome]').count()) return;
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
export function saveFile(answers, { plan = [], rulebook = { id: MODEL.meta.id, version: MODEL.meta.version } } = {}) {
  const shape = { single: 'choice', yes_no: 'choice', multi: 'choices', date: 'date', text: 'text' };
  const out = {};
  for (const [k, v] of Object.entries(answers)) {
    out[k] = { [shape[KINDS[k]] || 'choice']: v };
  }
  return JSON.stringify({ format: 'rongcuo-self-check', format_version: 2, rulebook, saved: '2026-11-24', answers: out, plan }, null, 2);
}

/** Opens a saved file from the start page; lands on the review page. */
export async function openSaved(page, json, name = 'answers.json') {
  await page.locator('#open-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(json) ? json : Buffer.from(json) });
}

/** Answers the page's own dialog (never a browser one): yes or no. */
export async function answerDialog(page, yes) {
  const dialog = page.locator('#dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeFocused();
  await page.locator(yes ? '#dialog-yes' : '#dialog-no').click();
  await expect(dialog).toHaveCount(0);
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
