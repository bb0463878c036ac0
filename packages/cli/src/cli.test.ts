// The CLI through its public interface: the built `weft` binary (npm test builds before testing).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@weft/store';
import { BIN, ROOT, runWeft, scratchForBuiltBinary, type WeftResult } from './test-support/weft-binary.js';

const EXAMPLES = ['hello-webhook', 'order-routing', 'batch-enrich'];
let tmp: string;

function weft(args: string[], env: Record<string, string> = {}): Promise<WeftResult> {
  return runWeft(args, { cwd: ROOT, env });
}

/** A flow started by the webhook trigger `t`: the shape of every flow these tests write. */
function webhookFlow(name: string, steps: object[], edges: { from: string; to: string }[]): object {
  return { schema: 'weft.flow/v1', name, trigger: { id: 't', connector: 'webhook@1', trigger: 'event' }, steps, edges };
}

beforeAll(async () => {
  tmp = await scratchForBuiltBinary('weft-cli-');
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('weft', () => {
  it('prints help and its version', async () => {
    const help = await weft(['--help']);
    expect(help.stdout).toMatch(/validate/);
    expect(help.stdout).toMatch(/run/);
    expect((await weft(['run', '--help'])).stdout).toMatch(/--input/);
    expect((await weft(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each(EXAMPLES)('validates and runs the %s example', async (name) => {
    const flow = join('examples', name, 'flow.json');
    expect(await weft(['validate', flow])).toMatchObject({ code: 0, stdout: expect.stringContaining('valid') });
    const run = await weft(['run', flow, '--input', join('examples', name, 'input.json')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/succeeded/);
    expect(run.stdout).toMatch(/✓ \S+\s+succeeded\s+\d+ ms/);
  });

  it('reports every problem of an invalid flow with its location and exits 65', async () => {
    const file = join(tmp, 'bad.json');
    const steps = [
      { id: 'a', use: 'nope' },
      { id: 'b', use: 'transform.map', config: { v: '{{ steps.c.x }}' } },
    ];
    const edges = [
      { from: 't', to: 'a' },
      { from: 'a', to: 'b' },
    ];
    await writeFile(file, JSON.stringify(webhookFlow('x', steps, edges)));
    const result = await weft(['validate', file]);
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/\/steps\/0\/use \(node "a"\)/);
    expect(result.stderr).toMatch(/\/steps\/1\/config\/v \(node "b"\).*steps\.c/);
    expect(result.stderr).toMatch(/2 problems found/);
  });

  it('reports a syntax error in a code step with its line and column', async () => {
    const file = join(tmp, 'syntax.json');
    const steps = [{ id: 'a', use: 'transform.code', config: { code: 'const x = 1;\nreturn x +;' } }];
    await writeFile(file, JSON.stringify(webhookFlow('x', steps, [{ from: 't', to: 'a' }])));
    const result = await weft(['validate', file]);
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/\/steps\/0\/config\/code \(node "a"\).*line 2/);
  });

  it('says clearly when a file is not JSON or missing, and writes nothing', async () => {
    const file = join(tmp, 'broken.json');
    await writeFile(file, '{ "schema": ');
    const broken = await weft(['validate', file]);
    expect(broken).toMatchObject({ code: 65, stderr: expect.stringMatching(/is not valid JSON/) });
    expect(await weft(['run', join(tmp, 'missing.json')])).toMatchObject({
      code: 66,
      stderr: expect.stringMatching(/no such file/),
    });
  });

  it('says which port is taken and exits 74 when it cannot listen', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await weft([
        'start',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--data-dir',
        join(tmp, 'busy'),
      ]);
      expect(result.code).toBe(74);
      expect(result.stderr).toMatch(new RegExp(`Port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('refuses a database that is not a database', async () => {
    const notADb = join(tmp, 'not-a-db');
    await writeFile(notADb, 'hello, I am a text file and not SQLite at all'.repeat(50));
    const result = await weft(['migrate', '--database', notADb]);
    expect(result.code).toBe(74);
    expect(result.stderr).toMatch(/error: /);
  });
});

describe('exit codes', () => {
  const flowOf = (steps: object[]) =>
    webhookFlow(
      'x',
      steps,
      steps.map((s) => ({ from: 't', to: (s as { id: string }).id })),
    );

  it('documents every code in --help', async () => {
    const help = await weft(['--help']);
    expect(help.code).toBe(0);
    for (const code of [0, 1, 64, 65, 66, 70, 74, 78]) expect(help.stdout).toMatch(new RegExp(`^ +${code}  \\S`, 'm'));
  });

  it('exits 64 on a usage error', async () => {
    expect((await weft(['frobnicate'])).code).toBe(64);
    expect((await weft(['run'])).code).toBe(64);
    expect((await weft(['run', 'x.json', '--no-such-option'])).code).toBe(64);
    expect((await weft(['start', '--port', 'eighty'])).code).toBe(64);
    expect((await weft([])).code).toBe(64);
  });

  it('exits 78 on a bad environment value, naming the variable, the value and what is expected', async () => {
    const start = await weft(['start', '--port', '0', '--data-dir', join(tmp, 'bad-env')], {
      WEFT_CONCURRENCY: 'abc',
    });
    expect(start.code).toBe(78);
    expect(start.stderr).toContain('WEFT_CONCURRENCY="abc" is not valid: expected a whole number from 1 to 10000');
    expect((await weft(['migrate', '--data-dir', join(tmp, 'bad-env')], { WEFT_LOG_LEVEL: 'loud' })).code).toBe(78);
  });

  it('exits 65 on an invalid flow, for validate and run', async () => {
    const file = join(tmp, 'invalid.json');
    await writeFile(file, JSON.stringify(flowOf([{ id: 'a', use: 'nope' }])));
    expect((await weft(['validate', file])).code).toBe(65);
    const run = await weft(['run', file]);
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(/not valid/);
  });

  it('exits 66 when a named file is missing, for validate and run inputs', async () => {
    expect((await weft(['validate', join(tmp, 'nowhere.json')])).code).toBe(66);
    const file = join(tmp, 'fine.json');
    await writeFile(file, JSON.stringify(flowOf([{ id: 'a', use: 'transform.map', config: {} }])));
    const run = await weft(['run', file, '--input', join(tmp, 'no-input.json')]);
    expect(run).toMatchObject({ code: 66, stderr: expect.stringMatching(/no such file/) });
  });

  it('exits 1 when the run fails, and 0 when it succeeds', async () => {
    const failing = join(tmp, 'failing.json');
    await writeFile(
      failing,
      JSON.stringify(flowOf([{ id: 'a', use: 'transform.code', config: { code: 'throw new Error("no")' } }])),
    );
    const run = await weft(['run', failing]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/run \S+ failed/);
    const fine = join(tmp, 'fine-run.json');
    await writeFile(fine, JSON.stringify(flowOf([{ id: 'a', use: 'transform.map', config: { ok: true } }])));
    expect((await weft(['run', fine])).code).toBe(0);
  });

  it('exits 74 when the database cannot be opened', async () => {
    const notADb = join(tmp, 'garbage.db');
    await writeFile(notADb, 'not a database '.repeat(200));
    const file = join(tmp, 'fine-db.json');
    await writeFile(file, JSON.stringify(flowOf([{ id: 'a', use: 'transform.map', config: {} }])));
    expect((await weft(['run', file, '--database', notADb])).code).toBe(74);
  });
});

describe('weft run with subflows', () => {
  const trigger = { id: 't', connector: 'webhook@1', trigger: 'event' };
  const chain = (steps: { id: string; use: string; config: object }[]) => ({
    schema: 'weft.flow/v1',
    name: 'chain',
    trigger,
    steps,
    edges: steps.map((s, i) => ({ from: i === 0 ? 't' : steps[i - 1]!.id, to: s.id })),
  });

  it('runs children named by id (beside the file) or by relative path, linked to the parent run', async () => {
    const dir = join(tmp, 'subflows');
    await mkdir(join(dir, 'nested'), { recursive: true });
    await writeFile(
      join(dir, 'parent.json'),
      JSON.stringify(
        chain([
          { id: 'double', use: 'subflow', config: { flow: 'doubler', input: { n: '{{ trigger.value }}' } } },
          {
            id: 'inc',
            use: 'subflow',
            config: { flow: './nested/increment.json', input: { n: '{{ steps.double.n }}' } },
          },
        ]),
      ),
    );
    await writeFile(
      join(dir, 'doubler.json'),
      JSON.stringify(chain([{ id: 'calc', use: 'transform.code', config: { code: 'return { n: trigger.n * 2 }' } }])),
    );
    await writeFile(
      join(dir, 'nested', 'increment.json'),
      JSON.stringify(chain([{ id: 'calc', use: 'transform.code', config: { code: 'return { n: trigger.n + 1 }' } }])),
    );
    await writeFile(join(dir, 'input.json'), JSON.stringify({ value: 20 }));
    const db = join(dir, 'runs.db');

    const run = await weft(['run', join(dir, 'parent.json'), '--input', join(dir, 'input.json'), '--database', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}✓ calc/m);
    expect(run.stdout).toMatch(/output: \{\s+"n": 41\s+\}/);

    const runId = /run (\S+) started/.exec(run.stdout)![1]!;
    const store = await openStore({ url: db });
    try {
      const children = await store.runs.listChildren(runId);
      expect(children.map((c) => [c.parentRunId, c.parentStep, c.status, c.output])).toEqual([
        [runId, 'double#1', 'succeeded', { n: 40 }],
        [runId, 'inc#1', 'succeeded', { n: 41 }],
      ]);
    } finally {
      await store.close();
    }
  });

  it('fails the run (exit 1) when the child flow file does not exist', async () => {
    const file = join(tmp, 'orphan.json');
    await writeFile(file, JSON.stringify(chain([{ id: 'call', use: 'subflow', config: { flow: 'ghost' } }])));
    const run = await weft(['run', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/no flow file for "ghost"/);
  });
});

describe('durability', () => {
  it('resumes a run killed with SIGKILL mid-run; every step completes exactly once', async () => {
    const db = join(tmp, 'crash.db');
    const flowFile = join(tmp, 'slow.json');
    const steps = [
      { id: 'first', use: 'transform.map', config: { v: 1 } },
      { id: 'wait', use: 'delay', config: { ms: 1500 } },
      { id: 'last', use: 'transform.code', config: { code: 'return steps.first.v + 1' } },
    ];
    const edges = [
      { from: 't', to: 'first' },
      { from: 'first', to: 'wait' },
      { from: 'wait', to: 'last' },
    ];
    await writeFile(flowFile, JSON.stringify(webhookFlow('slow', steps, edges)));
    const child = spawn(process.execPath, [BIN, 'run', flowFile, '--database', db], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const runId = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no progress: ${output}`)), 15_000);
      child.stdout.on('data', () => {
        const id = /run (\S+) started/.exec(output)?.[1];
        if (id && /✓ first/.test(output)) {
          clearTimeout(timer);
          resolve(id);
        }
      });
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const resumed = await weft(['run', flowFile, '--database', db, '--run-id', runId]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).not.toMatch(/✓ first/);
    expect(resumed.stdout).toMatch(/✓ last/);

    const store = await openStore({ url: db });
    try {
      const steps = await store.journal.loadSteps(runId);
      expect(steps.map((s) => `${s.key}:${s.status}`).sort()).toEqual([
        'first:succeeded',
        'last:succeeded',
        't:succeeded',
        'wait:succeeded',
      ]);
      expect((await store.runs.get(runId))?.status).toBe('succeeded');
    } finally {
      await store.close();
    }
  });
});
