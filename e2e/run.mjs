#!/usr/bin/env node
// Browser end-to-end tests of the editor against a real Weft server (run by `npm test` after vitest).
// Starts the built server on a free port with a throwaway data dir and a local fake API for the http action,
// drives headless Chromium through each scenario, saves screenshots to e2e/artifacts/, and ends with
// "N passed, M failed". Builds nothing: the bootstrap has built the server and the editor.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { OWNER } from './lib/editor.mjs';
import { startFakeApi } from './lib/fake-api.mjs';
import { startWeft } from './lib/weft-server.mjs';
import { buildAndRunFlow } from './scenarios/build-and-run.mjs';
import { editingTools } from './scenarios/editing-tools.mjs';
import { validationUndoAndImport } from './scenarios/validate-undo-import.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const artifacts = join(here, 'artifacts');
const CHROMIUM = '/usr/bin/chromium';
const SCENARIO_TIMEOUT_MS = 75_000;

const scenarios = [
  ['a new user builds, tests, publishes and runs a webhook → map → http flow', buildAndRunFlow],
  ['invalid config blocks publish; undo/redo; export then import gives the same flow', validationUndoAndImport],
  ['code step with syntax check, copy/paste/delete, auto-layout and a test run', editingTools],
];

function log(message) {
  process.stdout.write(`${message}\n`);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0) {
    log('[e2e] installing Chromium (apt-get)…');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(CHROMIUM)) {
    log(
      `[e2e] Chromium is required at ${CHROMIUM} and could not be installed (install the "chromium" package as root).`,
    );
    log('0 passed, 1 failed');
    process.exit(1);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  ensureChromium();
  await mkdir(artifacts, { recursive: true });
  const fakeApi = await startFakeApi();
  let server;
  try {
    server = await startWeft({
      root,
      env: { WEFT_OWNER_EMAIL: OWNER.email, WEFT_OWNER_PASSWORD: OWNER.password, WEFT_OUTBOUND_ALLOW: '127.0.0.1' },
    });
  } catch (error) {
    log(`[e2e] the Weft server did not start: ${error.message}`);
    if (error.output) log(error.output.split('\n').slice(-30).join('\n'));
    await fakeApi.close();
    log(`0 passed, ${scenarios.length} failed`);
    process.exit(1);
  }
  log(`[e2e] server at ${server.url}, fake API at ${fakeApi.url}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const [index, [title, scenario]] of scenarios.entries()) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, acceptDownloads: true });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const consoleErrors = [];
      page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
      page.on('console', (message) => message.type() === 'error' && consoleErrors.push(`console: ${message.text()}`));
      page.on('dialog', (dialog) => void dialog.accept());
      const started = Date.now();
      try {
        await withTimeout(
          scenario({ page, baseUrl: server.url, fakeApi, artifacts }),
          SCENARIO_TIMEOUT_MS,
          'the scenario',
        );
        passed++;
        log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        log(
          `✗ ${title}\n    ${String(error.stack ?? error)
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}`,
        );
        if (consoleErrors.length) log(`    browser:\n      ${consoleErrors.slice(-8).join('\n      ')}`);
        await page.screenshot({ path: join(artifacts, `failure-${index + 1}.png`) }).catch(() => undefined);
        log(`    screenshot: e2e/artifacts/failure-${index + 1}.png`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    if (failed) log(`[e2e] last server output:\n${server.logs.slice(-20).join('')}`);
    await server.stop();
    await fakeApi.close();
  }
  log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  log(`[e2e] ${error.stack ?? error}`);
  log('0 passed, 1 failed');
  process.exit(1);
});
