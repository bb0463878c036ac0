// examples/incremental-sync end to end: the built CLI runs the flow against the example's fake API (on an
// OS-chosen loopback port) and a throwaway PostgreSQL schema — a first pass, then a full resync on demand that
// deletes what the API no longer lists.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
// @ts-expect-error -- plain JavaScript without declarations
import { createContactsApi } from '../../../examples/incremental-sync/fake/server.mjs';
import { connectionStringFor, createTestSchema, type TestSchema } from './test-support/database.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const EXAMPLE = join(ROOT, 'examples/incremental-sync');
const run = promisify(execFile);

let db: TestSchema;
let api: Server;
let apiBase: string;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (tsc -b)`);
  db = await createTestSchema();
  api = createContactsApi({ token: 'test-token' }) as Server;
  await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'weft-sync-'));
  await writeFile(
    join(dir, 'credentials.json'),
    JSON.stringify({
      api: { connector: 'http', kind: 'bearer', values: { token: 'test-token' } },
      db: { connector: 'postgres', kind: 'bearer', values: { connectionString: connectionStringFor(db.name) } },
    }),
  );
});

afterAll(async () => {
  await new Promise((done) => api?.close(done));
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  status: string;
  output: { mode: string; created: number; updated: number; deleted: number; cursor: string };
  error?: { message: string };
}

async function runFlow(input: Record<string, unknown>): Promise<Outcome> {
  const inputFile = join(dir, 'input.json');
  await writeFile(inputFile, JSON.stringify({ apiBase, ...input }));
  const { stdout } = await run(
    process.execPath,
    [
      CLI,
      'run',
      join(EXAMPLE, 'flow.json'),
      '--input',
      inputFile,
      '--credentials',
      join(dir, 'credentials.json'),
      '--json',
    ],
    { cwd: ROOT, env: { ...process.env, WEFT_OUTBOUND_ALLOW: '127.0.0.1' }, timeout: 10_000 },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`weft run failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  return JSON.parse(stdout) as Outcome;
}

const change = (contact: Record<string, unknown>) =>
  fetch(`${apiBase}/_admin/contacts`, { method: 'POST', body: JSON.stringify(contact) });

const contacts = () =>
  db.sql<{ id: string; name: string; deleted: boolean }>(
    'SELECT id, name, deleted_at IS NOT NULL AS deleted FROM contacts ORDER BY id',
  );

test('the example flow validates', async () => {
  const { stdout } = await run(process.execPath, [CLI, 'validate', join(EXAMPLE, 'flow.json')], { cwd: ROOT });
  expect(stdout).toContain('valid');
});

test('a one-off run syncs everything; a full one also deletes what the API no longer lists', async () => {
  // `weft run` keeps the sync cursor in memory, so each run is a first pass; the server keeps it between runs
  // (packages/server/src/sync-node/incremental-sync-example.test.ts covers the passes that follow).
  const first = await runFlow({});
  expect(first).toMatchObject({ status: 'succeeded', output: { mode: 'incremental', created: 7, deleted: 0 } });
  expect(await contacts()).toHaveLength(7);

  await change({ id: 'c3', deleted: true });
  await db.sql(`INSERT INTO contacts (id, name, updated_at) VALUES ('ghost', 'Not in the API', now())`);
  const full = await runFlow({ full: true });
  expect(full).toMatchObject({ status: 'succeeded', output: { mode: 'full', created: 0, updated: 6, deleted: 2 } });
  expect((await contacts()).filter((c) => c.deleted).map((c) => c.id)).toEqual(['c3', 'ghost']);
});
