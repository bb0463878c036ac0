import { describe, expect, it } from 'vitest';
import {
  enclosingLoops,
  filterFields,
  insertExpression,
  pathExpression,
  pickerSources,
  upstreamOf,
} from './expression-picker.js';
import { branchingFlow, linearFlow } from './test-flows.js';

describe('expression picker', () => {
  it('builds paths with dots, brackets and indexes', () => {
    expect(pathExpression('trigger', 'body')).toBe('trigger.body');
    expect(pathExpression('steps', 'my-step')).toBe('steps["my-step"]');
    expect(pathExpression('steps.x.items', 0)).toBe('steps.x.items[0]');
  });

  it('lists upstream nodes nearest first', () => {
    expect(upstreamOf(linearFlow(), 'send')).toEqual(['greet', 'hook']);
    expect(upstreamOf(branchingFlow(), 'after')).toEqual(['route', 'loop', 'check', 'hook']);
  });

  it('offers trigger fields from the pinned sample and step fields from schemas', () => {
    const sources = pickerSources(linearFlow(), 'send', {
      samples: { hook: { body: { name: 'Ada', tags: ['x'] } } },
      schemas: { greet: { type: 'object', properties: { greeting: { type: 'string' } } } },
    });
    expect(sources.map((s) => [s.root.expression, s.origin])).toEqual([
      ['trigger', 'sample'],
      ['steps.greet', 'schema'],
    ]);
    const fields = filterFields(sources, '').map((f) => f.expression);
    expect(fields).toEqual([
      'trigger',
      'trigger.body',
      'trigger.body.name',
      'trigger.body.tags',
      'trigger.body.tags[0]',
      'steps.greet',
      'steps.greet.greeting',
    ]);
    expect(filterFields(sources, 'name')[0]).toMatchObject({
      expression: 'trigger.body.name',
      type: 'string',
      preview: '"Ada"',
    });
  });

  it('prefers real data over the schema', () => {
    const [, greet] = pickerSources(linearFlow(), 'send', {
      samples: { greet: { greeting: 'Hello Ada' } },
      schemas: { greet: { type: 'object', properties: { other: { type: 'string' } } } },
    });
    expect(greet!.root.children.map((c) => c.label)).toEqual(['greeting']);
  });

  it('offers item and index inside a forEach body', () => {
    const flow = branchingFlow();
    expect(enclosingLoops(flow, 'body')).toEqual(['loop']);
    const sources = pickerSources(flow, 'body', { samples: {}, schemas: {}, loopItems: { loop: [{ sku: 'A1' }] } });
    expect(sources[0]!.root.children[0]).toMatchObject({ expression: 'item.sku' });
    expect(sources[1]!.root.expression).toBe('index');
  });

  it('inserts an expression at the caret or replacing the selection', () => {
    expect(insertExpression('', 'trigger.a')).toEqual({ text: '{{ trigger.a }}', caret: 15 });
    expect(insertExpression('Hi !', 'trigger.name', { start: 3, end: 3 })).toEqual({
      text: 'Hi {{ trigger.name }}!',
      caret: 21,
    });
    expect(insertExpression('Hi XX', 'a', { start: 3, end: 5 }).text).toBe('Hi {{ a }}');
  });
});
