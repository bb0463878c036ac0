import { describe, expect, it } from 'vitest';
import { buildCondition, parseCondition, switchCases, withCaseWhen, type Condition } from './condition.js';

describe('condition builder', () => {
  it('writes a field, an operator and a value as the expression the engine evaluates', () => {
    expect(buildCondition({ field: 'trigger.body.amount', operator: 'gt', value: '100' })).toBe(
      '{{ trigger.body.amount > 100 }}',
    );
    expect(buildCondition({ field: 'steps.customer.email', operator: 'eq', value: 'ada@example.com' })).toBe(
      '{{ steps.customer.email === "ada@example.com" }}',
    );
    expect(buildCondition({ field: 'trigger.body.note', operator: 'contains', value: 'urgent' })).toBe(
      `{{ String(trigger.body.note ?? '').includes("urgent") }}`,
    );
  });

  it('reads back every expression it writes, so the builder and the expression stay in step', () => {
    const conditions: Condition[] = [
      { field: 'trigger.body.amount', operator: 'gte', value: '10.5' },
      { field: 'trigger.body.status', operator: 'ne', value: 'paid' },
      { field: 'steps.lookup.items[0].name', operator: 'contains', value: 'a "quoted" word' },
      { field: 'trigger.body.email', operator: 'empty', value: '' },
      { field: 'trigger.body.email', operator: 'notEmpty', value: '' },
      { field: 'trigger.body.vip', operator: 'isTrue', value: '' },
    ];
    for (const condition of conditions) expect(parseCondition(buildCondition(condition))).toEqual(condition);
  });

  it('leaves a hand-written expression to the expression field', () => {
    expect(parseCondition('{{ trigger.body.amount > 100 && trigger.body.currency === "eur" }}')).toBeUndefined();
    expect(parseCondition(undefined)).toBeUndefined();
  });
});

describe('switch cases', () => {
  it('writes the built condition into the one case it belongs to', () => {
    const config = {
      cases: [
        { name: 'big', when: '{{ true }}' },
        { name: 'small', when: '' },
      ],
    };
    expect(switchCases(config).map((c) => c.name)).toEqual(['big', 'small']);
    expect(withCaseWhen(config, 1, '{{ trigger.body.amount < 10 }}')).toEqual([
      { name: 'big', when: '{{ true }}' },
      { name: 'small', when: '{{ trigger.body.amount < 10 }}' },
    ]);
  });
});
