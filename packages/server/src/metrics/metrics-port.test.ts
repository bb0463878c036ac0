// WEFT_METRICS_PORT: a listener serving only /metrics — open without a token when none is configured, asking
// for it when one is — while the main port keeps /metrics off without a token.
import { afterEach, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../test-support/runtime.js';
import { sampleOf } from './scrape.test-support.js';

let weft: TestRuntime | undefined;
afterEach(async () => {
  await weft?.close();
  weft = undefined;
});

it('serves only /metrics on its own port, without a token when none is configured', async () => {
  weft = await startTestRuntime({ metricsPort: 0 });
  const base = weft.metricsUrl!.replace('localhost', '127.0.0.1');
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(sampleOf(await response.text(), 'weft_process_resident_memory_bytes')).toBeGreaterThan(0);
  expect((await fetch(`${base}/api/flows`)).status).toBe(404);
  expect((await fetch(`${base}/hooks/anything`, { method: 'POST' })).status).toBe(404);
  expect((await fetch(`${weft.url}/metrics`)).status).toBe(404);
});

it('asks for the metrics token on its port when one is configured', async () => {
  weft = await startTestRuntime({ metricsPort: 0, metricsToken: 'metrics-port-token' });
  const base = weft.metricsUrl!.replace('localhost', '127.0.0.1');
  expect((await fetch(`${base}/metrics`)).status).toBe(401);
  const ok = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer metrics-port-token' } });
  expect(ok.status).toBe(200);
});
