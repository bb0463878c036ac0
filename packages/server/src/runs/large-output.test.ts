// Large step outputs through a running server: over the inline limit they reach the next step whole (the run
// detail shows a marker with a preview); over the configured hard cap the step fails with a clear error.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime({ maxStoredPayloadBytes: 3 * 1024 * 1024 });
});
afterAll(() => weft?.close());

const flow = (size: number) => ({
  schema: 'weft.flow/v1',
  name: `big ${size}`,
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [
    { id: 'make', use: 'transform.code', config: { code: `return { text: 'é'.repeat(${size}) };` } },
    { id: 'measure', use: 'transform.code', config: { code: 'return steps.make.text.length;' } },
  ],
  edges: [
    { from: 'hook', to: 'make' },
    { from: 'make', to: 'measure' },
  ],
});

async function run(definition: object): Promise<Record<string, unknown>> {
  const flow = (await (await weft.api('/api/flows', { method: 'POST', json: definition })).json()) as { id: string };
  await weft.api(`/api/flows/${flow.id}/publish`, { method: 'POST' });
  await weft.api(`/api/flows/${flow.id}/activate`, { method: 'POST' });
  const { runId } = (await (await fetch(`${weft.url}/hooks/${flow.id}`, { method: 'POST' })).json()) as {
    runId: string;
  };
  return waitForRun(weft, runId, 20_000);
}

test('a 2 MiB output reaches the next step whole; the run detail shows a preview', async () => {
  const done = await run(flow(1024 * 1024));
  expect(done).toMatchObject({ status: 'succeeded', output: 1024 * 1024 });
  const make = (done.steps as { key: string; output: unknown }[]).find((s) => s.key === 'make');
  expect(make?.output).toMatchObject({ $truncated: true, originalBytes: 2 * 1024 * 1024 + 11 });
});

test('an output over the hard cap fails the step with payload_too_large', async () => {
  const done = await run(flow(2 * 1024 * 1024));
  expect(done).toMatchObject({
    status: 'failed',
    error: { code: 'payload_too_large', nodeId: 'make', message: expect.stringContaining('output of step "make"') },
  });
});
