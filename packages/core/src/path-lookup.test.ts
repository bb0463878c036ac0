import { describe, expect, it } from 'vitest';
import { lookupPath } from './path-lookup.js';

const scope = { trigger: { body: { name: 'Ada', tags: ['x', 'y'] } }, steps: { 'my-step': { n: 1 } }, item: 5 };

describe('lookupPath', () => {
  it('resolves plain paths on the host', () => {
    expect(lookupPath(scope, 'trigger.body.name')).toEqual({ value: 'Ada' });
    expect(lookupPath(scope, ' trigger.body.tags[1] ')).toEqual({ value: 'y' });
    expect(lookupPath(scope, "steps['my-step'].n")).toEqual({ value: 1 });
    expect(lookupPath(scope, 'item')).toEqual({ value: 5 });
    expect(lookupPath(scope, 'trigger.body.tags.length')).toEqual({ value: 2 });
  });

  it('never follows inherited properties or missing keys: those go to the sandbox', () => {
    expect(lookupPath(scope, 'trigger.constructor')).toBeUndefined();
    expect(lookupPath(scope, 'trigger.__proto__')).toBeUndefined();
    expect(lookupPath(scope, 'trigger.body.missing.deeper')).toBeUndefined();
    expect(lookupPath(scope, 'trigger.body.name.length')).toBeUndefined();
  });

  it('leaves anything else to the sandbox', () => {
    expect(lookupPath(scope, 'trigger.body.name.toUpperCase()')).toBeUndefined();
    expect(lookupPath(scope, 'trigger.a + 1')).toBeUndefined();
    expect(lookupPath(scope, 'process')).toBeUndefined();
  });
});
