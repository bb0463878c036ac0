import { describe, expect, it } from 'vitest';
import { mergeRun, mergeStep } from './run-merge.js';
import { emptyRun, type RunView, type StepView } from './run-state.js';

const step = (over: Partial<StepView>): StepView => ({
  key: 'a',
  nodeId: 'a',
  status: 'running',
  attempt: 1,
  startedAt: 1000,
  ...over,
});

const run = (status: RunView['status'], steps: StepView[]): RunView => ({
  ...emptyRun('r1', status),
  steps: new Map(steps.map((s) => [s.key, s])),
});

describe('merging live and stored steps', () => {
  it('shows the newer attempt whichever side has it', () => {
    const stored = step({ attempt: 1, status: 'failed' });
    const live = step({ attempt: 2, status: 'running' });
    expect(mergeStep(stored, live)).toBe(live);
    expect(mergeStep(live, stored)).toBe(live);
  });

  it('shows a finished step over a running one of the same attempt, whichever side has it', () => {
    const running = step({ status: 'running', input: { a: 1 } });
    const done = step({ status: 'succeeded', output: { ok: true }, endedAt: 1100 });
    expect(mergeStep(running, done)).toMatchObject({ status: 'succeeded', output: { ok: true }, input: { a: 1 } });
    expect(mergeStep(done, running)).toMatchObject({ status: 'succeeded', output: { ok: true }, input: { a: 1 } });
  });

  it('prefers the stored copy on a tie', () => {
    const stored = step({ status: 'succeeded', output: 'stored' });
    const live = step({ status: 'succeeded', output: 'live' });
    expect(mergeStep(stored, live).output).toBe('stored');
  });

  it('keeps live steps the server has not stored yet and stored steps the live view missed', () => {
    const merged = mergeRun(
      run('running', [step({ key: 'a', status: 'succeeded' })]),
      run('running', [step({ key: 'b', nodeId: 'b' })]),
    );
    expect([...merged.steps.keys()].sort()).toEqual(['a', 'b']);
  });

  it('takes a finished live status over a stored running one, not the other way', () => {
    const live = { ...run('succeeded', []), endedAt: 2000 };
    expect(mergeRun(run('running', []), live)).toMatchObject({ status: 'succeeded', endedAt: 2000 });
    expect(mergeRun(run('failed', []), run('running', [])).status).toBe('failed');
  });

  it('ignores a live view of another run', () => {
    const stored = run('running', []);
    expect(mergeRun(stored, { ...run('succeeded', [step({})]), runId: 'other' })).toBe(stored);
  });
});
