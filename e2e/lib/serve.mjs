#!/usr/bin/env node
// Playwright's `webServer` command: runs the built Weft server on WEFT_E2E_PORT with a throwaway data dir
// (SQLite) until Playwright stops it, then removes the data dir. The owner account is the one the specs sign in as.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWeft } from './weft-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = Number(process.env.WEFT_E2E_PORT);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write('[e2e] WEFT_E2E_PORT must be set to a free port (playwright.config.ts sets it)\n');
  process.exit(1);
}

const server = await startWeft({
  root,
  port,
  env: {
    WEFT_OWNER_EMAIL: process.env.WEFT_E2E_OWNER_EMAIL,
    WEFT_OWNER_PASSWORD: process.env.WEFT_E2E_OWNER_PASSWORD,
    // The fake API of the http steps listens on loopback.
    WEFT_OUTBOUND_ALLOW: '127.0.0.1',
    // Alerts are evaluated every second, so a scenario sees one fire without waiting the default 30 s.
    WEFT_ALERT_INTERVAL_MS: '1000',
  },
}).catch((error) => {
  process.stderr.write(`[e2e] the Weft server did not start: ${error.message}\n${error.output ?? ''}\n`);
  process.exit(1);
});
process.stdout.write(`[e2e] Weft at ${server.url}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  if (process.env.WEFT_E2E_SERVER_LOGS) process.stdout.write(server.logs.join(''));
  await server.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
