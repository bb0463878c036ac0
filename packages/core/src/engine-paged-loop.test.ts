// A forEach over more than a page of items: its items and outputs go out in pages (the journal holds markers), the
// steps after it still read the whole list, another forEach streams it, and a run that would hold more of a list
// than its memory budget fails with run_memory_budget instead of growing without bound.
import { describe, expect, it } from 'vitest';
import { executeFlow, type ExecuteOptions } from './engine.js';
import type { Edge, FlowDefinition, StepNode } from './flow.js';
import type { JsonValue } from './json.js';
import { FakeClock, MemoryJournal, seededRandom, testSandbox } from './test-support/fakes.js';

const ITEMS = 2500;
const numbers = Array.from({ length: ITEMS }, (_, i) => i);

function flow(steps: StepNode[], edges: Edge[]): FlowDefinition {
  return {
    schema: 'weft.flow/v1',
    name: 'paged',
    trigger: { id: 'start', connector: 'webhook@1', trigger: 'event' },
    steps,
    edges,
  };
}

/** A journal that keeps list pages itself, as the store does, and counts what it was asked for. */
class PagingJournal extends MemoryJournal {
  readonly pages = new Map<string, string>();
  reads = 0;
  async writeListPage(runId: string, slot: string, page: number, text: string): Promise<void> {
    this.pages.set(`${runId}|${slot}:${page}`, text);
  }
  async readListPage(runId: string, slot: string, page: number): Promise<string | undefined> {
    this.reads++;
    return this.pages.get(`${runId}|${slot}:${page}`);
  }
}

function run(definition: FlowDefinition, input: JsonValue, extra: Partial<ExecuteOptions> = {}) {
  const journal = (extra.journal as MemoryJournal | undefined) ?? new PagingJournal();
  return executeFlow({
    flow: definition,
    runId: 'run1',
    input,
    sandbox: testSandbox,
    journal,
    clock: new FakeClock(),
    random: seededRandom(1),
    ...extra,
  }).then((outcome) => ({ outcome, journal }));
}

const loopThenSum = flow(
  [
    { id: 'loop', use: 'forEach', config: { items: '{{ trigger.numbers }}', concurrency: 4 } },
    { id: 'double', use: 'transform.map', config: { v: '{{ item * 2 }}' } },
    { id: 'sum', use: 'transform.code', config: { code: 'return steps.loop.reduce((s, r) => s + r.v, 0)' } },
  ],
  [
    { from: 'start', to: 'loop' },
    { from: 'loop', to: 'double', port: 'each' },
    { from: 'loop', to: 'sum', port: 'done' },
  ],
);

describe('a forEach over more than a page of items', () => {
  it('journals its items and outputs as paged lists, and the next step reads the whole list', async () => {
    const { outcome, journal } = await run(loopThenSum, { numbers });
    expect(outcome).toEqual({ status: 'succeeded', output: ITEMS * (ITEMS - 1) });
    const loop = journal.get('run1', 'loop');
    expect(loop?.output).toEqual({ $pages: 'step:loop:list', length: ITEMS, pageSize: 1000 });
    expect(loop?.input).toEqual({
      items: { $pages: 'step:loop:items', length: ITEMS, pageSize: 1000 },
      concurrency: 4,
    });
    const pages = (journal as PagingJournal).pages;
    expect([...pages.keys()].filter((k) => k.includes(':list:'))).toHaveLength(3);
    expect(JSON.parse(pages.get('run1|step:loop:list:2')!)).toHaveLength(ITEMS - 2000);
    expect(JSON.parse(pages.get('run1|step:loop:list:1')!)[0]).toEqual({ v: 2000 });
  });

  it('keeps the old shape up to a page: an array of outputs', async () => {
    const { outcome, journal } = await run(loopThenSum, { numbers: numbers.slice(0, 1000) });
    expect(outcome.output).toBe(1000 * 999);
    expect(journal.get('run1', 'loop')?.output).toHaveLength(1000);
  });

  it('a forEach over a paged list reads it a page at a time, and a run ending on a loop outputs the whole list', async () => {
    const { outcome, journal } = await run(
      flow(
        [
          { id: 'loop', use: 'forEach', config: { items: '{{ trigger.numbers }}', concurrency: 3 } },
          { id: 'double', use: 'transform.map', config: { v: '{{ item * 2 }}' } },
          { id: 'again', use: 'forEach', config: { items: '{{ steps.loop }}', concurrency: 5 } },
          { id: 'plus', use: 'transform.map', config: { w: '{{ item.v + index }}' } },
        ],
        [
          { from: 'start', to: 'loop' },
          { from: 'loop', to: 'double', port: 'each' },
          { from: 'loop', to: 'again', port: 'done' },
          { from: 'again', to: 'plus', port: 'each' },
        ],
      ),
      { numbers },
    );
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toEqual(numbers.map((n) => ({ w: 3 * n })));
    expect(journal.get('run1', 'again')?.input).toEqual({
      items: { $pages: 'step:loop:list', length: ITEMS, pageSize: 1000 },
      concurrency: 5,
    });
    // Three pages of the first loop's outputs for the second loop, three of its own for the run's output.
    expect((journal as PagingJournal).reads).toBe(6);
  });

  it('keeps pages in memory with a journal that has no page store', async () => {
    const { outcome } = await run(loopThenSum, { numbers }, { journal: new MemoryJournal() });
    expect(outcome).toEqual({ status: 'succeeded', output: ITEMS * (ITEMS - 1) });
  });

  it('fails the run with run_memory_budget when a step would read more of a list than the budget', async () => {
    const text = flow(
      [
        { id: 'loop', use: 'forEach', config: { items: '{{ trigger.numbers }}', concurrency: 4 } },
        { id: 'pad', use: 'transform.map', config: { s: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' } },
        { id: 'count', use: 'transform.code', config: { code: 'return steps.loop.length' } },
      ],
      [
        { from: 'start', to: 'loop' },
        { from: 'loop', to: 'pad', port: 'each' },
        { from: 'loop', to: 'count', port: 'done' },
      ],
    );
    // A page of outputs is about 49 KB and the whole list about 122 KB: the loop fits, reading the list does not.
    const { outcome, journal } = await run(text, { numbers }, { memoryBudgetBytes: 80_000 });
    expect(journal.get('run1', 'loop')?.status).toBe('succeeded');
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'run_memory_budget', nodeId: 'count', fault: 'user' });
    expect(outcome.error?.message).toContain('WEFT_RUN_MEMORY_BUDGET_MB');
    const fits = await run(text, { numbers }, { memoryBudgetBytes: 200_000 });
    expect(fits.outcome).toEqual({ status: 'succeeded', output: ITEMS });
  });
});
