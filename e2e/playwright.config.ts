// The browser end-to-end suite: one Weft server (built CLI, throwaway SQLite data dir, free port) started by
// Playwright's webServer, the system Chromium (Debian's; Playwright's own browser downloads cannot work here),
// one spec per scenario in specs/, traces and screenshots kept for failures under artifacts/.
import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';
import { CHROMIUM, OWNER } from './lib/env.js';

// The config is evaluated again in each worker: the first evaluation picks the port, the workers inherit it.
process.env.WEFT_E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })",
])
  .toString()
  .trim();
const baseURL = `http://127.0.0.1:${process.env.WEFT_E2E_PORT}`;

export default defineConfig({
  testDir: './specs',
  outputDir: './artifacts/results',
  timeout: 75_000,
  expect: { timeout: 15_000 },
  // The specs share one server and one owner account; they run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    headless: true,
    viewport: { width: 1366, height: 800 },
    acceptDownloads: true,
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node lib/serve.mjs',
    url: `${baseURL}/readyz`,
    env: {
      WEFT_E2E_PORT: process.env.WEFT_E2E_PORT,
      WEFT_E2E_OWNER_EMAIL: OWNER.email,
      WEFT_E2E_OWNER_PASSWORD: OWNER.password,
    },
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
