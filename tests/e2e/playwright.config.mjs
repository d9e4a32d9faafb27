// Playwright drives Debian's Chromium (never a downloaded browser) against
// the release dist/ served on 127.0.0.1 by server.mjs.
import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Debian's /usr/bin/chromium is a wrapper script that adds flags (remote
// extensions among them, which phone home); the binary behind it is used directly.
const wrapper = execSync('command -v chromium', { shell: '/bin/sh' }).toString().trim();
const chromium = process.env.CHROMIUM || (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : wrapper);
const CATCHER = process.env.CATCHER_PORT || 4175;

/** Chromium's launch options, shared with tests that need a variant (the back/forward cache on). */
export const launchOptions = {
  executablePath: chromium,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,NetworkTimeServiceQuerying,AutofillServerCommunication,CertificateTransparencyComponentUpdater',
    '--disable-domain-reliability',
    '--no-pings',
    // Every host name but our own resolves to the catcher, so nothing can
    // leave unseen. Chromium's own background services (sign-in, component
    // updates) fail to resolve instead: they are the browser's traffic, not
    // the page's, and a page request to them is still seen by the tests'
    // request log.
    `--host-resolver-rules=MAP accounts.google.com ~NOTFOUND, MAP update.googleapis.com ~NOTFOUND, MAP clients2.google.com ~NOTFOUND, MAP * 127.0.0.1:${CATCHER}, EXCLUDE 127.0.0.1`,
  ],
};

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS || 2),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../../target/e2e-results',
  webServer: {
    command: 'node server.mjs',
    url: 'http://127.0.0.1:4173/index.html',
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    browserName: 'chromium',
    baseURL: 'http://127.0.0.1:4173/',
    locale: 'zh-CN',
    serviceWorkers: 'allow',
    launchOptions,
  },
});
