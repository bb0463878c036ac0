// Copying an installation from a SQLite file into a PostgreSQL schema of its own: every copied table arrives
// row for row, copying again changes nothing, a target holding data is refused, and history comes only when
// asked for.
import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { copyStore } from './copy.js';
import type { CopyStoreOptions } from './copy.js';
import { plannedTables } from './copy-tables.js';
import type { TableName } from './copy-tables.js';
import { openStoreContext } from './open-store.js';
import type { Store } from './store.js';
import { openTestStore, publishedFlow } from './test-support.js';
import type { FakeClock, TestStore } from './test-support.js';

const SEALED = Uint8Array.from([1, 0, 255, 128, 7, 42]);
const big = { rows: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `row ${i} é` })) };

/** An installation with a little of everything: flows, a cursor, a credential, accounts, and history. */
async function seed(store: Store, clock: FakeClock): Promise<{ flowId: string; credentialId: string }> {
  const flowId = await publishedFlow(store, 'Orders');
  await store.flows.create({ definition: { ...(await store.flows.get(flowId))!.definition, name: 'Draft only' } });
  await store.triggerState.setCursor({ flowId, triggerKey: 'poll', cursor: { since: '2026-01-01', ids: [1, 2] } });
  const credential = await store.credentials.create({
    connector: 'stripe',
    kind: 'apiKey',
    name: 'Live',
    encrypted: SEALED,
  });
  const owner = await store.accounts.createUser({ email: 'owner@example.test', passwordHash: 'h1', role: 'owner' });
  await store.accounts.createApiToken({ userId: owner.id, name: 'ci', tokenHash: 'th1', role: 'editor' });
  await store.accounts.createSession({ idHash: 'sh1', userId: owner.id, expiresAt: clock.now() + 60_000 });

  const received = await store.webhookEvents.receive({
    flowId,
    providerEventId: 'evt_1',
    headers: { 'content-type': 'application/json' },
    body: '{"order": 1, "note": "ünïcode"}',
    input: { order: 1 },
  });
  await store.journal.saveStep({
    runId: received.runId,
    key: 'hook',
    nodeId: 'hook',
    status: 'succeeded',
    attempt: 1,
    output: big,
    startedAt: clock.now(),
    endedAt: clock.now(),
  });
  await store.journal.appendLog({
    runId: received.runId,
    stepKey: 'hook',
    level: 'info',
    message: 'got it',
    at: clock.now(),
  });
  await store.journal.appendLog({ runId: received.runId, level: 'warn', message: 'slow', at: clock.now() + 1 });
  await store.runs.finish({ runId: received.runId, status: 'failed', error: { code: 'x', message: 'boom' } });
  const child = await store.runs.create({
    flowId,
    triggerKind: 'subflow',
    parentRunId: received.runId,
    parentStep: 'call#1',
  });
  expect(child.id).toBeDefined();
  // A retry whose id sorts before its original's (an earlier clock): the copy meets it first.
  clock.advance(-60_000);
  const retry = await store.runs.retry(received.runId);
  expect(retry.id < received.runId).toBe(true);
  clock.advance(120_000);
  return { flowId, credentialId: credential.id };
}

const KEYS: Record<string, string> = Object.fromEntries(
  plannedTables().flatMap(({ table, plan }) => (plan.group === 'never' ? [] : [[table, plan.key.join(', ')]])),
);

/** Every row of a table as the database holds it, in key order. */
async function rowsOf(where: CopyStoreOptions['from'], table: TableName): Promise<Record<string, unknown>[]> {
  const ctx = await openStoreContext(where);
  try {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}
      order by ${sql.raw(KEYS[table] ?? '1')}`.execute(ctx.db);
    return rows;
  } finally {
    await ctx.db.destroy();
  }
}

async function source(options = {}): Promise<TestStore & { from: CopyStoreOptions['from'] }> {
  const opened = await openTestStore('sqlite', { maxPayloadBytes: 2048, ...options });
  return { ...opened, from: { url: opened.location } };
}

async function target(): Promise<TestStore & { to: CopyStoreOptions['to'] }> {
  const opened = await openTestStore('postgres');
  return { ...opened, to: { url: opened.location, ...(opened.schema ? { schema: opened.schema } : {}) } };
}

const SETUP: TableName[] = ['flows', 'flow_versions', 'trigger_state', 'credentials', 'users', 'api_tokens'];
const HISTORY: TableName[] = ['runs', 'steps', 'logs', 'payload_blobs', 'webhook_events'];

describe('copying SQLite into PostgreSQL', () => {
  test('copies every table row for row with --history, and copying again finds everything present', async () => {
    const src = await source();
    await seed(src.store, src.clock);
    const dst = await target();

    // Batches of one: pages, key ranges and the retry that comes before its original are all exercised.
    const first = await copyStore({ from: src.from, to: dst.to, history: true, batchSize: 1 });
    for (const table of [...SETUP, ...HISTORY]) {
      const expected = await rowsOf(src.from, table);
      expect(expected.length, table).toBeGreaterThan(0);
      expect(await rowsOf(dst.to, table), table).toEqual(expected);
      expect(first.tables.find((t) => t.table === table)).toEqual({
        table,
        copied: expected.length,
        updated: 0,
        present: 0,
      });
    }
    expect(await rowsOf(dst.to, 'sessions')).toEqual([]);
    expect(first.notCopied.map((t) => t.table)).toEqual([
      'sessions',
      'kysely_migration',
      'oauth_states',
      'rate_limit_slots',
      'password_resets',
    ]);

    const second = await copyStore({ from: src.from, to: dst.to, history: true, intoNonEmpty: true, batchSize: 3 });
    for (const count of second.tables) {
      const rows = await rowsOf(src.from, count.table);
      expect(count).toEqual({ table: count.table, copied: 0, updated: 0, present: rows.length });
      expect(await rowsOf(dst.to, count.table)).toEqual(rows);
    }
  });

  test('without --history copies the installation but no run, and says so', async () => {
    const src = await source();
    await seed(src.store, src.clock);
    const dst = await target();
    const report = await copyStore({ from: src.from, to: dst.to });
    expect(report.tables.map((t) => t.table)).toEqual([...SETUP, 'alert_rules', 'user_invites']);
    expect(report.notCopied.map((t) => t.table)).toEqual([
      'sessions',
      ...HISTORY,
      'kysely_migration',
      'oauth_states',
      'rate_limit_slots',
      'alert_history',
      'sync_logs',
      'password_resets',
      'audit_log',
    ]);
    for (const table of HISTORY) expect(await rowsOf(dst.to, table), table).toEqual([]);
    // The target works as a store: its flows, cursor, credential blob and token are there.
    const flows = await dst.store.flows.list();
    expect(flows.map((f) => f.name).sort()).toEqual(['Draft only', 'Orders']);
    const cursor = await dst.store.triggerState.get({
      flowId: flows.find((f) => f.name === 'Orders')!.id,
      triggerKey: 'poll',
    });
    expect(cursor?.cursor).toEqual({ since: '2026-01-01', ids: [1, 2] });
    const [credential] = await dst.store.credentials.list();
    expect(credential?.encrypted).toEqual(SEALED);
    expect((await dst.store.accounts.useApiToken('th1'))?.user.email).toBe('owner@example.test');
  });

  test('refuses a target that holds data, naming it, and writes nothing', async () => {
    const src = await source();
    await seed(src.store, src.clock);
    const dst = await target();
    await publishedFlow(dst.store, 'Already here');
    const refused = copyStore({ from: src.from, to: dst.to, history: true });
    await expect(refused).rejects.toMatchObject({
      code: 'store_copy_target_not_empty',
      fault: 'user',
      details: { tables: { flows: 1, flow_versions: 1 } },
      message: expect.stringMatching(/already holds 1 flows row, 1 flow_versions row\. Nothing was copied/),
    });
    expect(await dst.store.credentials.list()).toEqual([]);
    expect((await dst.store.flows.list()).map((f) => f.name)).toEqual(['Already here']);
  });

  test('into a non-empty target, rows differing from the source take its values and others stay', async () => {
    const src = await source();
    const { flowId } = await seed(src.store, src.clock);
    const dst = await target();
    await copyStore({ from: src.from, to: dst.to });
    await dst.store.flows.updateDraft(flowId, { name: 'Renamed on the target' });
    const own = await publishedFlow(dst.store, 'Only on the target');

    const again = await copyStore({ from: src.from, to: dst.to, intoNonEmpty: true });
    expect(again.tables.find((t) => t.table === 'flows')).toEqual({
      table: 'flows',
      copied: 0,
      updated: 1,
      present: 1,
    });
    expect((await dst.store.flows.get(flowId))?.name).toBe('Orders');
    expect((await dst.store.flows.get(own))?.name).toBe('Only on the target');
  });

  test('a row clashing with another on the target stops the copy with store_copy_failed naming the table', async () => {
    const src = await source();
    await seed(src.store, src.clock);
    const dst = await target();
    await dst.store.accounts.createUser({ email: 'owner@example.test', passwordHash: 'other', role: 'owner' });
    await expect(copyStore({ from: src.from, to: dst.to, intoNonEmpty: true })).rejects.toMatchObject({
      code: 'store_copy_failed',
      details: { table: 'users' },
      message: expect.stringMatching(/^Copying users failed: .*unique/),
    });
    // The tables before it were copied whole.
    expect(await rowsOf(dst.to, 'flows')).toEqual(await rowsOf(src.from, 'flows'));
  });

  test('logs written on the target after the copy get ids of their own', async () => {
    const src = await source();
    await seed(src.store, src.clock);
    const dst = await target();
    await copyStore({ from: src.from, to: dst.to, history: true });
    const [run] = (await dst.store.runs.list()).items;
    await dst.store.journal.appendLog({ runId: run!.id, level: 'info', message: 'after the move', at: 1 });
    const ids = (await rowsOf(dst.to, 'logs')).map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(3);
  });

  test('rows larger than the byte budget are read one at a time and arrive whole', async () => {
    const src = await source();
    await seed(src.store, src.clock);
    const dst = await target();
    await copyStore({ from: src.from, to: dst.to, history: true, batchBytes: 64 });
    for (const table of ['steps', 'payload_blobs', 'webhook_events'] as const) {
      expect(await rowsOf(dst.to, table), table).toEqual(await rowsOf(src.from, table));
    }
  });

  test('copies the other way too, from a PostgreSQL schema into a SQLite file', async () => {
    const pgSource = await target();
    await seed(pgSource.store, pgSource.clock);
    const sqliteTarget = await source();
    const report = await copyStore({ from: pgSource.to, to: sqliteTarget.from, history: true, batchSize: 2 });
    expect(report.tables.every((t) => t.updated === 0 && t.present === 0)).toBe(true);
    for (const table of [...SETUP, ...HISTORY]) {
      expect(await rowsOf(sqliteTarget.from, table), table).toEqual(await rowsOf(pgSource.to, table));
    }
  });

  test('a source migrated by a newer Weft is refused before the target is touched', async () => {
    const src = await source();
    await src.store.close();
    const raw = new BetterSqlite3(src.location);
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999_future', 'x');
    raw.close();
    const dst = await target();
    await expect(copyStore({ from: src.from, to: dst.to })).rejects.toMatchObject({ code: 'store_too_new' });
  });

  test('refuses to copy a database onto itself', async () => {
    const src = await source();
    await expect(copyStore({ from: src.from, to: { url: `sqlite:${src.location}` } })).rejects.toMatchObject({
      code: 'store_config_invalid',
    });
  });
});
