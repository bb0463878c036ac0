// Escape attempts against the sandbox (escape-corpus.ts): each must end in a clear ScriptError while the host
// stays unreachable and healthy.
import { ScriptError, type Scope } from '@weft/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ESCAPE_PAYLOADS } from './escape-corpus.js';
import { createSandbox } from './index.js';

const sandbox = createSandbox({ size: 2, timeoutMs: 200 });
const memorySandbox = createSandbox({ size: 1, memoryLimitMb: 16, timeoutMs: 3000 });
const scope: Scope = { trigger: { secret: 'from-trigger' }, steps: {} };
const hostPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

afterAll(() => {
  sandbox.dispose();
  memorySandbox.dispose();
});

function expectHostHealthy(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(hostPrototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((globalThis as Record<string, unknown>).x).toBeUndefined();
  expect(typeof process.pid).toBe('number');
}

describe('escape corpus', () => {
  it('has at least 25 payloads', () => {
    expect(ESCAPE_PAYLOADS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(ESCAPE_PAYLOADS)('$name: ends in a clear ScriptError', async (payload) => {
    const target = payload.memory ? memorySandbox : sandbox;
    const running =
      payload.template !== undefined ? target.render(payload.template, scope) : target.runCode(payload.code!, scope);
    const error = await running.then(
      (result) => result,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScriptError);
    const scriptError = error as ScriptError;
    expect(scriptError.code).toBe(payload.expect);
    if (payload.message) expect(scriptError.message).toMatch(payload.message);
    expect(scriptError.message).not.toMatch(/\n|node:internal|\/work\/|isolated-vm/);
    expectHostHealthy();
    expect((await target.runCode('return trigger.secret', scope)).value).toBe('from-trigger');
  });

  it('leaves the sandbox and the host working after the corpus', async () => {
    const { value } = await sandbox.render({ sum: '{{ 1 + 2 }}', name: 'n={{ $str.slugify("Still Works") }}' }, scope);
    expect(value).toEqual({ sum: 3, name: 'n=still-works' });
    expect((await sandbox.runCode('return ({}).polluted === undefined && typeof globalThis.x', scope)).value).toBe(
      'undefined',
    );
    expectHostHealthy();
  });
});
