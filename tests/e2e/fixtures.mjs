// The test runner every spec uses: Playwright's, plus two guards that fail
// any test during which a page (or frame) reported a Content-Security-Policy
// violation, or opened a browser dialog (alert, confirm, prompt or a
// leave-site prompt: one would hold the page on screen, and quick exit could
// not clear it). The pages are served with the strict CSP of dist/_headers.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  cspViolations: [
    async ({ context }, use) => {
      const violations = [];
      await context.exposeBinding('__reportCspViolation', (_source, v) => violations.push(v));
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__reportCspViolation?.(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  browserDialogs: [
    async ({ context }, use) => {
      const dialogs = [];
      const watch = (p) => p.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(dialogs);
      expect(dialogs, 'browser dialogs').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
