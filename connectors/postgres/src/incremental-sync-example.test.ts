// examples/incremental-sync end to end: the built CLI runs the flow against the example's fake API (on an
// OS-chosen loopback port) and a throwaway PostgreSQL schema — a first full sync, an incremental one with an
// update, a deletion and a new contact, then a full resync on demand.
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
  output: { mode: string; fetched: number; inserted: number; updated: number; deleted: number; cursor: string };
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

test('syncs everything first, then only changes with deletions, then everything again on demand', async () => {
  const first = await runFlow({});
  expect(first).toMatchObject({ status: 'succeeded', output: { mode: 'full', fetched: 7, inserted: 7, deleted: 0 } });
  expect(await contacts()).toHaveLength(7);
  expect(await db.sql('SELECT cursor FROM sync_state')).toEqual([{ cursor: '2024-06-01T00:06:00.000Z' }]);

  await change({ id: 'c2', name: 'Renamed' });
  await change({ id: 'c3', deleted: true });
  await change({ id: 'c8', email: 'new@example.com', name: 'Newcomer' });
  const second = await runFlow({});
  // c7 is fetched again (changes are asked for at or after the cursor) and rewritten unchanged.
  expect(second).toMatchObject({
    status: 'succeeded',
    output: { mode: 'incremental', fetched: 4, inserted: 1, updated: 2, deleted: 1 },
  });
  const afterIncremental = await contacts();
  expect(afterIncremental).toHaveLength(8);
  expect(afterIncremental.find((c) => c.id === 'c2')).toMatchObject({ name: 'Renamed', deleted: false });
  expect(afterIncremental.find((c) => c.id === 'c3')).toMatchObject({ deleted: true });
  expect(afterIncremental.find((c) => c.id === 'c8')).toMatchObject({ name: 'Newcomer', deleted: false });

  // A contact removed in the API without a tombstone in this window is caught by the full resync.
  await db.sql(`INSERT INTO contacts (id, name, updated_at) VALUES ('ghost', 'Not in the API', now())`);
  const third = await runFlow({ full: true });
  expect(third).toMatchObject({ status: 'succeeded', output: { mode: 'full', fetched: 7, inserted: 0, deleted: 1 } });
  expect((await contacts()).filter((c) => c.deleted).map((c) => c.id)).toEqual(['c3', 'ghost']);
});
