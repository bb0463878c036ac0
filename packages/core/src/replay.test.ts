import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from './flow.js';
import { keptByReplay, replayedNodes } from './replay.js';

const flow: FlowDefinition = {
  schema: 'weft.flow/v1',
  name: 'replay',
  trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
  steps: [
    { id: 'a', use: 'transform.map', config: {} },
    { id: 'side', use: 'transform.map', config: {} },
    { id: 'loop', use: 'forEach', config: { items: '{{ steps.a.list }}' } },
    { id: 'fetch', use: 'transform.map', config: {} },
    { id: 'shape', use: 'transform.map', config: {} },
    { id: 'total', use: 'transform.map', config: {} },
  ],
  edges: [
    { from: 't', to: 'a' },
    { from: 't', to: 'side' },
    { from: 'a', to: 'loop' },
    { from: 'loop', to: 'fetch', port: 'each' },
    { from: 'fetch', to: 'shape' },
    { from: 'loop', to: 'total', port: 'done' },
  ],
};

describe('replay from a step', () => {
  it('runs the step and everything after it again, not parallel branches', () => {
    expect([...replayedNodes(flow, 'a')].sort()).toEqual(['a', 'fetch', 'loop', 'shape', 'total']);
  });

  it('runs the forEach holding the step again, and what follows it, but not earlier body steps', () => {
    expect([...replayedNodes(flow, 'shape')].sort()).toEqual(['loop', 'shape', 'total']);
  });

  it('keeps finished steps that do not run again, and never an unfinished one', () => {
    const again = replayedNodes(flow, 'shape');
    expect(keptByReplay({ nodeId: 'fetch', status: 'succeeded' }, again)).toBe(true);
    expect(keptByReplay({ nodeId: 'shape', status: 'succeeded' }, again)).toBe(false);
    expect(keptByReplay({ nodeId: 'side', status: 'skipped' }, again)).toBe(true);
    expect(keptByReplay({ nodeId: 'side', status: 'failed' }, again)).toBe(false);
    expect(keptByReplay({ nodeId: 'side', status: 'failed', port: 'error' }, again)).toBe(true);
  });
});
