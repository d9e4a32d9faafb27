// The test runner every spec uses: Playwright's, plus a guard that fails any
// test during which a page (or frame) reported a Content-Security-Policy
// violation. The pages are served with the strict CSP of dist/_headers.
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
});

export { expect };
