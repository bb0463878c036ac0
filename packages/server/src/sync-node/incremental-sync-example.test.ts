// examples/incremental-sync on a running server: the sync node reads the example's fake contacts API (loopback)
// and writes a throwaway PostgreSQL schema. Two passes — everything, then an update, a deletion (tombstone) and
// a creation — then a full resync that deletes what the API no longer lists; each pass leaves a sync log with
// its counts and cursors, and the cursor survives between runs of the flow.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript without declarations
import { createContactsApi } from '../../../../examples/incremental-sync/fake/server.mjs';
import { EXAMPLES_DIR, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

const DATABASE_URL = process.env.WEFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `weft_sync_node_${randomBytes(5).toString('hex')}`;
let weft: TestRuntime;
let api: Server;
let apiBase: string;
let db: pg.Client;
let flowId: string;

beforeAll(async () => {
  db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(`CREATE SCHEMA ${schema}`);
  await db.query(`SET search_path TO ${schema}`);
  api = createContactsApi({ token: 'api-token' }) as Server;
  await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  weft = await startTestRuntime({ outboundAllow: ['127.0.0.1'] });
  const connection = new URL(DATABASE_URL);
  connection.searchParams.set('options', `-c search_path=${schema}`);
  const credential = async (connector: string, values: Record<string, string>) => {
    const response = await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector, name: connector, kind: 'bearer', values },
    });
    const body = (await response.json()) as { id: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    return body.id;
  };
  const apiCredential = await credential('http', { token: 'api-token' });
  const dbCredential = await credential('postgres', { token: connection.toString() });
  const text = await readFile(join(EXAMPLES_DIR, 'incremental-sync/flow.json'), 'utf8');
  const definition = text
    .replaceAll('"credential": "api"', `"credential": "${apiCredential}"`)
    .replaceAll('"credential": "db"', `"credential": "${dbCredential}"`);
  const created = await weft.api('/api/flows', {
    method: 'POST',
    body: definition,
    headers: { 'content-type': 'application/json' },
  });
  expect(created.status).toBe(201);
  flowId = ((await created.json()) as { id: string }).id;
});

afterAll(async () => {
  await weft?.close();
  await new Promise((done) => api?.close(done));
  await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
  await db?.end();
});

async function pass(input: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const started = await weft.api(`/api/flows/${flowId}/test`, {
    method: 'POST',
    json: { input: { apiBase, ...input } },
  });
  expect(started.status).toBe(202);
  const run = await waitForRun(weft, ((await started.json()) as { runId: string }).runId, 20_000);
  expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
  return run.output as Record<string, unknown>;
}

const change = (contact: Record<string, unknown>) =>
  fetch(`${apiBase}/_admin/contacts`, { method: 'POST', body: JSON.stringify(contact) });

const contacts = async () =>
  (
    await db.query<{ id: string; name: string; deleted: boolean }>(
      'SELECT id, name, deleted_at IS NOT NULL AS deleted FROM contacts ORDER BY id',
    )
  ).rows;

const syncLogs = async () => {
  const response = await weft.api('/api/sync-logs?name=contacts');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Record<string, unknown>[] }).items;
};

it('is ready to publish once its connections exist (the ones inside the sync step included)', async () => {
  const response = await weft.api(`/api/flows/${flowId}/validate`, { method: 'POST' });
  expect(((await response.json()) as { problems: unknown[] }).problems).toEqual([]);
});

it('syncs creations, then updates, deletions and creations by cursor, then a full resync, each with a sync log', async () => {
  expect(await pass()).toMatchObject({
    mode: 'incremental',
    created: 7,
    updated: 0,
    deleted: 0,
    cursor: '2024-06-01T00:06:00.000Z',
  });
  expect(await contacts()).toHaveLength(7);

  await change({ id: 'c2', name: 'Renamed' });
  await change({ id: 'c3', deleted: true });
  await change({ id: 'c8', email: 'new@example.com', name: 'Newcomer' });
  // c7 comes again (changes are asked for at or after the cursor) and is rewritten unchanged.
  expect(await pass()).toMatchObject({
    mode: 'incremental',
    created: 1,
    updated: 2,
    deleted: 1,
    cursor: '2024-06-01T00:09:00.000Z',
  });
  const after = await contacts();
  expect(after).toHaveLength(8);
  expect(after.find((c) => c.id === 'c2')).toMatchObject({ name: 'Renamed', deleted: false });
  expect(after.find((c) => c.id === 'c3')).toMatchObject({ deleted: true });
  expect(after.find((c) => c.id === 'c8')).toMatchObject({ name: 'Newcomer', deleted: false });

  const [second, first] = await syncLogs();
  expect(first).toMatchObject({
    connector: 'sync',
    action: 'records',
    mode: 'incremental',
    created: 7,
    updated: 0,
    deleted: 0,
    complete: true,
  });
  expect(first!.cursorBefore).toBeUndefined();
  expect(first!.cursorAfter).toBe('2024-06-01T00:06:00.000Z');
  expect(second).toMatchObject({
    mode: 'incremental',
    created: 1,
    updated: 2,
    deleted: 1,
    cursorBefore: '2024-06-01T00:06:00.000Z',
    cursorAfter: '2024-06-01T00:09:00.000Z',
  });

  // A contact gone from the API without a tombstone is caught by a full pass, which diffs the id sets.
  await db.query(`INSERT INTO contacts (id, name, updated_at) VALUES ('ghost', 'Not in the API', now())`);
  expect(await pass({ full: true })).toMatchObject({ mode: 'full', created: 0, updated: 7, deleted: 1 });
  expect((await contacts()).filter((c) => c.deleted).map((c) => c.id)).toEqual(['c3', 'ghost']);
  expect((await syncLogs())[0]).toMatchObject({ mode: 'full', deleted: 1, cursorBefore: '2024-06-01T00:09:00.000Z' });
});
