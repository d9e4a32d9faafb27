// A deployer's own rulebook beside the static files: loaded and validated by
// the same engine; an invalid one shows the deployer's error (file, key path,
// line) and a plain message, and nothing half-loaded.
import { test, expect } from './fixtures.mjs';
import { CATCHER } from './helpers.mjs';

test('a valid rulebook from the same folder is used', async ({ page }) => {
  await page.goto('/?rulebook=custom.toml');
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await expect(page.locator('main h1')).toHaveText('某市容错纠错自查');
  await page.locator('[data-action="start"]').click();
  await expect(page.locator('[data-question="timing"]')).toBeVisible();
});

test('an invalid rulebook shows every problem with file, key and line, and nothing else', async ({ page }) => {
  await page.goto('/?rulebook=broken.toml');
  await expect(page.locator('[data-rulebook-error]')).toBeVisible();
  const items = page.locator('#rulebook-errors li');
  await expect(items).toHaveCount(2);
  expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['unknown-key', 'missing-locale']);
  await expect(items.nth(0)).toContainText('broken.toml:18:1: meta.minuts');
  await expect(items.nth(1)).toContainText('questions[3].options[3].label.en');
  await expect(page.locator('#start, [data-question], [data-outcome]')).toHaveCount(0);
  await expect(page.locator('#static')).toHaveCount(0);
});

for (const bad of ['../secret.toml', 'https://evil.example/rules.toml', 'sub/rules.toml', 'rules.json']) {
  test(`a rulebook outside the folder is refused: ${bad}`, async ({ page, context }) => {
    const urls = [];
    context.on('request', (r) => urls.push(r.url()));
    await page.goto('/?rulebook=' + encodeURIComponent(bad));
    // A fixed message: nothing of the address is shown back (a link cannot put words on the real site).
    await expect(page.locator('#rulebook-message')).toHaveText('规则文件名无效：只能是与本页面同一目录下、以 .toml 结尾的文件名。');
    await expect(page.locator('.quick-exit')).toBeVisible();
    expect(urls.filter((u) => /secret|evil|rules\.(toml|json)/.test(u) && !u.includes('rulebook='))).toEqual([]);
    const reached = (await (await fetch(CATCHER)).json()).filter((c) => /evil/.test(c.host || ''));
    expect(reached).toEqual([]);
  });
}

test('a missing rulebook says so', async ({ page }) => {
  await page.goto('/?rulebook=missing.toml');
  await expect(page.locator('#rulebook-message')).toContainText('missing.toml');
  await expect(page.locator('#rulebook-message')).toContainText('404');
});

test('text put into the address is never shown on the page', async ({ page }) => {
  const fake = '通知：请立即将材料发送至 fake@example.org\n组织部';
  await page.goto('/?rulebook=' + encodeURIComponent(fake));
  await expect(page.locator('[data-rulebook-error]')).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain('fake@example.org');
});

test('a damaged rulebook reader ends in its own plain message, not a dead page', async ({ page }) => {
  await page.route('**/loader_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') }));
  await page.goto('/?rulebook=custom.toml&fallback=builtin');
  // The worker's own report of why it could not start, not a time limit.
  await expect(page.locator('#rulebook-message')).toContainText('读取规则的程序没能启动');
  // The deployer allowed the built-in rulebook: the user can go on with it.
  await page.locator('#use-builtin').click();
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await expect(page.locator('#start')).toBeVisible();
});

test('a missing rulebook reader script ends in a plain message', async ({ page }) => {
  await page.route('**/loader_loader.js', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/?rulebook=custom.toml');
  await expect(page.locator('#rulebook-message')).toHaveText('规则文件的读取程序没有运行成功（文件缺失或已损坏）。');
});

test('a rulebook that never arrives ends in a plain message after the time limit', async ({ page }) => {
  await page.route('**/custom.toml', () => {}); // never answered
  await page.clock.install();
  await page.goto('/?rulebook=custom.toml');
  await expect(page.locator('[data-rulebook-error]')).toHaveCount(0);
  await page.clock.runFor(16_000);
  await expect(page.locator('#rulebook-message')).toContainText('无法读取规则文件“custom.toml”');
  await expect(page.locator('.quick-exit')).toBeVisible();
});

test('a rulebook with many problems lists 200 and counts the rest, quickly', async ({ page }) => {
  await page.goto('/?rulebook=many-errors.toml');
  await expect(page.locator('#rulebook-errors li')).toHaveCount(201, { timeout: 20_000 });
  await expect(page.locator('#rulebook-errors li').last()).toHaveAttribute('data-code', 'too-many');
});

test('markup in a deployer\'s wording is shown as text on the result page', async ({ page }) => {
  const hostile = '<img src=x onerror="window.__pwned=1">“引号”&amp; <b>粗</b>';
  const toml = (s) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  await page.route('**/custom.toml', async (route) => {
    const res = await route.fetch();
    const body = (await res.text())
      // (shown at once: the tier stops the run early)
      .replace('title.zh-CN = "不在容错纠错的适用范围内"', `stop_early = true\ntitle.zh-CN = "${toml(hostile)}"`)
      .replace('reason.zh-CN = "这件事属于与公务无关的个人事务，容错纠错机制只适用于履职尽责和改革创新中的失误。"', `reason.zh-CN = "${toml(hostile)}"`);
    await route.fulfill({ response: res, body });
  });
  await page.goto('/?rulebook=custom.toml');
  await expect(page.locator('html')).toHaveAttribute('data-ready', '');
  await page.locator('[data-action="start"]').click();
  for (const [q, v] of [['timing', 'after'], ['context', 'private']]) {
    await page.locator(`input[name="${q}"][value="${v}"]`).check();
    await page.locator('#continue').click();
  }
  await expect(page.locator('[data-outcome="out_of_scope"] h1')).toHaveText(hostile);
  await expect(page.locator('#reasons > li > p').first()).toHaveText(hostile);
  expect(await page.locator('main img, main b:text("粗")').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
