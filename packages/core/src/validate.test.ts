import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from './flow.js';
import type { Problem } from './problems.js';
import { validateFlow } from './validate.js';

const base = (): FlowDefinition => ({
  schema: 'weft.flow/v1',
  name: 'v',
  trigger: { id: 'start', connector: 'webhook@1', trigger: 'event' },
  steps: [
    { id: 'a', use: 'transform.map', config: { x: '{{ trigger.x }}' } },
    { id: 'b', use: 'transform.map', config: { y: '{{ steps.a.x }}' } },
  ],
  edges: [
    { from: 'start', to: 'a' },
    { from: 'a', to: 'b' },
  ],
});

function problemsOf(flow: unknown): Problem[] {
  const result = validateFlow(flow);
  return result.ok ? [] : result.problems;
}

describe('validateFlow', () => {
  it('accepts a valid flow', () => {
    expect(validateFlow(base())).toMatchObject({ ok: true });
  });

  it('reports schema errors with JSON pointers, all at once', () => {
    const flow = {
      ...base(),
      schema: 'weft.flow/v0',
      steps: [{ id: 'a' }, { id: 'b', use: 'transform.map', retry: { attempts: 0 } }],
    };
    const problems = problemsOf(flow);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'schema', pointer: '/schema' }),
        expect.objectContaining({
          code: 'schema',
          pointer: '/steps/0',
          nodeId: 'a',
          message: expect.stringContaining('"use"'),
        }),
        expect.objectContaining({ code: 'schema', pointer: '/steps/1/retry/attempts', nodeId: 'b' }),
      ]),
    );
  });

  it('reports unknown node types, unknown connectors and bad control config', () => {
    const flow = base();
    flow.steps.push(
      { id: 'c', use: 'frobnicate' },
      { id: 'd', use: 'slack@1.postMessage' },
      { id: 'e', use: 'forEach', config: {} },
    );
    flow.edges.push({ from: 'b', to: 'c' }, { from: 'c', to: 'd' }, { from: 'd', to: 'e' });
    const result = validateFlow(flow, { catalog: { hasAction: () => false, hasTrigger: () => true } });
    expect(result.ok ? [] : result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknown_node_type', nodeId: 'c', pointer: '/steps/2/use' }),
        expect.objectContaining({ code: 'unknown_connector', nodeId: 'd', pointer: '/steps/3/use' }),
        expect.objectContaining({
          code: 'schema',
          nodeId: 'e',
          pointer: '/steps/4/config/items',
          field: 'config.items',
          message: 'Items is required',
        }),
      ]),
    );
  });

  it('reports duplicate ids, dangling and duplicate edges, and ports a node does not have', () => {
    const flow = base();
    flow.steps.push({ id: 'a', use: 'transform.map' });
    flow.edges.push(
      { from: 'a', to: 'ghost' },
      { from: 'a', to: 'b' },
      { from: 'a', to: 'b', port: 'true' },
      { from: 'a', to: 'b', port: 'error' },
    );
    const codes = problemsOf(flow).map((p) => `${p.code} ${p.pointer}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'duplicate_node /steps/2/id',
        'dangling_edge /edges/2/to',
        'duplicate_edge /edges/3',
        'invalid_port /edges/4/port',
        'invalid_port /edges/5/port',
      ]),
    );
  });

  it('reports cycles and unreachable steps', () => {
    const flow = base();
    flow.edges.push({ from: 'b', to: 'a' });
    flow.steps.push({ id: 'island', use: 'transform.map' });
    const problems = problemsOf(flow);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'cycle', message: expect.stringMatching(/a → b → a|b → a → b/) }),
        expect.objectContaining({ code: 'unreachable', nodeId: 'island', pointer: '/steps/2' }),
      ]),
    );
  });

  it('allows the edge that closes a forEach body but not edges crossing its boundary', () => {
    const flow = base();
    flow.steps = [
      { id: 'loop', use: 'forEach', config: { items: '{{ trigger.list }}' } },
      { id: 'body', use: 'transform.map', config: { v: '{{ item }}' } },
      { id: 'after', use: 'transform.map', config: { all: '{{ steps.loop }}' } },
    ];
    flow.edges = [
      { from: 'start', to: 'loop' },
      { from: 'loop', to: 'body', port: 'each' },
      { from: 'body', to: 'loop' },
      { from: 'loop', to: 'after', port: 'done' },
    ];
    expect(problemsOf(flow)).toEqual([]);
    flow.edges.push({ from: 'body', to: 'after' });
    expect(problemsOf(flow)).toEqual([expect.objectContaining({ code: 'invalid_loop', nodeId: 'after' })]);
  });

  it('reports mappings that read steps which do not run before them, and unclosed expressions', () => {
    const flow = base();
    flow.steps[0]!.config = {
      early: '{{ steps.b.y }}',
      missing: "{{ steps['nope'].z }}",
      broken: 'Hi {{ trigger.name',
    };
    const problems = problemsOf(flow);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'bad_reference',
          nodeId: 'a',
          pointer: '/steps/0/config/early',
          message: expect.stringContaining('does not run before it'),
        }),
        expect.objectContaining({
          code: 'bad_reference',
          nodeId: 'a',
          pointer: '/steps/0/config/missing',
          message: expect.stringContaining('does not exist'),
        }),
        expect.objectContaining({
          code: 'script_syntax',
          nodeId: 'a',
          pointer: '/steps/0/config/broken',
          field: 'config.broken',
        }),
      ]),
    );
  });

  it('reports every independent problem in one pass, schema errors and graph problems together', () => {
    const flow = {
      ...base(),
      name: '',
      steps: [
        { id: 'a', use: 'transform.map', colour: 'red', config: { x: '{{ steps.b.y }}' } },
        { id: 'b', use: 'transform.map', retry: { attempts: 0 }, config: { y: 'Hi {{ trigger.name' } },
        { id: 'a', use: 'transform.map' },
        { id: 'c', use: 'frobnicate' },
        { id: 'island', use: 'transform.map' },
        { id: 'wait', use: 'delay', config: {} },
        { id: 'nouse' },
      ],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'ghost' },
        { from: 'b', to: 'c', port: 'true' },
        { from: 'c', to: 'wait' },
        { from: 'wait', to: 'nouse' },
      ],
    };
    const found = problemsOf(flow).map((p) => `${p.code} ${p.pointer}`);
    expect(found.sort()).toEqual(
      [
        'schema /name',
        'schema /steps/0',
        'schema /steps/1/retry/attempts',
        'schema /steps/6',
        'bad_reference /steps/0/config/x',
        'script_syntax /steps/1/config/y',
        'duplicate_node /steps/2/id',
        'unknown_node_type /steps/3/use',
        'unreachable /steps/4',
        'schema /steps/5/config',
        'duplicate_edge /edges/2',
        'dangling_edge /edges/3/to',
        'invalid_port /edges/4/port',
      ].sort(),
    );
  });

  it('stops at the schema problems when the structure cannot be walked', () => {
    expect(problemsOf({ ...base(), steps: 'none' }).map((p) => p.pointer)).toEqual(['/steps']);
    expect(problemsOf(null)).toEqual([expect.objectContaining({ code: 'schema', pointer: '' })]);
  });
});
