import { runPoll } from '@weft/sdk/testing';
import { afterEach, beforeEach, expect, test } from 'vitest';
import connector from '../index.js';
import { connectionStringFor, createTestSchema, type TestSchema } from '../test-support/database.js';

let db: TestSchema;
let options: { credentials: { connectionString: string }; config: Record<string, string | number | string[]> };

beforeEach(async () => {
  db = await createTestSchema();
  await db.sql(`CREATE TABLE accounts (id integer PRIMARY KEY, name text, updated_at timestamptz NOT NULL)`);
  options = {
    credentials: { connectionString: connectionStringFor(db.name) },
    config: { table: 'accounts', column: 'updated_at', key: ['id'] },
  };
});
afterEach(async () => {
  await db.drop();
});

const put = (id: number, name: string, at: string) =>
  db.sql(`INSERT INTO accounts VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = $2, updated_at = $3`, [
    id,
    name,
    at,
  ]);
const names = (events: unknown[]) => events.map((e) => (e as { row: { name: string } }).row.name);

test('the first poll only remembers where the table is; later polls fire for new and updated rows once', async () => {
  await put(1, 'existing', '2024-01-01T00:00:00.123456Z');
  const first = await runPoll(connector, 'newOrUpdatedRows', options);
  expect(first.output).toEqual([]);
  expect(first.cursor).toMatch(/^2024-01-01 00:00:00\.123456/);

  await put(2, 'new', '2024-01-02T00:00:00Z');
  await put(1, 'renamed', '2024-01-03T00:00:00Z');
  const second = await runPoll(connector, 'newOrUpdatedRows', { ...options, state: first.state });
  expect(second.output).toEqual([
    {
      table: 'accounts',
      key: { id: 2 },
      cursor: expect.stringMatching(/^2024-01-02 00:00:00/),
      row: { id: 2, name: 'new', updated_at: '2024-01-02T00:00:00.000Z' },
    },
    expect.objectContaining({ key: { id: 1 }, row: expect.objectContaining({ name: 'renamed' }) }),
  ]);

  // The last row is asked for again (>= cursor) but does not fire again.
  const third = await runPoll(connector, 'newOrUpdatedRows', { ...options, state: second.state });
  expect(third.output).toEqual([]);

  // A row committed late with the same timestamp as the cursor is still seen.
  await put(3, 'late', '2024-01-03T00:00:00Z');
  const fourth = await runPoll(connector, 'newOrUpdatedRows', { ...options, state: third.state });
  expect(names(fourth.output)).toEqual(['late']);
});

test('startFrom "beginning" fires for existing rows, in batches', async () => {
  for (let i = 1; i <= 5; i++) await put(i, `row ${i}`, `2024-01-0${i}T00:00:00Z`);
  const config = { ...options.config, startFrom: 'beginning', batchSize: 2 };
  const first = await runPoll(connector, 'newOrUpdatedRows', { ...options, config });
  expect(names(first.output)).toEqual(['row 1', 'row 2']);
  const second = await runPoll(connector, 'newOrUpdatedRows', { ...options, config, state: first.state });
  expect(names(second.output)).toEqual(['row 3']); // row 2 is asked for again and dropped
  const third = await runPoll(connector, 'newOrUpdatedRows', { ...options, config, state: second.state });
  expect(names(third.output)).toEqual(['row 4']);
});

test('many rows with one timestamp do not stall the trigger', async () => {
  for (let i = 1; i <= 5; i++) await put(i, `same ${i}`, '2024-02-01T00:00:00Z');
  await put(6, 'after', '2024-02-02T00:00:00Z');
  const config = { ...options.config, startFrom: 'beginning', batchSize: 2 };
  const first = await runPoll(connector, 'newOrUpdatedRows', { ...options, config });
  expect(names(first.output)).toEqual(['same 1', 'same 2']);
  const second = await runPoll(connector, 'newOrUpdatedRows', { ...options, config, state: first.state });
  expect(names(second.output)).toEqual(['same 3', 'same 4', 'same 5', 'after']);
});

test('an empty table starts from the beginning once rows arrive', async () => {
  const first = await runPoll(connector, 'newOrUpdatedRows', options);
  expect(first.cursor).toBeNull();
  await put(1, 'first ever', '2024-03-01T00:00:00Z');
  const second = await runPoll(connector, 'newOrUpdatedRows', { ...options, state: first.state });
  expect(names(second.output)).toEqual(['first ever']);
});

test('an id column works as the cursor for insert-only tables', async () => {
  await db.sql(`CREATE TABLE events (seq bigserial PRIMARY KEY, kind text)`);
  const config = { table: 'events', column: 'seq', key: ['seq'], schema: db.name };
  const first = await runPoll(connector, 'newOrUpdatedRows', { ...options, config });
  await db.sql(`INSERT INTO events (kind) VALUES ('a'), ('b')`);
  const second = await runPoll(connector, 'newOrUpdatedRows', { ...options, config, state: first.state });
  expect(second.output.map((e) => (e as { key: unknown }).key)).toEqual([{ seq: '1' }, { seq: '2' }]);
  expect(second.cursor).toBe('2');
});

test('a wrong key column is explained', async () => {
  await put(1, 'x', '2024-01-01T00:00:00Z');
  const config = { ...options.config, key: ['uuid'], startFrom: 'beginning' };
  await expect(runPoll(connector, 'newOrUpdatedRows', { ...options, config })).rejects.toMatchObject({
    kind: 'validation',
    message: expect.stringContaining('column "uuid" does not exist'),
  });
});
