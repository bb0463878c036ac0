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

  it('parses a template string once and shares the parts, which cannot be changed by a caller', () => {
    const first = parseTemplateString('Hello {{ trigger.name }}!');
    expect(parseTemplateString('Hello {{ trigger.name }}!')).toBe(first);
    expect(Object.isFrozen(first) && first?.every((part) => Object.isFrozen(part))).toBe(true);
    expect(() => (first as { text: string }[]).push({ text: 'x' })).toThrow(TypeError);
  });

  it('refuses an unclosed expression on every parse, not only the first', () => {
    for (let i = 0; i < 2; i++) expect(() => parseTemplateString('Hi {{ trigger.name')).toThrow(/never closed/);
  });

  it('finds step references in dot and bracket form', () => {
    expect(referencedSteps("steps.fetch.items.map(i => steps['other-step'].x) + steps?.third")).toEqual([
      'fetch',
      'other-step',
      'third',
    ]);
  });
});
