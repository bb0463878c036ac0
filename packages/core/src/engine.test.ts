import { describe, expect, it } from 'vitest';
import { executeFlow, type ExecuteOptions } from './engine.js';
import type { Edge, FlowDefinition, StepNode } from './flow.js';
import type { JsonValue } from './json.js';
import type { ActionHandler, RunEvent } from './ports.js';
import { FakeClock, MemoryJournal, seededRandom, testSandbox } from './test-support/fakes.js';

function flow(steps: StepNode[], edges: Edge[]): FlowDefinition {
  return {
    schema: 'weft.flow/v1',
    name: 'test',
    trigger: { id: 'start', connector: 'webhook@1', trigger: 'event' },
    steps,
    edges,
  };
}

function run(definition: FlowDefinition, input: JsonValue, extra: Partial<ExecuteOptions> = {}) {
  const journal = (extra.journal as MemoryJournal | undefined) ?? new MemoryJournal();
  const clock = (extra.clock as FakeClock | undefined) ?? new FakeClock();
  const events: RunEvent[] = [];
  const promise = executeFlow({
    flow: definition,
    runId: 'run1',
    input,
    sandbox: testSandbox,
    journal,
    clock,
    random: seededRandom(42),
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return promise.then((outcome) => ({ outcome, journal, clock, events }));
}

const actions = (handlers: Record<string, ActionHandler>) => ({ resolve: (use: string) => handlers[use] });

describe('executeFlow', () => {
  it('passes trigger data and upstream outputs through a linear flow', async () => {
    const { outcome, journal } = await run(
      flow(
        [
          { id: 'greet', use: 'transform.map', config: { text: 'Hello {{ trigger.name }}', n: '{{ trigger.n * 2 }}' } },
          {
            id: 'shout',
            use: 'transform.code',
            config: { code: 'return steps.greet.text.toUpperCase() + "!".repeat(steps.greet.n)' },
          },
        ],
        [
          { from: 'start', to: 'greet' },
          { from: 'greet', to: 'shout' },
        ],
      ),
      { name: 'Ada', n: 2 },
    );
    expect(outcome).toEqual({ status: 'succeeded', output: 'HELLO ADA!!!!' });
    expect(journal.get('run1', 'greet')).toMatchObject({
      status: 'succeeded',
      output: { text: 'Hello Ada', n: 4 },
      attempt: 1,
      port: 'success',
    });
    expect(journal.get('run1', 'start')).toMatchObject({ status: 'succeeded', output: { name: 'Ada', n: 2 } });
  });

  it('follows the true or false port of an if and records the other branch as skipped', async () => {
    const definition = flow(
      [
        { id: 'check', use: 'if', config: { condition: '{{ trigger.amount > 100 }}' } },
        { id: 'big', use: 'transform.map', config: { size: 'big' } },
        { id: 'small', use: 'transform.map', config: { size: 'small' } },
        { id: 'after', use: 'transform.code', config: { code: 'return steps.big?.size ?? steps.small?.size' } },
      ],
      [
        { from: 'start', to: 'check' },
        { from: 'check', to: 'big', port: 'true' },
        { from: 'check', to: 'small', port: 'false' },
        { from: 'big', to: 'after' },
        { from: 'small', to: 'after' },
      ],
    );
    const high = await run(definition, { amount: 500 });
    expect(high.outcome.output).toBe('big');
    expect(high.journal.get('run1', 'small')?.status).toBe('skipped');
    const low = await run(definition, { amount: 5 });
    expect(low.outcome.output).toBe('small');
    expect(low.journal.get('run1', 'big')?.status).toBe('skipped');
  });

  it('routes a switch to the first matching case or to default', async () => {
    const definition = flow(
      [
        {
          id: 'route',
          use: 'switch',
          config: {
            cases: [
              { name: 'bug', when: "{{ trigger.label === 'bug' }}" },
              { name: 'idea', when: "{{ trigger.label === 'idea' }}" },
            ],
          },
        },
        { id: 'bug', use: 'transform.map', config: { team: 'eng' } },
        { id: 'idea', use: 'transform.map', config: { team: 'product' } },
        { id: 'other', use: 'transform.map', config: { team: 'triage' } },
      ],
      [
        { from: 'start', to: 'route' },
        { from: 'route', to: 'bug', port: 'case:bug' },
        { from: 'route', to: 'idea', port: 'case:idea' },
        { from: 'route', to: 'other', port: 'default' },
      ],
    );
    expect((await run(definition, { label: 'idea' })).outcome.output).toEqual({ team: 'product' });
    expect((await run(definition, { label: 'question' })).outcome.output).toEqual({ team: 'triage' });
  });

  it('runs a forEach body per item with bounded concurrency and collects results in order', async () => {
    let active = 0;
    let peak = 0;
    const double: ActionHandler = async ({ input }) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return { value: (input.n as number) * 2 };
    };
    const { outcome, journal } = await run(
      flow(
        [
          { id: 'loop', use: 'forEach', config: { items: '{{ trigger.numbers }}', concurrency: 3 } },
          { id: 'double', use: 'math@1.double', config: { n: '{{ item }}' } },
          { id: 'label', use: 'transform.map', config: { text: '#{{ index }}={{ steps.double.value }}' } },
          { id: 'total', use: 'transform.code', config: { code: 'return steps.loop.map(r => r.text).join(",")' } },
        ],
        [
          { from: 'start', to: 'loop' },
          { from: 'loop', to: 'double', port: 'each' },
          { from: 'double', to: 'label' },
          { from: 'label', to: 'loop' },
          { from: 'loop', to: 'total', port: 'done' },
        ],
      ),
      { numbers: [1, 2, 3, 4, 5, 6, 7] },
      { actions: actions({ 'math@1.double': double }) },
    );
    expect(outcome.output).toBe('#0=2,#1=4,#2=6,#3=8,#4=10,#5=12,#6=14');
    expect(peak).toBe(3);
    expect(journal.get('run1', 'loop[4]/double')).toMatchObject({ status: 'succeeded', output: { value: 10 } });
  });

  it('fails a forEach whose items are not a list, naming the node', async () => {
    const { outcome } = await run(
      flow(
        [{ id: 'loop', use: 'forEach', config: { items: '{{ trigger.nothing }}' } }],
        [{ from: 'start', to: 'loop' }],
      ),
      {},
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'loop_items', nodeId: 'loop' });
  });

  it('merge waits for every incoming branch and combines their outputs', async () => {
    const slow: ActionHandler = async () => {
      await new Promise((r) => setTimeout(r, 20));
      return 'slow';
    };
    const { outcome } = await run(
      flow(
        [
          { id: 'a', use: 'x@1.slow' },
          { id: 'b', use: 'transform.map', config: { v: 'fast' } },
          { id: 'join', use: 'merge' },
        ],
        [
          { from: 'start', to: 'a' },
          { from: 'start', to: 'b' },
          { from: 'a', to: 'join' },
          { from: 'b', to: 'join' },
        ],
      ),
      {},
      { actions: actions({ 'x@1.slow': slow }) },
    );
    expect(outcome.output).toEqual({ a: 'slow', b: { v: 'fast' } });
  });

  it('delays on the clock and emits a respond step as the response', async () => {
    const clock = new FakeClock();
    const { outcome } = await run(
      flow(
        [
          { id: 'wait', use: 'delay', config: { ms: 1500 } },
          {
            id: 'reply',
            use: 'respond',
            config: { status: 201, headers: { 'x-id': '{{ trigger.id }}' }, body: { ok: true } },
          },
        ],
        [
          { from: 'start', to: 'wait' },
          { from: 'wait', to: 'reply' },
        ],
      ),
      { id: 7 },
      { clock },
    );
    expect(clock.sleeps).toEqual([1500]);
    expect(outcome.response).toEqual({ status: 201, headers: { 'x-id': '7' }, body: { ok: true } });
  });

  it('runs a subflow through the runtime and uses its output', async () => {
    const subflows = { run: async (ref: string, input: JsonValue) => ({ ref, input }) };
    const { outcome } = await run(
      flow(
        [{ id: 'sub', use: 'subflow', config: { flow: 'enrich', input: { id: '{{ trigger.id }}' } } }],
        [{ from: 'start', to: 'sub' }],
      ),
      { id: 3 },
      { subflows },
    );
    expect(outcome.output).toEqual({ ref: 'enrich', input: { id: 3 } });
  });
});
