// Lease renewals rewrite `lease_until` every few seconds for every running run. No index of `runs` may involve
// that column, so that PostgreSQL makes these updates HOT (no new index entries); the queue and the running runs
// are found through partial indexes that hold only live runs.
import { expect, test } from 'vitest';
import { openTestStore, POSTGRES_URL, publishedFlow } from './test-support.js';

test('a lease renewal on PostgreSQL is a heap-only (HOT) update', async () => {
  const { store, schema } = await openTestStore('postgres');
  const flowId = await publishedFlow(store);
  const run = await store.runs.create({ flowId, triggerKind: 'webhook', claim: { workerId: 'w', leaseMs: 1000 } });

  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const { rows: indexes } = await client.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where schemaname = $1 and tablename = 'runs'`,
      [schema],
    );
    expect(indexes.filter((i) => i.indexdef.includes('lease_until'))).toEqual([]);
    expect(indexes.map((i) => i.indexdef).join('\n')).toMatch(/runs_queued_idx .*WHERE \(status = 'queued'/);

    await client.query('begin');
    // What renewLeases does, inside a transaction whose own counters we can read.
    await client.query(`update runs set lease_until = lease_until + 1000 where id = $1 and status = 'running'`, [
      run.id,
    ]);
    const { rows } = await client.query<{ hot: string; all: string }>(
      `select pg_stat_get_xact_tuples_hot_updated('runs'::regclass) as hot,
              pg_stat_get_xact_tuples_updated('runs'::regclass) as all`,
    );
    await client.query('rollback');
    expect(rows[0]).toEqual({ hot: '1', all: '1' });
  } finally {
    await client.end();
  }
});

test('on SQLite the queue and running runs have partial indexes and none involves the lease', async () => {
  const statements: string[] = [];
  const { store } = await openTestStore('sqlite', { onStatement: (sql) => statements.push(sql) });
  await publishedFlow(store);
  const created = statements.filter((s) => /create index/i.test(s)).join('\n');
  expect(created).toMatch(/runs_queued_idx.*where "status" = 'queued'/i);
  expect(created).toMatch(/runs_running_idx.*where "status" = 'running'/i);
});
