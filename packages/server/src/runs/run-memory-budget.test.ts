// The per-run memory budget through a running server: a forEach over more than a page of items keeps its outputs
// in the store (its step shows a paged-list marker), and a step that would read more of that list than the budget
// (WEFT_RUN_MEMORY_BUDGET_MB) fails the run with run_memory_budget; the process carries on.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime({ runMemoryBudgetMb: 1 });
});
afterAll(() => weft?.close());

const ITEMS = 2500;
/** Each output is about 520 bytes: a page of 1000 fits in 1 MB, the whole list (1.3 MB) does not. */
const flow = (read: string) => ({
  schema: 'weft.flow/v1',
  name: `budget ${read}`,
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [
    { id: 'loop', use: 'forEach', config: { items: '{{ trigger.body.items }}', concurrency: 4 } },
    { id: 'pad', use: 'transform.map', config: { n: '{{ item }}', pad: 'x'.repeat(500) } },
    { id: 'read', use: 'transform.code', config: { code: read } },
  ],
  edges: [
    { from: 'hook', to: 'loop' },
    { from: 'loop', to: 'pad', port: 'each' },
    { from: 'loop', to: 'read', port: 'done' },
  ],
});

async function run(read: string): Promise<Record<string, unknown>> {
  const created = await weft.api('/api/flows', { method: 'POST', json: flow(read) });
  const { id } = (await created.json()) as { id: string };
  await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
  await weft.api(`/api/flows/${id}/activate`, { method: 'POST' });
  const items = Array.from({ length: ITEMS }, (_, i) => i);
  const { runId } = (await (await postHook(weft, id, { items })).json()) as { runId: string };
  return waitForRun(weft, runId, 60_000);
}

test('a step reading a paged list larger than the budget fails the run with run_memory_budget', async () => {
  const done = await run('return steps.loop.length;');
  expect(done).toMatchObject({
    status: 'failed',
    error: { code: 'run_memory_budget', nodeId: 'read', message: expect.stringContaining('WEFT_RUN_MEMORY_BUDGET_MB') },
  });
  const steps = done.steps as { key: string; status: string; output?: unknown }[];
  expect(steps.find((s) => s.key === 'loop')).toMatchObject({
    status: 'succeeded',
    output: { $pages: 'step:loop:list', length: ITEMS, pageSize: 1000 },
  });
});

test('a loop whose pages fit the budget, read by nothing whole, succeeds', async () => {
  const done = await run('return 1;');
  expect(done).toMatchObject({ status: 'succeeded', output: 1 });
});
