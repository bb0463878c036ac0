import { describe, expect, it } from 'vitest';
import { isBoundedExpression } from './bounded-expression.js';

describe('isBoundedExpression', () => {
  it.each([
    'trigger.a + trigger.b',
    'steps.fetch.body.items.length > 0 ? "many" : "none"',
    "trigger['user-id'] ?? item?.id",
    "'items' in trigger ? 'x' : 'y'",
    '`Hello ${trigger.name}, you have ${steps.inbox.count} messages`',
    '[...trigger.tags, { ...trigger.extra }]',
    'trigger.name.trim().toUpperCase().slice(0, 3)',
    'trigger.tags.join(", ")',
    'Math.max(...trigger.scores) / 2',
    'JSON.stringify(trigger)',
    'Object.keys(steps).length',
    '$date.format($date.now(), "yyyy-MM-dd", "Europe/Paris")',
    '$arr.sum(trigger.lines, "amount")',
    '$crypto.hmacSha256("key", trigger.body)',
    'String(index + 1).padStart === undefined',
    'typeof trigger === "object" && !Array.isArray(trigger)',
    'trigger.price / 100',
    '1..toFixed(2)',
    '/* a comment */ trigger.a // and another',
  ])('runs %s synchronously', (source) => {
    expect(isBoundedExpression(source)).toBe(true);
  });

  it.each([
    ['arrow functions', 'trigger.items.map((i) => i.id)'],
    ['function expressions', '(function () { return 1; })()'],
    ['classes', 'class {}'],
    ['new', 'new Array(10)'],
    ['assignments', 'trigger.a = 1'],
    ['compound assignments', 'trigger.a += 1'],
    ['increments', 'index++'],
    ['unknown globals', 'process.exit()'],
    ['globalThis', 'globalThis.x'],
    ['eval', 'eval("1")'],
    ['Function', 'Function("return 1")'],
    ['this', 'this.constructor'],
    ['object literal keys that look like references', '({ a: 1 })'],
    ['methods outside the list', 'trigger.name.repeat(1e9)'],
    ['padding methods', 'trigger.name.padStart(1e9)'],
    ['static functions outside the list', 'Object.defineProperty(trigger, "x", {})'],
    ['calls on call results', 'trigger.f()()'],
    ['calls on computed members', 'trigger["toUpperCase"]()'],
    ['optional calls', 'trigger.name?.()'],
    ['blocked properties', 'trigger.constructor'],
    ['blocked properties as literals', "trigger['constructor']"],
    ['call and apply', 'trigger.join.call(trigger)'],
    ['tagged templates', 'String.raw`x`'],
    ['regular expressions', 'trigger.name.replace(/a+$/, "")'],
    ['statements', 'trigger.a; trigger.b'],
    ['private names', '#x in trigger'],
    ['unicode escapes in names', 'trigger.\\u0061'],
    ['unterminated strings', '"abc'],
    ['long sources', `trigger.a + ${'1 + '.repeat(2000)}1`],
  ])('sends %s to the pool', (_label, source) => {
    expect(isBoundedExpression(source)).toBe(false);
  });

  it('tells division from regular expressions', () => {
    expect(isBoundedExpression('trigger.a / trigger.b / 2')).toBe(true);
    expect(isBoundedExpression('(trigger.a) / 2')).toBe(true);
    expect(isBoundedExpression('typeof /x/')).toBe(false);
  });

  it('follows nested template literals', () => {
    expect(isBoundedExpression('`a ${`b ${trigger.c}`} d`')).toBe(true);
    expect(isBoundedExpression('`a ${trigger.items.map((x) => x)}`')).toBe(false);
    expect(isBoundedExpression('`a ${ {b: 1} }`')).toBe(false);
  });
});
