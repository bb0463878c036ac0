import { describe, expect, it } from 'vitest';
import { applyRunEvent, emptyRun, isFinished, nodeStatuses, runViewFrom, type RunEvent } from './run-state.js';
import { formatDuration, waterfall } from './waterfall.js';

const events: RunEvent[] = [
  { type: 'run.started', runId: 'r1', at: 1000 },
  { type: 'step.started', runId: 'r1', key: 'a', nodeId: 'a', attempt: 1, at: 1000 },
  {
    type: 'step.finished',
    runId: 'r1',
    key: 'a',
    nodeId: 'a',
    status: 'succeeded',
    attempt: 1,
    durationMs: 100,
    output: { x: 1 },
    port: 'success',
    at: 1100,
  },
  { type: 'step.started', runId: 'r1', key: 'loop[0]/b', nodeId: 'b', attempt: 1, at: 1100 },
  { type: 'step.started', runId: 'r1', key: 'loop[1]/b', nodeId: 'b', attempt: 1, at: 1100 },
  {
    type: 'step.finished',
    runId: 'r1',
    key: 'loop[0]/b',
    nodeId: 'b',
    status: 'failed',
    attempt: 1,
    durationMs: 50,
    error: { code: 'x', message: 'boom' } as never,
    at: 1150,
  },
];

describe('run state', () => {
  it('folds events into node statuses, running winning over failed iterations', () => {
    const view = events.reduce(applyRunEvent, emptyRun('r1'));
    expect(view.status).toBe('running');
    expect(view.steps.get('a')).toMatchObject({
      status: 'succeeded',
      output: { x: 1 },
      startedAt: 1000,
      endedAt: 1100,
    });
    expect(Object.fromEntries(nodeStatuses(view))).toEqual({ a: 'succeeded', b: 'running' });
    const finished = applyRunEvent(
      applyRunEvent(view, {
        type: 'step.finished',
        runId: 'r1',
        key: 'loop[1]/b',
        nodeId: 'b',
        status: 'succeeded',
        attempt: 1,
        durationMs: 90,
        at: 1190,
      }),
      { type: 'run.finished', runId: 'r1', status: 'failed', durationMs: 200, at: 1200 },
    );
    expect(nodeStatuses(finished).get('b')).toBe('failed');
    expect(isFinished(finished.status)).toBe(true);
  });

  it('ignores events of other runs', () => {
    const view = emptyRun('r1');
    expect(applyRunEvent(view, { type: 'run.started', runId: 'r2', at: 1 })).toBe(view);
  });

  it('rebuilds a view from a stored run', () => {
    const view = runViewFrom({
      id: 'r',
      status: 'succeeded',
      startedAt: 5,
      endedAt: 9,
      steps: [{ key: 'a', nodeId: 'a', status: 'succeeded', attempt: 1, startedAt: 5, endedAt: 9 }],
    });
    expect(view.steps.get('a')?.endedAt).toBe(9);
  });
});

describe('waterfall', () => {
  it('places bars on the run time axis', () => {
    const { bars, totalMs } = waterfall(
      [
        { key: 'b', nodeId: 'b', status: 'succeeded', attempt: 1, startedAt: 150, endedAt: 200 },
        { key: 'a', nodeId: 'a', status: 'succeeded', attempt: 1, startedAt: 100, endedAt: 150 },
      ],
      { startedAt: 100, endedAt: 200 },
    );
    expect(totalMs).toBe(100);
    expect(bars.map((b) => [b.key, b.offset, b.width, b.durationMs])).toEqual([
      ['a', 0, 50, 50],
      ['b', 50, 50, 50],
    ]);
  });

  it('draws running steps up to now and formats durations', () => {
    const { bars } = waterfall([{ key: 'a', nodeId: 'a', status: 'running', attempt: 1, startedAt: 0 }], {}, 1000);
    expect(bars[0]).toMatchObject({ width: 100, durationMs: undefined });
    expect(formatDuration(12)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(undefined)).toBe('…');
  });
});
