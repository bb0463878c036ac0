import { describe, expect, it } from 'vitest';
import { narrowScope } from './scope.js';

const scope = { trigger: { big: [1, 2, 3] }, steps: { a: 1, b: 2, 'c-d': 3 }, item: { x: 1 }, index: 4 };

describe('narrowScope', () => {
  it('keeps only what the sources mention', () => {
    expect(narrowScope(scope, ['item.x * 2'])).toEqual({ trigger: null, steps: {}, item: { x: 1 } });
    expect(narrowScope(scope, ["steps.a + steps['c-d'] + index"])).toEqual({
      trigger: null,
      steps: { a: 1, 'c-d': 3 },
      index: 4,
    });
    expect(narrowScope(scope, ['trigger.big.length'])).toEqual({ trigger: { big: [1, 2, 3] }, steps: {} });
  });

  it('keeps every step when they are read dynamically', () => {
    expect(narrowScope(scope, ['Object.keys(steps)']).steps).toEqual(scope.steps);
    expect(narrowScope(scope, ['steps[name]']).steps).toEqual(scope.steps);
  });
});
