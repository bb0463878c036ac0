// The runtime takes its settings from one parse of the environment: explicit options win over it, and a bad
// value stops the start with a message naming the variable (checked through startRuntime and HTTP).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime } from './runtime.js';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

const preflight = (runtime: TestRuntime, origin: string) =>
  fetch(`${runtime.url}/api/flows`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST' },
  }).then((response) => response.headers.get('access-control-allow-origin'));

let weft: TestRuntime | undefined;
afterEach(async () => {
  await weft?.close();
  weft = undefined;
});

describe('runtime settings', () => {
  it('reads a setting from the environment it is given', async () => {
    weft = await startTestRuntime({ env: { WEFT_CORS_ORIGINS: 'https://app.example' } });
    expect(await preflight(weft, 'https://app.example')).toBe('https://app.example');
  });

  it('lets an explicit option win over the environment', async () => {
    weft = await startTestRuntime({ env: { WEFT_CORS_ORIGINS: 'https://app.example' }, corsOrigins: [] });
    expect(await preflight(weft, 'https://app.example')).toBeNull();
  });

  it('refuses to start on a bad value, naming the variable, the value and what is expected', async () => {
    const dataDir = join(tmpdir(), `weft-never-started-${process.pid}`);
    await expect(startRuntime({ dataDir, port: 0, env: { WEFT_CONCURRENCY: 'abc' } })).rejects.toMatchObject({
      code: 'config_invalid',
      message: 'WEFT_CONCURRENCY="abc" is not valid: expected a whole number from 1 to 10000',
    });
    expect(existsSync(dataDir)).toBe(false);
  });
});
