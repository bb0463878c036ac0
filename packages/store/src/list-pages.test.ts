// A large forEach journaled in the store, on SQLite and PostgreSQL: its items and outputs are payload blobs a page
// each (the steps hold markers), the step after it reads the whole list back, and a run stopped mid-loop resumes
// from the iterations it journaled instead of running them again.
import { describe, expect, test } from 'vitest';
import { executeFlow, type ActionHandler, type FlowDefinition, type MappingSandbox } from '@weft/core';
import { DIALECTS, openTestStore } from './test-support.js';
import type { Store } from './store.js';

const ITEMS = 2500;
const items = Array.from({ length: ITEMS }, (_, i) => i);
const noSandbox: MappingSandbox = {
  render: () => Promise.reject(new Error('paths only in this flow')),
  runCode: () => Promise.reject(new Error('no code in this flow')),
};

const flow = (body: string): FlowDefinition => ({
  schema: 'weft.flow/v1',
  name: 'paged loop',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [
    { id: 'loop', use: 'forEach', config: { items: '{{ trigger.items }}', concurrency: 8 } },
    { id: 'echo', use: body, config: { n: '{{ item }}' } },
    { id: 'all', use: 'transform.map', config: { list: '{{ steps.loop }}' } },
  ],
  edges: [
    { from: 'hook', to: 'loop' },
    { from: 'loop', to: 'echo', port: 'each' },
    { from: 'loop', to: 'all', port: 'done' },
  ],
});

async function newRun(store: Store, definition: FlowDefinition): Promise<string> {
  const created = await store.flows.create({ definition });
  return (await store.runs.create({ flowId: created.id, triggerKind: 'manual', input: { items } })).id;
}

describe.each(DIALECTS)('a forEach over %s', (dialect) => {
  test('writes its items and outputs in pages and reads them back for the next step', async () => {
    const { store } = await openTestStore(dialect);
    const definition = flow('transform.map');
    const runId = await newRun(store, definition);
    const outcome = await executeFlow({
      flow: definition,
      runId,
      input: { items },
      sandbox: noSandbox,
      journal: store.journal,
    });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toEqual({ list: items.map((n) => ({ n })) });
    const loop = (await store.journal.listSteps(runId)).find((s) => s.key === 'loop');
    expect(loop?.output).toEqual({ $pages: 'step:loop:list', length: ITEMS, pageSize: 1000 });
    expect(loop?.input).toMatchObject({ items: { $pages: 'step:loop:items', length: ITEMS } });
    expect(await store.journal.readListPage(runId, 'step:loop:list', 2)).toBe(
      JSON.stringify(items.slice(2000).map((n) => ({ n }))),
    );
    expect(await store.journal.readListPage(runId, 'step:loop:items', 0)).toBe(JSON.stringify(items.slice(0, 1000)));
  });

  test('a run stopped mid-loop resumes from the iterations it journaled', async () => {
    const { store } = await openTestStore(dialect);
    const definition = flow('api@1.echo');
    const runId = await newRun(store, definition);
    const calls: number[] = [];
    const controller = new AbortController();
    const echo: ActionHandler = async ({ input }) => {
      calls.push(input.n as number);
      if (calls.length === 1200) controller.abort(new Error('worker stopped'));
      return { n: input.n as number };
    };
    const actions = { resolve: () => echo };
    const options = { flow: definition, runId, input: { items }, sandbox: noSandbox, journal: store.journal, actions };
    const stopped = await executeFlow({ ...options, signal: controller.signal });
    expect(stopped.status).toBe('cancelled');
    const before = calls.length;
    const done = (await store.journal.listSteps(runId)).filter(
      (s) => s.nodeId === 'echo' && s.status === 'succeeded',
    ).length;
    expect(done).toBeGreaterThan(1000);
    const resumed = await executeFlow(options);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.output).toEqual({ list: items.map((n) => ({ n })) });
    // Every journaled iteration is taken as it was: only the others run (those in flight when it stopped again).
    expect(calls.length - before).toBe(ITEMS - done);
    expect(new Set(calls).size).toBe(ITEMS);
  });
});
