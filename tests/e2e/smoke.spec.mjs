import { test, expect } from '@playwright/test';
import { openWidget, loadCases, runCase, seeResult, reasonKeys } from './helpers.mjs';

const cases = loadCases();

test('a clear case runs from start to result', async ({ page }) => {
  await openWidget(page);
  await runCase(page, cases.eligible_clear.answers);
  expect(await seeResult(page)).toBe('exemption_likely');
  expect(await reasonKeys(page)).toEqual([...cases.eligible_clear.decisive].sort());
});
