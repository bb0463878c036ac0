// A large run stays cheap to inspect: a run of 100,000 steps (as a 100,000-item forEach makes) answers its detail
// with the first page of steps, the count and a cursor — well under 1 MB — and the rest comes a page at a time
// through GET /api/runs/{id}/steps, in start order, without gaps or repeats; logs page the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../test-support/runtime.js';

const STEPS = 100_000;
const LOGS = 2500;
let weft: TestRuntime;
let runId: string;

beforeAll(async () => {
  // A web process: nothing executes the run, which is written here as a finished run would be.
  weft = await startTestRuntime({ role: 'web' });
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'big loop',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [{ id: 'shape', use: 'transform.map', config: { v: '{{ item }}' } }],
      edges: [{ from: 'hook', to: 'shape' }],
    },
  });
  const { id: flowId } = (await created.json()) as { id: string };
  const run = await weft.store.runs.create({ flowId, triggerKind: 'manual', input: { items: STEPS } });
  runId = run.id;
  const journal = weft.store.journal.buffer(run.id);
  const start = Date.now();
  for (let i = 0; i < STEPS; i++) {
    await journal.saveStep({
      runId,
      key: `loop[${i}].shape`,
      nodeId: 'shape',
      status: 'succeeded',
      attempt: 1,
      input: { item: { id: i, name: `customer ${i}` } },
      output: { v: { id: i, name: `customer ${i}` } },
      port: 'success',
      startedAt: start + Math.floor(i / 10),
      endedAt: start + Math.floor(i / 10) + 1,
    });
  }
  for (let i = 0; i < LOGS; i++) await journal.appendLog({ runId, level: 'info', message: `item ${i}`, at: start + i });
  expect(await weft.store.runs.finish({ runId, status: 'succeeded', output: { done: true }, journal })).toBe(true);
}, 120_000);
afterAll(() => weft?.close());

describe('a 100,000-step run', () => {
  it('answers its detail under 1 MB: the first page of steps, the count and a cursor', async () => {
    const response = await weft.api(`/api/runs/${runId}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const bytes = Buffer.byteLength(text);
    console.info(`large run: detail of a ${STEPS}-step run is ${bytes} bytes`);
    expect(bytes).toBeLessThan(1024 * 1024);
    const detail = JSON.parse(text) as { stepCount: number; steps: { key: string }[]; stepsCursor?: string };
    expect(detail.stepCount).toBe(STEPS);
    expect(detail.steps).toHaveLength(200);
    expect(detail.steps[0]!.key).toBe('loop[0].shape');
    expect(detail.stepsCursor).toEqual(expect.any(String));
  });

  it('pages through every step in start order, without gaps or repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    let largest = 0;
    do {
      const response = await weft.api(`/api/runs/${runId}/steps?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      largest = Math.max(largest, Buffer.byteLength(text));
      const page = JSON.parse(text) as { items: { key: string }[]; nextCursor?: string };
      for (const step of page.items) {
        expect(seen.has(step.key)).toBe(false);
        seen.add(step.key);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    console.info(`large run: ${pages} pages of steps, the largest ${largest} bytes`);
    expect(seen.size).toBe(STEPS);
    expect(pages).toBe(STEPS / 1000);
  }, 120_000);

  it('pages its logs, 1000 at a time unless asked otherwise', async () => {
    const first = (await (await weft.api(`/api/runs/${runId}/logs`)).json()) as {
      items: { message: string }[];
      nextCursor?: string;
    };
    expect(first.items).toHaveLength(1000);
    const rest = (await (await weft.api(`/api/runs/${runId}/logs?limit=2000&cursor=${first.nextCursor}`)).json()) as {
      items: { message: string }[];
      nextCursor?: string;
    };
    expect(rest.items.map((l) => l.message).slice(0, 1)).toEqual(['item 1000']);
    expect(rest.items).toHaveLength(LOGS - 1000);
    expect(rest.nextCursor).toBeUndefined();
  });

  it('refuses a cursor that is not one', async () => {
    const response = await weft.api(`/api/runs/${runId}/steps?cursor=nonsense`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('invalid_cursor');
  });
});
