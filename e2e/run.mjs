#!/usr/bin/env node
// Browser end-to-end tests of the editor against a real Weft server (run by `npm test` after vitest): makes sure
// the system Chromium is there (Playwright's own browser downloads cannot work on this machine), then runs
// `playwright test` with e2e/playwright.config.ts, which starts the server and runs one spec per scenario.
// Extra arguments go to `playwright test` (e.g. a spec file or `--grep`). Builds nothing: the bootstrap has
// built the server, the SDK and the editor.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

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
    process.exit(1);
  }
}

ensureChromium();
const cli = join(here, 'node_modules', '@playwright', 'test', 'cli.js');
const result = spawnSync(
  process.execPath,
  [cli, 'test', '--config', join(here, 'playwright.config.ts'), ...process.argv.slice(2)],
  {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  },
);
process.exit(result.status ?? 1);
