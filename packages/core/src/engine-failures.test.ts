import { describe, expect, it } from 'vitest';
import { executeFlow } from './engine.js';
import { WeftError } from './errors.js';
import type { FlowDefinition, StepNode } from './flow.js';
import type { ActionHandler, StepRecord } from './ports.js';
import { callRun, FakeClock, MemoryJournal, seededRandom, succeededStep, testSandbox } from './test-support/fakes.js';

function single(
  step: Partial<StepNode>,
  extraSteps: StepNode[] = [],
  extraEdges: FlowDefinition['edges'] = [],
): FlowDefinition {
  return {
    schema: 'weft.flow/v1',
    name: 'failures',
    trigger: { id: 'start', connector: 'webhook@1', trigger: 'event' },
    steps: [{ id: 'call', use: 'api@1.call', ...step }, ...extraSteps],
    edges: [{ from: 'start', to: 'call' }, ...extraEdges],
  };
}

function failingTimes(times: number, error: () => Error = () => new Error('HTTP 503 from upstream')) {
  const seen: { attempt: number; idempotencyKey: string }[] = [];
  const handler: ActionHandler = async ({ attempt, idempotencyKey }) => {
    seen.push({ attempt, idempotencyKey });
    if (seen.length <= times) throw error();
    return { ok: true };
  };
  return { handler, seen };
}

async function exec(
  definition: FlowDefinition,
  handler: ActionHandler,
  extra: { journal?: MemoryJournal; clock?: FakeClock; signal?: AbortSignal } = {},
) {
  const journal = extra.journal ?? new MemoryJournal();
  const clock = extra.clock ?? new FakeClock();
  const outcome = await executeFlow({
    ...callRun(definition, journal, handler),
    clock,
    random: seededRandom(7),
    ...(extra.signal ? { signal: extra.signal } : {}),
  });
  return { outcome, journal, clock };
}

describe('retries', () => {
  it('retries with exponential backoff and full jitter, keeping one idempotency key', async () => {
    const { handler, seen } = failingTimes(3);
    const { outcome, journal, clock } = await exec(
      single({ retry: { attempts: 5, delay: 1000, maxDelay: 3000 } }),
      handler,
    );
    expect(outcome.status).toBe('succeeded');
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3, 4]);
    expect(new Set(seen.map((s) => s.idempotencyKey))).toEqual(new Set(['r1:call']));
    // full jitter: each delay in [0, min(maxDelay, 1000 * 2^(n-1)))
    const caps = [1000, 2000, 3000];
    expect(clock.sleeps).toHaveLength(3);
    clock.sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(caps[i]!);
    });
    expect(journal.get('r1', 'call')).toMatchObject({ status: 'succeeded', attempt: 4 });
    expect(journal.logs.filter((l) => l.message.includes('retrying'))).toHaveLength(3);
  });

  it('waits at least the Retry-After a failure carries before the next attempt (max of backoff and retryAfter)', async () => {
    // What a connector throws for `429 Retry-After: 3`: retryable, with the wait it was told.
    const rateLimited = () =>
      Object.assign(new WeftError('connector_rate_limited', 'rate limited (429)', { retryable: true }), {
        retryAfterMs: 3000,
      });
    const { handler, seen } = failingTimes(1, rateLimited);
    const { outcome, clock } = await exec(single({ retry: { attempts: 3, delay: 10, maxDelay: 100 } }), handler);
    expect(outcome.status).toBe('succeeded');
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('keeps its own backoff when it is longer than the Retry-After', async () => {
    const told = () => Object.assign(new Error('503'), { details: { retryAfterMs: 5 } });
    const { handler } = failingTimes(1, told);
    const { clock } = await exec(single({ retry: { attempts: 2, backoff: 'fixed', delay: 2000 } }), handler);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('tells the action its step owns the retries (the attempt budget)', async () => {
    const budgets: (number | undefined)[] = [];
    const handler: ActionHandler = async ({ stepAttempts }) => {
      budgets.push(stepAttempts);
      return {};
    };
    await exec(single({ retry: { attempts: 4 } }), handler);
    await exec(single({}), handler);
    expect(budgets).toEqual([4, 1]);
  });

  it('gives up after the last attempt and fails the run with the step error', async () => {
    const { handler, seen } = failingTimes(10);
    const { outcome, journal } = await exec(single({ retry: { attempts: 3, delay: 10 } }), handler);
    expect(seen).toHaveLength(3);
    expect(outcome).toMatchObject({ status: 'failed', error: { nodeId: 'call', message: 'HTTP 503 from upstream' } });
    expect(journal.get('r1', 'call')).toMatchObject({ status: 'failed', attempt: 3 });
  });

  it('does not retry errors that say they are not retryable', async () => {
    const { handler, seen } = failingTimes(
      10,
      () => new WeftError('auth', 'bad API key', { fault: 'user', retryable: false }),
    );
    const { outcome } = await exec(single({ retry: { attempts: 5 } }), handler);
    expect(seen).toHaveLength(1);
    expect(outcome.error).toMatchObject({ code: 'auth', message: 'bad API key' });
  });

  it('times out a slow attempt and retries it', async () => {
    let calls = 0;
    const handler: ActionHandler = async ({ signal }) => {
      calls++;
      if (calls === 1)
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      return 'second time lucky';
    };
    const { outcome, journal } = await exec(single({ timeout: 20, retry: { attempts: 2, delay: 1 } }), handler);
    expect(outcome).toMatchObject({ status: 'succeeded', output: 'second time lucky' });
    expect(journal.logs[0]?.message).toMatch(/timed out after 20 ms/);
  });
});

describe('onError', () => {
  const after: StepNode = {
    id: 'after',
    use: 'transform.code',
    config: { code: 'return { sawError: steps.call.error?.message ?? null }' },
  };

  it('continue: records the failure and goes on along success', async () => {
    const { handler } = failingTimes(1);
    const { outcome, journal } = await exec(
      single({ onError: 'continue' }, [after], [{ from: 'call', to: 'after' }]),
      handler,
    );
    expect(outcome).toMatchObject({ status: 'succeeded', output: { sawError: 'HTTP 503 from upstream' } });
    expect(journal.get('r1', 'call')?.status).toBe('failed');
  });

  it('route: follows the error port and skips the success branch', async () => {
    const { handler } = failingTimes(1);
    const ok: StepNode = { id: 'ok', use: 'transform.map', config: { fine: true } };
    const { outcome, journal } = await exec(
      single(
        { onError: 'route' },
        [after, ok],
        [
          { from: 'call', to: 'after', port: 'error' },
          { from: 'call', to: 'ok' },
        ],
      ),
      handler,
    );
    expect(outcome).toMatchObject({ status: 'succeeded', output: { sawError: 'HTTP 503 from upstream' } });
    expect(journal.get('r1', 'ok')?.status).toBe('skipped');
  });

  it('fail: stops the run and cancels steps still running in parallel', async () => {
    const slow: StepNode = { id: 'slow', use: 'delay', config: { ms: 60_000 } };
    const journal = new MemoryJournal();
    const handler: ActionHandler = async () => {
      throw new WeftError('boom', 'it broke', { retryable: false });
    };
    const realClock = {
      now: () => Date.now(),
      sleep: (ms: number, signal?: { addEventListener: (t: 'abort', l: () => void) => void; reason: unknown }) =>
        new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, ms);
          signal?.addEventListener('abort', () => {
            clearTimeout(t);
            reject(signal.reason);
          });
        }),
    };
    const outcome = await executeFlow({
      flow: single({}, [slow], [{ from: 'start', to: 'slow' }]),
      runId: 'r1',
      input: {},
      sandbox: testSandbox,
      journal,
      clock: realClock,
      actions: { resolve: () => handler },
    });
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'boom', nodeId: 'call' } });
    expect(journal.get('r1', 'slow')?.status).toBe('cancelled');
  });
});

describe('cancellation and resume', () => {
  it('cancels a run when its signal aborts', async () => {
    const controller = new AbortController();
    const handler: ActionHandler = async ({ signal }) => {
      setTimeout(() => controller.abort(), 5);
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('stopped'))));
      return null;
    };
    const { outcome, journal } = await exec(single({}), handler, { signal: controller.signal });
    expect(outcome.status).toBe('cancelled');
    expect(journal.get('r1', 'call')?.status).toBe('cancelled');
  });

  it('resumes from the journal without re-running completed steps', async () => {
    const journal = new MemoryJournal();
    const done: StepRecord[] = [
      succeededStep('start'),
      succeededStep('call', { from: 'before the crash' }, 2),
      { runId: 'r1', key: 'after', nodeId: 'after', status: 'running', attempt: 1, startedAt: 3 },
    ];
    for (const record of done) await journal.saveStep(record);
    const { handler, seen } = failingTimes(0);
    const after: StepNode = { id: 'after', use: 'transform.code', config: { code: 'return steps.call.from' } };
    const { outcome } = await exec(single({}, [after], [{ from: 'call', to: 'after' }]), handler, { journal });
    expect(seen).toHaveLength(0);
    expect(outcome).toMatchObject({ status: 'succeeded', output: 'before the crash' });
    expect(journal.get('r1', 'after')).toMatchObject({ status: 'succeeded', startedAt: 3 });
  });
});

describe('script logs on failure', () => {
  it('keeps what a failing code step printed before it threw', async () => {
    const failing = {
      render: testSandbox.render,
      runCode: async () => {
        throw Object.assign(new WeftError('script_runtime', 'boom at line 2', { fault: 'user' }), {
          logs: [{ level: 'info', message: 'got this far' }],
        });
      },
    };
    const journal = new MemoryJournal();
    const outcome = await executeFlow({
      flow: single({
        id: 'call',
        use: 'transform.code',
        config: { code: 'console.log("got this far"); throw new Error("boom")' },
      }),
      runId: 'r1',
      input: {},
      sandbox: failing,
      journal,
      clock: new FakeClock(),
    });
    expect(outcome.status).toBe('failed');
    expect(journal.logs.map((l) => l.message)).toEqual(['got this far']);
  });
});
