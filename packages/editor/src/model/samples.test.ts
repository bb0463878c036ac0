import { describe, expect, it } from 'vitest';
import type { JsonValue } from './flow-types.js';
import { stepSamples } from './samples.js';

type Tested = { status: string; output?: JsonValue };

describe('step samples', () => {
  it('takes outputs of succeeded tests, a single-step test over the test run', () => {
    const run = new Map<string, Tested>([['fetch', { status: 'succeeded', output: { n: 1 } }]]);
    const tests = new Map<string, Tested>([['fetch', { status: 'succeeded', output: { n: 2 } }]]);
    expect(stepSamples(run, tests)).toEqual({ fetch: { n: 2 } });
  });

  it('never makes a failed test the sample later steps map from', () => {
    const run = new Map<string, Tested>([
      ['fetch', { status: 'succeeded', output: { n: 1 } }],
      ['lookup', { status: 'failed', output: { error: { message: 'No such customer' } } }],
    ]);
    const tests = new Map<string, Tested>([['fetch', { status: 'failed', output: { error: { message: 'boom' } } }]]);
    expect(stepSamples(run, tests)).toEqual({});
  });
});
