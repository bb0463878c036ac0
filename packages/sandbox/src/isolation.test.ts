// Evaluations share one locked-down context per isolate; these tests show that nothing one evaluation does
// is visible to the next one or to the host. size 1 forces every pooled evaluation onto the same isolate.
import type { Scope } from '@weft/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

const sandbox = createSandbox({ size: 1, timeoutMs: 500 });
const scope: Scope = { trigger: { secret: 'hunter2' }, steps: {} };
const emptyScope: Scope = { trigger: null, steps: {} };

afterAll(() => sandbox.dispose());

async function attempt(code: string): Promise<void> {
  await sandbox.runCode(code, scope).catch(() => undefined);
}

async function value(code: string, on: Scope = emptyScope): Promise<unknown> {
  return (await sandbox.runCode(code, on)).value;
}

describe('state between evaluations', () => {
  it('does not keep globals a script set', async () => {
    await attempt('globalThis.leak = trigger.secret;');
    await attempt("Function('leak2 = 1')();");
    await attempt("(0, eval)('var leak3 = 1');");
    expect(await value('return [typeof leak, typeof leak2, typeof leak3, typeof globalThis.leak]')).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
  });

  it('does not keep changes to built-in prototypes', async () => {
    await attempt("Object.prototype.polluted = 'yes';");
    await attempt("Object.setPrototypeOf(Object.prototype, { polluted: 'yes' });");
    await attempt("Array.prototype.join = () => 'pwned';");
    await attempt("String.prototype.trim = () => 'pwned';");
    await attempt("JSON.stringify = () => 'pwned';");
    await attempt('Math.random = () => 4;');
    expect(
      await value("return [({}).polluted, [1, 2].join('-'), ' a '.trim(), JSON.stringify([1]), Math.random() < 1]"),
    ).toEqual([null, '1-2', 'a', '[1]', true]);
  });

  it('does not keep changes to the standard library or the console', async () => {
    await attempt("$date.now = () => 'fixed';");
    await attempt('$arr.sum = () => 0;');
    await attempt('console.log = () => {};');
    const result = await sandbox.runCode(
      "console.log('still captured'); return [$arr.sum([1, 2]), typeof $date.now()]",
      emptyScope,
    );
    expect(result).toEqual({ value: [3, 'string'], logs: [{ level: 'info', message: 'still captured' }] });
  });

  it('does not carry the last regular expression match into the next evaluation', async () => {
    await attempt('/(hunter\\d)/.test(trigger.secret);');
    expect(await value('return [RegExp.$1, RegExp.input, RegExp.lastMatch, RegExp["$_"]]')).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('does not keep a changed Error.stackTraceLimit or prepareStackTrace', async () => {
    await attempt('Error.stackTraceLimit = 0;');
    await attempt('Error.prepareStackTrace = () => "pwned";');
    expect(
      await value('return [Error.stackTraceLimit, typeof Error.prepareStackTrace, typeof new Error("x").stack]'),
    ).toEqual([10, 'undefined', 'string']);
  });

  it('does not share logs or scope between evaluations', async () => {
    await sandbox.runCode('console.log(trigger.secret);', scope);
    expect(await sandbox.runCode('return trigger', emptyScope)).toEqual({ value: null, logs: [] });
  });

  it('still lets scripts assign over inherited properties of their own objects', async () => {
    const code = [
      'class NotFound extends Error { constructor(m) { super(m); this.name = "NotFound"; } }',
      'const o = {}; o.toString = () => "custom"; o.constructor = "mine";',
      'const f = function () {}; f.toString = () => "fn";',
      'return [new NotFound("x").name, String(o), o.constructor, String(f)];',
    ].join('\n');
    expect(await value(code)).toEqual(['NotFound', 'custom', 'mine', 'fn']);
  });

  it('leaves every object a script can reach frozen', async () => {
    const walker = [
      'const generator = function* () {}; const asyncGenerator = async function* () {};',
      '// Values a script can create; their prototypes are the shared intrinsics (generator objects get a',
      '// fresh prototype per generator function, so theirs is one level further up).',
      'const created = [generator, asyncGenerator, async function () {}, [][Symbol.iterator](), new Map().entries(),',
      '  new Set().values(), ""[Symbol.iterator](), "a".matchAll(/a/g), [].values().map((x) => x),',
      '  Iterator.from({ next() { return { done: true }; } }), new Intl.Segmenter().segment("a"),',
      '  new Intl.Segmenter().segment("a")[Symbol.iterator](), Object.getPrototypeOf(generator()), Object.getPrototypeOf(asyncGenerator())];',
      'const seen = new Set(); const open = []; const queue = created.map((value) => Object.getPrototypeOf(value)).concat([globalThis]);',
      'while (queue.length > 0) {',
      '  const value = queue.pop();',
      '  if (value === null || (typeof value !== "object" && typeof value !== "function") || seen.has(value)) continue;',
      '  seen.add(value);',
      '  if (!Object.isFrozen(value)) open.push(String(value.name ?? Object.prototype.toString.call(value)));',
      '  queue.push(Object.getPrototypeOf(value));',
      '  for (const key of Reflect.ownKeys(value)) {',
      '    const d = Object.getOwnPropertyDescriptor(value, key);',
      '    if ("value" in d) queue.push(d.value); else queue.push(d.get, d.set);',
      '  }',
      '}',
      'return { reached: seen.size, open };',
    ].join('\n');
    const result = (await value(walker)) as { reached: number; open: string[] };
    expect(result.open).toEqual([]);
    expect(result.reached).toBeGreaterThan(500);
  });

  it('exposes no capability beyond the language and the standard library', async () => {
    const names = (await value('return Reflect.ownKeys(globalThis).map(String).sort()')) as string[];
    for (const forbidden of [
      'process',
      'require',
      'fetch',
      'setTimeout',
      'WebAssembly',
      'SharedArrayBuffer',
      'Atomics',
      'Proxy',
      'WeakRef',
    ]) {
      expect(names).not.toContain(forbidden);
    }
    expect(names).toEqual(expect.arrayContaining(['$date', '$str', '$arr', '$crypto', 'console', 'JSON', 'Intl']));
  });

  it('leaves the host untouched', async () => {
    await attempt('Object.prototype.hostLeak = 1; globalThis.hostLeak = 1;');
    expect(({} as Record<string, unknown>).hostLeak).toBeUndefined();
    expect((globalThis as Record<string, unknown>).hostLeak).toBeUndefined();
  });
});

describe('state on the fast path', () => {
  it('gives the same answers before and after hostile pooled runs', async () => {
    const template = { a: '{{ [1, 2].join("-") }}', b: '{{ ({}).polluted }}', c: '{{ $str.slugify("A B") }}' };
    const before = await sandbox.render(template, scope);
    await attempt("Object.prototype.polluted = 1; Array.prototype.join = () => 'x'; $str.slugify = () => 'x';");
    expect(await sandbox.render(template, scope)).toEqual(before);
    expect(before.value).toEqual({ a: '1-2', b: null, c: 'a-b' });
  });
});
