import { describe, expect, it } from 'vitest';
import {
  addStep,
  defaultSample,
  duplicateDefinition,
  moveNodes,
  pinSample,
  pinnedSample,
  removeNodes,
  setTrigger,
  uniqueId,
  updateStep,
} from './flow-edit.js';
import { branchingFlow, linearFlow } from './test-flows.js';

describe('editing a flow', () => {
  it('derives readable unique ids from the node type', () => {
    const flow = linearFlow();
    expect(uniqueId(flow, 'http@1.request')).toBe('request');
    expect(uniqueId(flow, 'greet')).toBe('greet_2');
    expect(uniqueId(flow, 'transform.code')).toBe('code');
    expect(uniqueId(flow, '9lives')).toBe('step_9lives');
  });

  it('adds a step with a position and default config', () => {
    const { flow, id } = addStep(linearFlow(), { use: 'transform.map', position: { x: 10.4, y: 20.6 } });
    expect(id).toBe('map');
    expect(flow.steps.at(-1)).toEqual({ id: 'map', use: 'transform.map', config: {} });
    expect(flow.layout?.map).toEqual({ x: 10, y: 21 });
    const sw = addStep(flow, { use: 'switch', position: { x: 0, y: 0 } });
    expect(sw.flow.steps.at(-1)?.config).toEqual({ cases: [{ name: 'first', when: '' }] });
  });

  it('removes steps with their edges and layout but never the trigger', () => {
    const flow = removeNodes(linearFlow(), ['greet', 'hook']);
    expect(flow.steps.map((s) => s.id)).toEqual(['send']);
    expect(flow.edges).toEqual([]);
    expect(Object.keys(flow.layout ?? {})).toEqual(['hook', 'send']);
    expect(flow.trigger.id).toBe('hook');
  });

  it('replaces the trigger kind while keeping its id and edges', () => {
    const flow = setTrigger(linearFlow(), { connector: 'schedule@1', trigger: 'cron', config: { cron: '* * * * *' } });
    expect(flow.trigger).toEqual({
      id: 'hook',
      connector: 'schedule@1',
      trigger: 'cron',
      config: { cron: '* * * * *' },
    });
    expect(flow.edges[0]).toEqual({ from: 'hook', to: 'greet' });
  });

  it('carries edges along when a switch case is renamed and drops them when it is deleted', () => {
    const renamed = updateStep(branchingFlow(), 'route', (s) => ({
      ...s,
      config: {
        cases: [
          { name: 'europe', when: '' },
          { name: 'us', when: '' },
        ],
      },
    }));
    expect(renamed.edges).toContainEqual({ from: 'route', to: 'after', port: 'case:europe' });
    const deleted = updateStep(renamed, 'route', (s) => ({ ...s, config: { cases: [{ name: 'us', when: '' }] } }));
    expect(deleted.edges.some((e) => e.from === 'route')).toBe(false);
  });

  it('drops error edges when error routing is turned off', () => {
    const flow = linearFlow();
    flow.steps[1] = { ...flow.steps[1]!, onError: 'route' };
    flow.steps.push({ id: 'oops', use: 'transform.map' });
    flow.edges.push({ from: 'send', to: 'oops', port: 'error' });
    const next = updateStep(flow, 'send', ({ onError: _o, ...s }) => s);
    expect(next.edges.some((e) => e.port === 'error')).toBe(false);
  });

  it('moves nodes and pins a sample event to the trigger without losing its position', () => {
    let flow = moveNodes(linearFlow(), { hook: { x: 5, y: 6 } });
    flow = pinSample(flow, { body: { name: 'Ada' } });
    expect(flow.layout?.hook).toEqual({ x: 5, y: 6, sample: { body: { name: 'Ada' } } });
    expect(pinnedSample(flow)).toEqual({ body: { name: 'Ada' } });
    expect(pinnedSample(pinSample(flow, undefined))).toBeUndefined();
  });

  it('starts tests of webhook flows with an empty request', () => {
    expect(defaultSample(linearFlow())).toEqual({ body: {}, headers: {}, query: {} });
    expect(defaultSample(setTrigger(linearFlow(), { connector: 'manual@1', trigger: 'run' }))).toEqual({});
  });

  it('duplicates a definition under a new name without sharing objects', () => {
    const original = linearFlow();
    const copy = duplicateDefinition(original);
    expect(copy.name).toBe('Copy of Linear');
    copy.steps[0]!.id = 'changed';
    expect(original.steps[0]!.id).toBe('greet');
  });
});
