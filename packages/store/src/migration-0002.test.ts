// Upgrading a database of the first schema: its steps survive 0002 (SQLite rebuilds the table) and gain the
// `resumed` flag and the `cancelled` status.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { StoreContext, StoreDialect } from './context.js';
import { MIGRATIONS, migrate } from './migrator.js';
import { openStore } from './open-store.js';
import { connectPostgres } from './postgres-connection.js';
import { connectSqlite } from './sqlite-connection.js';
import { DIALECTS, POSTGRES_URL, dropSchema, sampleFlow } from './test-support.js';

async function firstSchemaDatabase(dialect: StoreDialect): Promise<{ url: string; schema?: string }> {
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'weft-0002-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const url = join(dir, 'weft.db');
    return { url };
  }
  const schema = `weft_test_${randomBytes(6).toString('hex')}`;
  onTestFinished(() => dropSchema(schema));
  return { url: POSTGRES_URL, schema };
}

describe.each(DIALECTS)('migration 0002 on %s', (dialect) => {
  test('keeps existing steps and accepts resumed and cancelled steps afterwards', async () => {
    const { url, schema } = await firstSchemaDatabase(dialect);
    const db = dialect === 'sqlite' ? await connectSqlite(url) : await connectPostgres(url, { schema });
    const ctx: StoreContext = {
      db,
      dialect,
      inTransaction: false,
      now: () => 1,
      maxPayloadBytes: 1024,
      maxStoredPayloadBytes: 4096,
    };
    await migrate(ctx, MIGRATIONS.slice(0, 1));
    const definition = JSON.stringify(sampleFlow());
    await sql`insert into flows (id, name, definition, active, created_at, updated_at)
      values ('f', 'f', ${definition}, 0, 1, 1)`.execute(db);
    await sql`insert into runs (id, flow_id, trigger_kind, status, created_at) values ('r', 'f', 'manual', 'running', 1)`.execute(
      db,
    );
    await sql`insert into steps (run_id, key, node_id, status, attempt, output, port, started_at, ended_at)
      values ('r', 'map', 'map', 'succeeded', 1, '{"a":1}', 'success', 1, 2)`.execute(db);
    await db.destroy();

    const store = await openStore({ url, ...(schema === undefined ? {} : { schema }) });
    try {
      expect(await store.journal.loadSteps('r')).toEqual([
        {
          runId: 'r',
          key: 'map',
          nodeId: 'map',
          status: 'succeeded',
          attempt: 1,
          output: { a: 1 },
          port: 'success',
          startedAt: 1,
          endedAt: 2,
        },
      ]);
      await store.journal.saveStep({
        runId: 'r',
        key: 'x',
        nodeId: 'x',
        status: 'cancelled',
        attempt: 2,
        resumed: true,
        startedAt: 3,
      });
      expect((await store.journal.loadSteps('r')).at(-1)).toMatchObject({ status: 'cancelled', resumed: true });
      // Foreign keys still hold after the rebuild: deleting the flow deletes its runs' steps.
      await store.flows.delete('f');
      expect(await store.journal.loadSteps('r')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
