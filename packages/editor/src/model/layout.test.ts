import { describe, expect, it } from 'vitest';
import { autoLayout } from './layout.js';
import { branchingFlow, linearFlow } from './test-flows.js';

describe('auto-layout', () => {
  it('places a linear flow left to right on one row', () => {
    const { layout } = autoLayout(linearFlow());
    expect(layout!.hook!.x).toBeLessThan(layout!.greet!.x);
    expect(layout!.greet!.x).toBeLessThan(layout!.send!.x);
    expect(layout!.hook!.y).toBe(layout!.send!.y);
  });

  it('gives every node a position, branches on different rows, and keeps the pinned sample', () => {
    const flow = branchingFlow();
    flow.layout = { hook: { x: 0, y: 0, sample: { a: 1 } } as never };
    const { layout } = autoLayout(flow);
    for (const id of ['hook', 'check', 'route', 'loop', 'body', 'after']) expect(layout![id]).toBeDefined();
    expect(layout!.route!.y).not.toBe(layout!.loop!.y);
    expect((layout!.hook as { sample?: unknown }).sample).toEqual({ a: 1 });
  });
});
