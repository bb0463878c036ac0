// An isolate V8 lost control of (a native loop that ignores termination) is contained: its unit process is
// killed, which frees its thread and memory, and the next unit serves; other evaluations are not lost.
import { ScriptError, type Scope } from '@weft/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ABANDON_PAYLOAD } from './escape-corpus.js';
import { createSandbox } from './index.js';

const scope: Scope = { trigger: {}, steps: {} };
const sandbox = createSandbox({ size: 2, timeoutMs: 300 });
afterAll(() => sandbox.dispose());

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('abandoned isolates', () => {
  it('fails the script, kills its unit process and serves the next evaluation from a new one', async () => {
    await sandbox.warm();
    const [first] = sandbox.processIds();
    const error = await sandbox.runCode(ABANDON_PAYLOAD, scope).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as ScriptError).code).toMatch(/script_timeout|script_memory/);
    expect((await sandbox.runCode('return 1 + 1', scope)).value).toBe(2);
    expect(sandbox.stats()).toMatchObject({ processesKilled: 1, catastrophicErrors: 1 });
    await expect.poll(() => exists(first!)).toBe(false);
    expect(sandbox.health()).toEqual({ ok: true });
  });

  it('loses none of the evaluations running beside an abandoned one', async () => {
    let settled = false;
    const abandoned = sandbox
      .runCode(ABANDON_PAYLOAD, scope)
      .catch((e: unknown) => e)
      .finally(() => (settled = true));
    const values: unknown[] = [];
    for (let i = 0; !settled; i++) values.push((await sandbox.runCode(`return ${i};`, scope)).value);
    const error = await abandoned;
    expect(error).toBeInstanceOf(ScriptError);
    expect(values).toEqual(values.map((_, i) => i));
  });
});
