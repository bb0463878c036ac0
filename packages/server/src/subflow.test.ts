// Subflow steps through the HTTP API: the child runs the child flow's published version with the mapped input,
// its output comes back to the parent, the two runs are linked, nesting is bounded, and a resumed parent does not
// run a finished child again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;

const trigger = { id: 'in', connector: 'webhook@1', trigger: 'event' };

/** A child that doubles `trigger.n`, in two steps (so a resume from its journal is observable). */
const doubler = (factor = 2) => ({
  schema: 'weft.flow/v1',
  name: 'doubler',
  trigger,
  steps: [
    { id: 'read', use: 'transform.map', config: { n: '{{ trigger.n }}' } },
    { id: 'double', use: 'transform.code', config: { code: `return { doubled: steps.read.n * ${factor} }` } },
  ],
  edges: [
    { from: 'in', to: 'read' },
    { from: 'read', to: 'double' },
  ],
});

const caller = (childId: string) => ({
  schema: 'weft.flow/v1',
  name: 'caller',
  trigger,
  steps: [
    { id: 'call', use: 'subflow', config: { flow: childId, input: { n: '{{ trigger.value }}' } } },
    { id: 'after', use: 'transform.map', config: { got: '{{ steps.call.doubled }}' } },
  ],
  edges: [
    { from: 'in', to: 'call' },
    { from: 'call', to: 'after' },
  ],
});

/** A manual run of `flowId` (input `{ value: 5 }`) claimed by a worker that then died. */
function deadWorkerRun(flowId: string) {
  return weft.store.runs.create({
    flowId,
    triggerKind: 'manual',
    input: { value: 5 },
    claim: { workerId: 'dead-worker', leaseMs: 60_000 },
  });
}

/** The child run that the parent's `call` step started with `{ n: 5 }`. */
function childRunOf(flowId: string, parentRunId: string) {
  return weft.store.runs.create({ flowId, triggerKind: 'subflow', input: { n: 5 }, parentRunId, parentStep: 'call#1' });
}

async function createFlow(definition: object, publish = true): Promise<string> {
  const response = await weft.api('/api/flows', { method: 'POST', json: definition });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  if (publish) expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBeLessThan(300);
  return id;
}

async function testRun(flowId: string, input: unknown): Promise<Record<string, unknown>> {
  const response = await weft.api(`/api/flows/${flowId}/test`, { method: 'POST', json: { input } });
  expect(response.status).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  return waitForRun(weft, runId);
}

type Step = { nodeId: string; status: string; output?: unknown; error?: { code: string; message: string } };
const step = (run: Record<string, unknown>, id: string) => (run.steps as Step[]).find((s) => s.nodeId === id)!;

/** The dead worker's lease runs out: the runtime's worker takes the run over and resumes it. */
async function crash(runId: string): Promise<void> {
  await weft.store.runs.renewLease({ runId, workerId: 'dead-worker', leaseMs: -1 });
  weft.worker.recover();
}

beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft?.close());

describe('subflow', () => {
  it('runs the child with its mapped input, returns its output and links the runs', async () => {
    const child = await createFlow(doubler());
    const parent = await createFlow(caller(child));
    const run = await testRun(parent, { value: 21 });
    expect(run.status).toBe('succeeded');
    expect(step(run, 'call').output).toEqual({ doubled: 42 });
    expect(run.output).toEqual({ got: 42 });

    const children = run.children as { id: string; flowId: string; status: string }[];
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ flowId: child, status: 'succeeded' });
    const childRun = await waitForRun(weft, children[0]!.id);
    expect(childRun).toMatchObject({
      parentRunId: run.id,
      triggerKind: 'subflow',
      flowVersion: 1,
      input: { n: 21 },
      output: { doubled: 42 },
    });
  });

  it('runs the published version of the child, not its draft', async () => {
    const child = await createFlow(doubler(2));
    expect((await weft.api(`/api/flows/${child}`, { method: 'PUT', json: doubler(10) })).status).toBe(200);
    const run = await testRun(await createFlow(caller(child)), { value: 1 });
    expect(run.output).toEqual({ got: 2 });
  });

  it('fails the step clearly when the child flow is missing or unpublished', async () => {
    const missing = await testRun(await createFlow(caller('no-such-flow')), { value: 1 });
    expect(missing.status).toBe('failed');
    expect(step(missing, 'call').error).toMatchObject({
      code: 'subflow_not_found',
      message: expect.stringContaining('no-such-flow'),
    });

    const draftOnly = await createFlow(doubler(), false);
    const unpublished = await testRun(await createFlow(caller(draftOnly)), { value: 1 });
    expect(unpublished.status).toBe('failed');
    expect(step(unpublished, 'call').error).toMatchObject({
      code: 'subflow_unpublished',
      message: expect.stringContaining('publish'),
    });
  });

  it('fails the step with the child error when the child run fails', async () => {
    const broken = await createFlow({
      ...doubler(),
      steps: [{ id: 'read', use: 'transform.code', config: { code: 'throw new Error("child broke")' } }],
      edges: [{ from: 'in', to: 'read' }],
    });
    const run = await testRun(await createFlow(caller(broken)), { value: 1 });
    expect(run.status).toBe('failed');
    expect(step(run, 'call').error).toMatchObject({
      code: 'subflow_failed',
      message: expect.stringContaining('child broke'),
    });
    const [child] = run.children as { id: string; status: string }[];
    expect(child?.status).toBe('failed');
  });

  it('stops a flow that calls itself at the nesting limit of 10', async () => {
    const id = await createFlow({ ...caller('placeholder'), name: 'recursive' }, false);
    expect((await weft.api(`/api/flows/${id}`, { method: 'PUT', json: caller(id) })).status).toBe(200);
    await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
    const run = await testRun(id, { value: 1 });
    expect(run.status).toBe('failed');
    expect(step(run, 'call').error).toMatchObject({ code: 'subflow_depth', message: expect.stringMatching(/10/) });
    let depth = 0;
    let children = run.children as { id: string }[];
    while (children.length) {
      depth++;
      expect(children).toHaveLength(1);
      const child = (await (await weft.api(`/api/runs/${children[0]!.id}`)).json()) as Record<string, unknown>;
      expect(child.status).toBe('failed');
      children = child.children as { id: string }[];
    }
    expect(depth).toBe(10);
  });

  it('cancelling the parent cancels its running child', async () => {
    const slow = await createFlow({
      ...doubler(),
      steps: [{ id: 'wait', use: 'delay', config: { ms: 5000 } }],
      edges: [{ from: 'in', to: 'wait' }],
    });
    const parent = await createFlow(caller(slow));
    const started = await weft.api(`/api/flows/${parent}/test`, { method: 'POST', json: { input: { value: 1 } } });
    const { runId } = (await started.json()) as { runId: string };
    let children: { id: string }[] = [];
    while (children.length === 0) {
      await new Promise((r) => setTimeout(r, 20));
      children = ((await (await weft.api(`/api/runs/${runId}`)).json()) as { children: { id: string }[] }).children;
    }
    expect((await weft.api(`/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(202);
    expect((await waitForRun(weft, runId)).status).toBe('cancelled');
    expect((await waitForRun(weft, children[0]!.id)).status).toBe('cancelled');
  });

  it('does not run a finished child again when the parent resumes after a crash', async () => {
    const child = await createFlow(doubler());
    const parent = await createFlow(caller(child));
    const { store } = weft;
    // A parent run whose worker died while its subflow step was in flight, after the child had finished.
    const run = await deadWorkerRun(parent);
    await store.journal.saveStep({
      runId: run.id,
      key: 'in',
      nodeId: 'in',
      status: 'succeeded',
      attempt: 1,
      output: { value: 5 },
      port: 'success',
      startedAt: run.createdAt,
      endedAt: run.createdAt,
    });
    await store.journal.saveStep({
      runId: run.id,
      key: 'call',
      nodeId: 'call',
      status: 'running',
      attempt: 1,
      input: { flow: child, input: { n: 5 } },
      startedAt: run.createdAt,
    });
    const done = await childRunOf(child, run.id);
    // An output the child flow could not produce: seeing it proves the child was not executed again.
    await store.runs.finish({ runId: done.id, status: 'succeeded', output: { doubled: 'from the first time' } });
    await crash(run.id);

    const resumed = await waitForRun(weft, run.id);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.output).toEqual({ got: 'from the first time' });
    expect((resumed.children as { id: string }[]).map((c) => c.id)).toEqual([done.id]);
  });

  it('resumes an unfinished child from its journal instead of starting it over', async () => {
    const child = await createFlow(doubler());
    const parent = await createFlow(caller(child));
    const { store } = weft;
    const run = await deadWorkerRun(parent);
    const at = run.createdAt;
    const save = (runId: string, key: string, status: 'succeeded' | 'running', output?: unknown) =>
      store.journal.saveStep({
        runId,
        key,
        nodeId: key,
        status,
        attempt: 1,
        ...(output === undefined ? {} : { output: output as never, port: 'success' }),
        startedAt: at,
        ...(status === 'succeeded' ? { endedAt: at } : {}),
      });
    await save(run.id, 'in', 'succeeded', { value: 5 });
    await save(run.id, 'call', 'running');
    const unfinished = await childRunOf(child, run.id);
    await save(unfinished.id, 'in', 'succeeded', { n: 5 });
    await save(unfinished.id, 'read', 'succeeded', { n: 50 });
    await crash(run.id);

    const resumed = await waitForRun(weft, run.id);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.output).toEqual({ got: 100 });
    expect((resumed.children as { id: string }[]).map((c) => c.id)).toEqual([unfinished.id]);
    expect((await waitForRun(weft, unfinished.id)).status).toBe('succeeded');
  });
});
