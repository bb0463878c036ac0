import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WeftError } from '@weft/core';
import { openStore } from './open-store.js';
import { parseStoreUrl } from './store-url.js';
import { POSTGRES_URL, openTestStore, sampleFlow } from './test-support.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-open-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('store URLs', () => {
  test('name SQLite files in several spellings, PostgreSQL by scheme', () => {
    expect(parseStoreUrl('data/weft.db')).toEqual({ dialect: 'sqlite', path: 'data/weft.db' });
    expect(parseStoreUrl('sqlite:data/weft.db')).toEqual({ dialect: 'sqlite', path: 'data/weft.db' });
    expect(parseStoreUrl('sqlite:///var/weft.db')).toEqual({ dialect: 'sqlite', path: '/var/weft.db' });
    expect(parseStoreUrl(':memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
    expect(parseStoreUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
    expect(parseStoreUrl(pathToFileURL('/var/weft.db').href)).toEqual({ dialect: 'sqlite', path: '/var/weft.db' });
    expect(parseStoreUrl('postgresql://u@h/db')).toEqual({ dialect: 'postgres', url: 'postgresql://u@h/db' });
  });

  test('refuse other databases without echoing passwords', async () => {
    const error = await openStore({ url: 'mysql://root:hunter2@db/weft' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'store_config_invalid', fault: 'user' });
    expect((error as Error).message).not.toContain('hunter2');
    await expect(openStore({ url: ' ' })).rejects.toMatchObject({ code: 'store_config_invalid' });
    await expect(openStore({ url: ':memory:', maxPayloadBytes: 0 })).rejects.toMatchObject({
      code: 'store_config_invalid',
    });
  });
});

describe('opening SQLite', () => {
  test('an in-memory store works', async () => {
    const store = await openStore({ url: ':memory:' });
    await store.flows.create({ id: 'f', definition: sampleFlow() });
    expect((await store.health()).ok).toBe(true);
    await store.close();
  });

  test('a new file is created (with its directory) in WAL mode with foreign keys on', async () => {
    const file = join(dir, 'nested', 'deeper', 'weft.db');
    const store = await openStore({ url: `sqlite:${file}` });
    await store.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    // Foreign keys are enforced: steps of a missing run are refused.
    const again = await openStore({ url: file });
    const orphan = again.journal.saveStep({
      runId: 'nope',
      key: 'a',
      nodeId: 'a',
      status: 'running',
      attempt: 1,
      startedAt: 1,
    });
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/i);
    await again.close();
  });

  test('a directory or a file that is not a database gives store_unavailable with a clear message', async () => {
    const asDirectory = await openStore({ url: dir }).catch((e: unknown) => e);
    expect(asDirectory).toBeInstanceOf(WeftError);
    expect(asDirectory).toMatchObject({ code: 'store_unavailable' });
    expect((asDirectory as Error).message).toContain(`Cannot open the SQLite database at ${dir}`);
    const garbage = join(dir, 'garbage.db');
    await writeFile(garbage, 'not a database at all '.repeat(200));
    const notDb = await openStore({ url: garbage }).catch((e: unknown) => e);
    expect(notDb).toMatchObject({ code: 'store_unavailable' });
    expect((notDb as Error).message).toMatch(/not a database/);
  });

  test('a database migrated by a newer Weft is refused with store_too_new and left untouched', async () => {
    const { store, location } = await openTestStore('sqlite');
    await store.flows.create({ id: 'keep', definition: sampleFlow() });
    await store.close();
    const raw = new BetterSqlite3(location);
    raw
      .prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
      .run('0099_future', new Date(0).toISOString());
    raw.close();
    const error = await openStore({ url: location }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeftError);
    expect(error).toMatchObject({ code: 'store_too_new', details: { unknownMigrations: ['0099_future'] } });
    const check = new BetterSqlite3(location, { readonly: true });
    expect(check.prepare('select id from flows').all()).toEqual([{ id: 'keep' }]);
    expect(check.prepare('select name from kysely_migration order by name').pluck().all()).toEqual([
      '0001_foundation',
      '0002_subflow_parent_step',
      '0003_resumes_and_payload_blobs',
      '0004_cluster_state',
      '0005_hot_run_updates',
      '0006_operations',
      '0007_teams',
      '0099_future',
    ]);
    check.close();
  });
});

describe('opening PostgreSQL', () => {
  test('an unreachable server gives store_unavailable', async () => {
    const error = await openStore({ url: 'postgres://postgres:secret@127.0.0.1:1/test' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'store_unavailable', retryable: true });
    expect((error as Error).message).not.toContain('secret');
  });

  test('creates its schema, migrates it, and refuses one migrated by a newer Weft', async () => {
    const { store, schema } = await openTestStore('postgres');
    const flow = await store.flows.create({ definition: sampleFlow() });
    await store.close();
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        'select table_name from information_schema.tables where table_schema = $1 order by table_name',
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['flows', 'flow_versions', 'runs', 'steps', 'logs', 'credentials', 'webhook_events']),
      );
      await client.query(`insert into ${schema}.kysely_migration (name, timestamp) values ('0099_future', 'x')`);
      await expect(openStore({ url: POSTGRES_URL, schema })).rejects.toMatchObject({ code: 'store_too_new' });
      const flows = await client.query<{ id: string }>(`select id from ${schema}.flows`);
      expect(flows.rows).toEqual([{ id: flow.id }]);
    } finally {
      await client.end();
    }
  });

  test('refuses schema names that would need quoting', async () => {
    await expect(openStore({ url: POSTGRES_URL, schema: 'Robert"; drop' })).rejects.toMatchObject({
      code: 'store_config_invalid',
    });
  });
});
