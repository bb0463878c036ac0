// A pure step's record is committed while the run goes on; these are the promises that keeps: nothing with
// effects starts before the earlier records are committed, a lost write fails the run, an oversized output
// still fails its own step, and a run reports its outcome only once every record is written.
import { describe, expect, it } from 'vitest';
import { DeferredWrites } from './deferred-writes.js';
import { executeFlow } from './engine.js';
import { WeftError } from './errors.js';
import type { FlowDefinition } from './flow.js';
import type { StepRecord } from './ports.js';
import { callRun, MemoryJournal } from './test-support/fakes.js';

/** map -> call (an action, with effects) -> after (map). */
const flow: FlowDefinition = {
  schema: 'weft.flow/v1',
  name: 'deferred',
  trigger: { id: 'start', connector: 'webhook@1', trigger: 'event' },
  steps: [
    { id: 'map', use: 'transform.map', config: { n: 1 } },
    { id: 'call', use: 'api@1.call' },
    { id: 'after', use: 'transform.map', config: { done: true } },
  ],
  edges: [
    { from: 'start', to: 'map' },
    { from: 'map', to: 'call' },
    { from: 'call', to: 'after' },
  ],
};

/** A journal whose commits of the `held` steps finish only when the test says so; others commit at once. */
class SlowJournal extends MemoryJournal {
  readonly pending: { record: StepRecord; commit: () => void; fail: (error: Error) => void }[] = [];
  readonly committed: string[] = [];
  constructor(private readonly held: string[]) {
    super();
  }
  override saveStep(record: StepRecord): Promise<void> {
    if (record.key === 'too-big' && record.output !== undefined) throw new WeftError('payload_too_large', 'the output is too large');
    if (!this.held.includes(record.key)) {
      this.committed.push(`${record.key}:${record.status}`);
      return super.saveStep(record);
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({
        record: { ...record },
        commit: () => {
          this.committed.push(`${record.key}:${record.status}`);
          void super.saveStep(record).then(resolve);
        },
        fail: reject,
      });
    });
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('pure steps committed while the run goes on', () => {
  it('starts a step with effects only after the earlier pure records are committed', async () => {
    const journal = new SlowJournal(['map', 'after']);
    const calls: string[][] = [];
    const running = executeFlow(
      callRun(flow, journal, async () => {
        calls.push([...journal.committed]);
        return { ok: true };
      }),
    );
    await tick();
    // The map's record is handed off, the action has not started.
    expect(journal.pending.map((p) => p.record.key)).toEqual(['map']);
    expect(calls).toEqual([]);
    expect(journal.committed).toEqual(['start:succeeded']);
    journal.pending.shift()!.commit();
    await tick();
    // The action's own "running" record came after the map's commit, and the action after that.
    expect(calls).toEqual([['start:succeeded', 'map:succeeded', 'call:running']]);
    let outcome: unknown;
    void running.then((o) => (outcome = o));
    await tick();
    expect(journal.pending.map((p) => p.record.key)).toEqual(['after']);
    expect(outcome).toBeUndefined();
    journal.pending.shift()!.commit();
    await tick();
    expect(outcome).toMatchObject({ status: 'succeeded' });
  });

  it('reports the outcome only after the last pure record is committed', async () => {
    const journal = new SlowJournal(['map']);
    const pure: FlowDefinition = { ...flow, steps: [flow.steps[0]!], edges: [flow.edges[0]!] };
    let outcome: unknown;
    void executeFlow(callRun(pure, journal, async () => ({}))).then((o) => (outcome = o));
    await tick();
    expect(outcome).toBeUndefined();
    journal.pending.shift()!.commit();
    await tick();
    expect(outcome).toMatchObject({ status: 'succeeded' });
  });

  it('fails the run when a pure record is lost, and starts nothing with effects after it', async () => {
    const journal = new SlowJournal(['map']);
    let called = false;
    const running = executeFlow(
      callRun(flow, journal, async () => {
        called = true;
        return {};
      }),
    );
    await tick();
    journal.pending.shift()!.fail(new WeftError('store_unavailable', 'disk I/O error'));
    const outcome = await running;
    expect(called).toBe(false);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'store_unavailable' } });
  });

  it('fails a pure step whose record the journal refuses at once, with that step named', async () => {
    const journal = new SlowJournal([]);
    const refused: FlowDefinition = {
      ...flow,
      steps: [{ id: 'too-big', use: 'transform.map', config: { n: 1 } }],
      edges: [{ from: 'start', to: 'too-big' }],
    };
    const outcome = await executeFlow(callRun(refused, journal, async () => ({})));
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'payload_too_large', nodeId: 'too-big' } });
  });
});

describe('DeferredWrites', () => {
  it('lets a bounded number of writes be in flight, then waits for the oldest', async () => {
    const writes = new DeferredWrites(2);
    const resolvers: (() => void)[] = [];
    const write = () => new Promise<void>((resolve) => resolvers.push(resolve));
    await writes.defer(write());
    await writes.defer(write());
    let third = false;
    void writes.defer(write()).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    resolvers[0]!();
    await tick();
    expect(third).toBe(true);
    let settled = false;
    void writes.settle().then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    resolvers.slice(1).forEach((resolve) => resolve());
    await tick();
    expect(settled).toBe(true);
  });
});
