import { describe, expect, it } from 'vitest';
import { runDuration, shortRunId, stepLabel } from './run-labels.js';
import { linearFlow } from './test-flows.js';

describe('run labels', () => {
  it('tells two runs started in the same second apart by their random tail', () => {
    const a = 'run_01a22a961b5d000038ea4ea934e4afe7';
    const b = 'run_01a22a961b5d0000ffd0c2aa11b90c31';
    expect(shortRunId(a)).not.toBe(shortRunId(b));
    expect(shortRunId(a)).toBe('34e4afe7');
  });

  it('measures a run from its own start to its own end, never from when it was queued', () => {
    expect(runDuration({ startedAt: 85_000, endedAt: 85_052 })).toBe(52);
    expect(runDuration({ endedAt: 85_052 })).toBeUndefined();
  });

  it('names steps as the flow does, with their loop position', () => {
    const flow = linearFlow();
    const step = flow.steps[0]!;
    const named = { ...flow, steps: [{ ...step, name: 'Look up the customer' }, ...flow.steps.slice(1)] };
    expect(stepLabel(step.id, step.id, named)).toBe('Look up the customer');
    expect(stepLabel(`loop[2]/${step.id}`, step.id, named)).toBe('Look up the customer (#3)');
    expect(stepLabel('ghost', 'ghost', undefined)).toBe('ghost');
  });
});
