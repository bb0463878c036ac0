import { ScriptError, WeftError, type JsonValue, type Scope } from '@weft/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const sandbox = createSandbox({ size: 2, timeoutMs: 200, now: () => NOW });
const scope: Scope = {
  trigger: { a: 1, b: 2, name: 'Ada', tags: ['x', 'y'], items: [{ id: 1 }, { id: 2 }] },
  steps: { fetch: { status: 200, body: { total: 3 } } },
};

afterAll(() => sandbox.dispose());

async function failure(promise: Promise<unknown>): Promise<ScriptError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScriptError);
  return error as ScriptError;
}

describe('render', () => {
  it('keeps the type of a string that is exactly one expression', async () => {
    const template = {
      sum: '{{ trigger.a + trigger.b }}',
      tags: '{{trigger.tags}}',
      ok: '{{ steps.fetch.status === 200 }}',
    };
    const { value } = await sandbox.render(template, scope);
    expect(value).toEqual({ sum: 3, tags: ['x', 'y'], ok: true });
  });

  it('interpolates expressions inside longer strings', async () => {
    const { value } = await sandbox.render(['Hello {{ trigger.name }}, {{ trigger.items }}', 'n={{ null }}'], scope);
    expect(value).toEqual(['Hello Ada, [{"id":1},{"id":2}]', 'n=']);
  });

  it('evaluates the same template object against each new scope (its analysis is kept, not its values)', async () => {
    const template = { greeting: 'Hello {{ trigger.name }}', n: '{{ trigger.n * 2 }}' };
    const first = await sandbox.render(template, { trigger: { name: 'Ada', n: 1 }, steps: {} });
    const second = await sandbox.render(template, { trigger: { name: 'Grace', n: 21 }, steps: {} });
    expect([first.value, second.value]).toEqual([
      { greeting: 'Hello Ada', n: 2 },
      { greeting: 'Hello Grace', n: 42 },
    ]);
  });

  it('returns templates without expressions unchanged', async () => {
    const template = { a: [1, 'two', { three: null }] };
    expect((await sandbox.render(template, scope)).value).toEqual(template);
  });

  it('gives the same values on the fast path and on the pool', async () => {
    const template = { a: '{{ trigger.tags.join("-") }}', b: '{{ $str.slugify(trigger.name + " Lovelace") }}' };
    const fast = await sandbox.render(template, scope);
    const pooled = await sandbox.render({ ...template, c: '{{ trigger.items.map((i) => i.id) }}' }, scope);
    expect(fast.value).toEqual({ a: 'x-y', b: 'ada-lovelace' });
    expect(pooled.value).toEqual({ a: 'x-y', b: 'ada-lovelace', c: [1, 2] });
  });

  it('sees item, index and the evaluation start time', async () => {
    const { value } = await sandbox.render('{{ [item, index, $date.now()] }}', { ...scope, item: { n: 7 }, index: 4 });
    expect(value).toEqual([{ n: 7 }, 4, '2026-01-02T03:04:05.000Z']);
  });

  it('turns undefined and non-finite numbers into null like JSON does', async () => {
    const { value } = await sandbox.render(
      { a: '{{ trigger.missing }}', b: '{{ 1 / 0 }}', c: '{{ [undefined] }}' },
      scope,
    );
    expect(value).toEqual({ a: null, b: null, c: [null] });
  });

  it('reports which expression failed, with a position inside it', async () => {
    const error = await failure(sandbox.render({ ok: '{{ trigger.a }}', bad: 'x {{ steps.nope.body }}' }, scope));
    expect(error.code).toBe('script_runtime');
    expect(error.message).toBe(
      "TypeError: Cannot read properties of undefined (reading 'body') in {{ steps.nope.body }}",
    );
    expect([error.line, error.column]).toEqual([1, 12]);
  });

  it('refuses a template with a syntax error before running anything', async () => {
    const error = await failure(sandbox.render({ a: '{{ trigger.a + }}' }, scope));
    expect(error.code).toBe('script_syntax');
    expect(error.message).toBe('Unexpected end of input in {{ trigger.a + }}');
  });

  it('refuses expressions that try to break out of their parentheses', async () => {
    const error = await failure(sandbox.render('{{ 1), (globalThis.x = 2 }}', scope));
    expect(error.code).toBe('script_syntax');
  });

  it('refuses an unclosed {{', async () => {
    expect((await failure(sandbox.render('Hello {{ trigger.name', scope))).code).toBe('script_syntax');
  });
});

describe('runCode', () => {
  it('runs a function body with the scope as free variables', async () => {
    const { value } = await sandbox.runCode(
      'const total = steps.fetch.body.total;\nreturn { total, name: trigger.name };',
      scope,
    );
    expect(value).toEqual({ total: 3, name: 'Ada' });
  });

  it('awaits async bodies and returned promises', async () => {
    expect((await sandbox.runCode('await null;\nreturn trigger.a + 1', scope)).value).toBe(2);
    expect((await sandbox.runCode('return Promise.resolve(trigger.b)', scope)).value).toBe(2);
  });

  it('returns null when the body returns nothing', async () => {
    expect((await sandbox.runCode('const x = 1;', scope)).value).toBeNull();
  });

  it('turns Dates into ISO strings', async () => {
    expect((await sandbox.runCode('return { at: new Date(0) }', scope)).value).toEqual({
      at: '1970-01-01T00:00:00.000Z',
    });
  });

  it('captures console output by level', async () => {
    const code =
      'console.log("a", 1, { b: [true] });\nconsole.warn("careful");\nconsole.error(new TypeError("bad"));\nconsole.debug(undefined);';
    expect((await sandbox.runCode(code, scope)).logs).toEqual([
      { level: 'info', message: 'a 1 { b: [ true ] }' },
      { level: 'warn', message: 'careful' },
      { level: 'error', message: 'TypeError: bad' },
      { level: 'debug', message: 'undefined' },
    ]);
  });

  it('bounds the log and says how much was dropped', async () => {
    const { logs } = await sandbox.runCode('for (let i = 0; i < 150; i++) console.log("line", i);', scope);
    expect(logs).toHaveLength(101);
    expect(logs[100]).toEqual({
      level: 'warn',
      message: expect.stringContaining('50 more log entries dropped') as string,
    });
    const big = await sandbox.runCode('console.log("x".repeat(20000)); console.log("after");', scope);
    expect(big.logs[0]!.message).toHaveLength(10_000);
    expect(big.logs[1]!.message).toContain('1 more log entries dropped');
  });

  it('reports runtime errors at the line and column of the user code', async () => {
    const error = await failure(sandbox.runCode('const a = 1;\n\n  return trigger.nope.x;', scope));
    expect(error.code).toBe('script_runtime');
    expect(error.message).toBe("TypeError: Cannot read properties of undefined (reading 'x')");
    expect([error.line, error.column]).toEqual([3, 23]);
    expect(error.message).not.toMatch(/ at |node:|\/work\//);
  });

  it('reports errors thrown by code and by rejected promises', async () => {
    const thrown = await failure(sandbox.runCode('throw new RangeError("too big")', scope));
    expect([thrown.message, thrown.line, thrown.column]).toEqual(['RangeError: too big', 1, 7]);
    expect((await failure(sandbox.runCode('await null; throw "plain"', scope))).message).toBe('Uncaught "plain"');
  });

  it('points at the user call when a standard library function throws', async () => {
    const error = await failure(sandbox.runCode('const t = 0;\n  return $date.format(t, "Q");', scope));
    expect([error.message, error.line, error.column]).toEqual([
      'RangeError: $date.format: unknown pattern letter "Q" (quote literal text like \'at\')',
      2,
      16,
    ]);
  });

  it('keeps the logs written before a failure on the error', async () => {
    const error = await failure(sandbox.runCode('console.log("step 1");\nthrow new Error("boom");', scope));
    expect((error as ScriptError & { logs: unknown }).logs).toEqual([{ level: 'info', message: 'step 1' }]);
  });

  it('reports syntax errors with their position', async () => {
    const error = await failure(sandbox.runCode('const a = 1;\nif (a) {\n  return a +;\n}', scope));
    expect(error.code).toBe('script_syntax');
    expect([error.message, error.line, error.column]).toEqual(["Unexpected token ';'", 3, 13]);
  });

  it('rejects results that are not JSON', async () => {
    const error = await failure(sandbox.runCode('return { a: [1, { f() {} }] }', scope));
    expect([error.code, error.message]).toEqual(['script_result', 'The result is not JSON: a function at $.a[1].f']);
  });

  it('reports a promise that can never settle', async () => {
    expect((await failure(sandbox.runCode('return new Promise(() => {})', scope))).message).toContain('never settles');
  });
});

describe('limits', () => {
  it('stops a script at the timeout, replaces its isolate and keeps serving', async () => {
    const before = sandbox.stats().replaced;
    const started = Date.now();
    expect((await failure(sandbox.runCode('for (;;) {}', scope))).code).toBe('script_timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sandbox.stats().replaced).toBe(before + 1);
    expect((await sandbox.runCode('return 1', scope)).value).toBe(1);
  });

  it('stops a script over the memory limit, replaces its isolate and keeps serving', async () => {
    const small = createSandbox({ size: 1, memoryLimitMb: 16, timeoutMs: 3000 });
    const code = 'const kept = [];\nfor (let i = 0; ; i++) kept.push(new Array(10000).fill(i));';
    expect((await failure(small.runCode(code, scope))).code).toBe('script_memory');
    expect((await small.runCode('return 2', scope)).value).toBe(2);
    expect(small.stats()).toMatchObject({ created: 2, replaced: 1 });
    small.dispose();
  });

  it('keeps other evaluations going while one spins', async () => {
    const spinning = failure(sandbox.runCode('while (true) {}', scope));
    const quick = await Promise.all([1, 2, 3].map((n) => sandbox.runCode(`return ${n}`, scope)));
    expect(quick.map((r) => r.value)).toEqual([1, 2, 3]);
    expect((await spinning).code).toBe('script_timeout');
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const running = sandbox.runCode('for (;;) {}', scope, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(running).rejects.toThrow('stop');
    expect((await sandbox.runCode('return 3', scope)).value).toBe(3);
  });

  it('evaluates many mappings concurrently across the pool', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => sandbox.runCode(`return trigger.a + ${i}`, scope)),
    );
    expect(results.map((r) => r.value)).toEqual(Array.from({ length: 50 }, (_, i) => 1 + i));
    expect(sandbox.stats().isolates).toBeLessThanOrEqual(2);
  });
});

describe('fast path', () => {
  it('re-runs an expression that overruns the synchronous budget on the pool', async () => {
    const own = createSandbox({ size: 1, timeoutMs: 5000 });
    const big = { trigger: { text: 'abc'.repeat(60_000) }, steps: {} };
    const template = '{{ $crypto.sha256(trigger.text) + $crypto.md5(trigger.text) + $crypto.sha1(trigger.text) }}';
    const first = await own.render(template, big);
    expect(own.stats()).toMatchObject({ syncEvaluations: 1, pooledEvaluations: 1 });
    expect((await own.render(template, big)).value).toBe(first.value);
    expect(own.stats()).toMatchObject({ syncEvaluations: 1, pooledEvaluations: 2 });
    own.dispose();
  });

  it('sends large scopes to the pool', async () => {
    const own = createSandbox({ size: 1 });
    await own.render('{{ trigger.length }}', { trigger: 'x'.repeat(300_000), steps: {} });
    expect(own.stats()).toMatchObject({ syncEvaluations: 0, pooledEvaluations: 1 });
    own.dispose();
  });
});

describe('check', () => {
  it('accepts valid sources and reports problems relative to the source', async () => {
    expect(await sandbox.check('trigger.a + 1', 'expression')).toBeUndefined();
    expect(await sandbox.check('await fetchIt()', 'code')).toBeUndefined();
    expect(await sandbox.check('if (x) {\n  y(\n}', 'code')).toEqual({
      message: "Unexpected token '}'",
      line: 3,
      column: 1,
    });
    expect(await sandbox.check('a), (b', 'expression')).toEqual({
      message: "Unexpected token ')'",
      line: 1,
      column: 2,
    });
    expect(await sandbox.check('a +', 'expression')).toEqual({
      message: 'Unexpected end of input',
      line: 1,
      column: 4,
    });
  });

  it('refuses code that closes the function body early', async () => {
    expect(await sandbox.check('}); (function () {', 'code')).toEqual({
      message: "Unexpected '}': the body closes its function early",
    });
  });

  it('refuses sources over a million characters without compiling them', async () => {
    expect(await sandbox.check(`1${' + 1'.repeat(300_000)}`, 'expression')).toEqual({
      message: 'The script is longer than 1000000 characters',
    });
  });
});

describe('lifecycle', () => {
  it('refuses work after dispose', async () => {
    const own = createSandbox({ size: 1 });
    expect((await own.render('{{ 1 + 1 }}', scope)).value).toBe(2);
    own.dispose();
    await expect(own.runCode('return 1', scope)).rejects.toBeInstanceOf(WeftError);
  });

  it('can create its isolates ahead of time', async () => {
    const own = createSandbox({ size: 2 });
    await own.warm();
    expect(own.stats()).toMatchObject({ isolates: 2, busy: 0, created: 2 });
    own.dispose();
  });
});

describe('JSON copies', () => {
  it('copies values in and out so neither side shares objects', async () => {
    const trigger: JsonValue = { list: [1, 2] };
    const { value } = await sandbox.runCode('trigger.list.push(3); return trigger;', { trigger, steps: {} });
    expect(value).toEqual({ list: [1, 2, 3] });
    expect(trigger).toEqual({ list: [1, 2] });
  });

  it('keeps __proto__ keys as plain data', async () => {
    const { value } = await sandbox.runCode('return JSON.parse(\'{"__proto__": {"x": 1}}\')', scope);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
  });
});
