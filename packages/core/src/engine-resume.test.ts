// Resuming after a crash: a step that was in flight runs again as a new attempt, recorded as a resume (journal,
// event and log), with the same idempotency key as before, so the API it calls can drop the repeat.
import { describe, expect, it } from 'vitest';
import { executeFlow } from './engine.js';
import type { FlowDefinition, StepNode } from './flow.js';
import type { ActionContext, ActionHandler, RunEvent } from './ports.js';
import { preparedStep } from './replay.js';
import { callRun, FakeClock, MemoryJournal, seededRandom, succeededStep } from './test-support/fakes.js';

function flow(step: Partial<StepNode> = {}): FlowDefinition {
  return {
    schema: 'weft.flow/v1',
    name: 'resume',
    trigger: { id: 'start', connector: 'webhook@1', trigger: 'event' },
    steps: [{ id: 'call', use: 'api@1.call', ...step }],
    edges: [{ from: 'start', to: 'call' }],
  };
}

const triggerDone = succeededStep('start');

async function exec(definition: FlowDefinition, journal: MemoryJournal) {
  const calls: ActionContext[] = [];
  const handler: ActionHandler = async (ctx) => {
    calls.push(ctx);
    return { ok: true };
  };
  const events: RunEvent[] = [];
  const outcome = await executeFlow({
    ...callRun(definition, journal, handler),
    clock: new FakeClock(),
    random: seededRandom(1),
    onEvent: (event) => events.push(event),
  });
  return { outcome, calls, events };
}

describe('resume after interruption', () => {
  it('records an in-flight step as a new attempt marked resumed, with an event and a log', async () => {
    const journal = new MemoryJournal();
    await journal.saveStep(triggerDone);
    await journal.saveStep({ runId: 'r1', key: 'call', nodeId: 'call', status: 'running', attempt: 1, startedAt: 2 });
    const { outcome, calls, events } = await exec(flow(), journal);

    expect(outcome.status).toBe('succeeded');
    expect(calls.map((c) => [c.attempt, c.idempotencyKey])).toEqual([[2, 'r1:call']]);
    expect(journal.get('r1', 'call')).toMatchObject({ status: 'succeeded', attempt: 2, resumed: true, startedAt: 2 });
    // The resume is journaled before the step runs again.
    expect(journal.history.find((r) => r.key === 'call' && r.attempt === 2)).toMatchObject({
      status: 'running',
      resumed: true,
    });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'step.resumed', key: 'call', nodeId: 'call', attempt: 2, previousAttempt: 1 }),
    );
    expect(events).toContainEqual(expect.objectContaining({ type: 'step.finished', key: 'call', resumed: true }));
    expect(journal.logs).toContainEqual(
      expect.objectContaining({
        stepKey: 'call',
        level: 'warn',
        message: 'attempt 2: resumed after interruption (attempt 1 was in flight when the run stopped)',
      }),
    );
  });

  it('does not mark a step that starts for the first time', async () => {
    const journal = new MemoryJournal();
    const { calls, events } = await exec(flow(), journal);
    expect(calls.map((c) => c.attempt)).toEqual([1]);
    expect(journal.get('r1', 'call')?.resumed).toBeUndefined();
    expect(events.some((e) => e.type === 'step.resumed')).toBe(false);
  });

  it('tells the connector when a step opted out of idempotency headers', async () => {
    const optedOut = await exec(flow({ idempotencyKey: false }), new MemoryJournal());
    expect(optedOut.calls[0]).toMatchObject({ idempotencyKey: 'r1:call', sendIdempotencyKey: false });
    const byDefault = await exec(flow(), new MemoryJournal());
    expect(byDefault.calls[0]?.sendIdempotencyKey).toBeUndefined();
  });
});

describe('a step given its input (replay with an edited input)', () => {
  it('runs with the prepared input instead of its config, as a first attempt', async () => {
    const journal = new MemoryJournal();
    await journal.saveStep(triggerDone);
    await journal.saveStep({ ...preparedStep('r1', 'call', { edited: true }, 5) });
    const { outcome, calls, events } = await exec(flow({ config: { from: 'config' } }), journal);
    expect(outcome.status).toBe('succeeded');
    expect(calls.map((c) => [c.attempt, c.input])).toEqual([[1, { edited: true }]]);
    expect(journal.get('r1', 'call')).toMatchObject({ status: 'succeeded', attempt: 1, input: { edited: true } });
    expect(journal.get('r1', 'call')!.resumed).toBeUndefined();
    expect(events.some((e) => e.type === 'step.resumed')).toBe(false);
  });

  it('keeps that input when the run is resumed after a crash mid-attempt: the same key goes with the same input', async () => {
    const journal = new MemoryJournal();
    await journal.saveStep(triggerDone);
    await journal.saveStep({
      runId: 'r1',
      key: 'call',
      nodeId: 'call',
      status: 'running',
      attempt: 1,
      input: { edited: true },
      startedAt: 2,
    });
    const { calls } = await exec(flow({ config: { from: 'config' } }), journal);
    expect(calls.map((c) => [c.attempt, c.input, c.idempotencyKey])).toEqual([[2, { edited: true }, 'r1:call']]);
  });
});
