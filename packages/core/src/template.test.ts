import { describe, expect, it } from 'vitest';
import { fillTemplate, parseTemplateString, referencedSteps, templateExpressions } from './template.js';

describe('templates', () => {
  it('keeps the type of a whole-value expression and interpolates the rest', () => {
    const values: Record<string, unknown> = { 'steps.a.items.length': 3, 'trigger.name': 'Ada', 'trigger.tags': ['x'] };
    const out = fillTemplate(
      { n: '{{ steps.a.items.length }}', s: 'Hi {{ trigger.name }} {{ trigger.tags }}', k: 'plain' },
      (e) => values[e] as never,
    );
    expect(out).toEqual({ n: 3, s: 'Hi Ada ["x"]', k: 'plain' });
  });

  it('finds the closing braces past object literals and strings', () => {
    expect(parseTemplateString("{{ ({ a: { b: '}}' } }).a.b }}")).toEqual([
      { expression: "({ a: { b: '}}' } }).a.b", offset: 3 },
    ]);
  });

  it('lists expressions with their paths', () => {
    expect(templateExpressions({ a: ['x {{ one }}', { b: '{{ two }}' }] })).toEqual([
      { source: 'one', path: ['a', 0] },
      { source: 'two', path: ['a', 1, 'b'] },
    ]);
  });

  it('finds step references in dot and bracket form', () => {
    expect(referencedSteps("steps.fetch.items.map(i => steps['other-step'].x) + steps?.third")).toEqual([
      'fetch',
      'other-step',
      'third',
    ]);
  });
});
