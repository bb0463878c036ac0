import { describe, expect, it } from 'vitest';
import { canConnect, connect, disconnect, edgeId } from './connect.js';
import { outputPorts } from './ports.js';
import { branchingFlow, linearFlow } from './test-flows.js';

describe('output ports', () => {
  it('gives each node kind its ports', () => {
    const flow = branchingFlow();
    const ports = (id: string) => outputPorts(flow.steps.find((s) => s.id === id)).map((p) => p.id);
    expect(ports('check')).toEqual(['true', 'false']);
    expect(ports('route')).toEqual(['case:eu', 'case:us', 'default']);
    expect(ports('loop')).toEqual(['each', 'done']);
    expect(ports('body')).toEqual(['success']);
    expect(outputPorts(undefined).map((p) => p.id)).toEqual(['success']);
  });

  it('adds an error port only when errors are routed', () => {
    expect(outputPorts({ id: 'a', use: 'x@1.y', onError: 'route' }).map((p) => p.id)).toEqual(['success', 'error']);
    expect(outputPorts({ id: 'a', use: 'x@1.y', onError: 'continue' }).map((p) => p.id)).toEqual(['success']);
  });
});

describe('connection rules', () => {
  it('connects a free port to another step', () => {
    const flow = connect(branchingFlow(), { from: 'route', port: 'case:us', to: 'after' });
    expect(flow.edges.at(-1)).toEqual({ from: 'route', to: 'after', port: 'case:us' });
  });

  it('omits the default success port from the stored edge', () => {
    const flow = linearFlow();
    flow.steps.push({ id: 'extra', use: 'transform.map' });
    expect(connect(flow, { from: 'send', port: 'success', to: 'extra' }).edges.at(-1)).toEqual({
      from: 'send',
      to: 'extra',
    });
  });

  it('refuses edges into the trigger, to itself, from a missing port, duplicates and cycles', () => {
    const flow = linearFlow();
    const refused: [edge: Parameters<typeof canConnect>[1], reason: RegExp][] = [
      [{ from: 'send', port: 'success', to: 'hook' }, /trigger/],
      [{ from: 'greet', port: 'success', to: 'greet' }, /itself/],
      [{ from: 'greet', port: 'true', to: 'send' }, /no "true" output/],
      [{ from: 'greet', port: 'success', to: 'send' }, /already/],
      [{ from: 'send', port: 'success', to: 'greet' }, /loop/],
    ];
    for (const [edge, reason] of refused) expect(canConnect(flow, edge)).toMatchObject({ ok: false, reason });
    expect(() => connect(flow, { from: 'send', port: 'success', to: 'greet' })).toThrow(/loop/);
  });

  it('allows closing a loop body back onto its forEach', () => {
    expect(canConnect(branchingFlow(), { from: 'body', port: 'success', to: 'loop' })).toEqual({ ok: true });
  });

  it('disconnects edges by id', () => {
    const flow = linearFlow();
    const next = disconnect(flow, [edgeId(flow.edges[1]!)]);
    expect(next.edges).toEqual([{ from: 'hook', to: 'greet' }]);
    expect(disconnect(flow, ['nope'])).toBe(flow);
  });
});
