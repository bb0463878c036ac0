import { runAction } from '@weft/sdk/testing';
import { afterEach, beforeEach, expect, test } from 'vitest';
import connector from '../index.js';
import { connectionStringFor, createTestSchema, type TestSchema } from '../test-support/database.js';

let db: TestSchema;
let credentials: { connectionString: string };

beforeEach(async () => {
  db = await createTestSchema();
  credentials = { connectionString: connectionStringFor(db.name) };
  await db.sql(`CREATE TABLE contacts (
    id integer PRIMARY KEY,
    email text NOT NULL UNIQUE,
    "Display ""Name""" text,
    tags text[],
    meta jsonb,
    source text NOT NULL DEFAULT 'weft',
    updated_at timestamptz NOT NULL DEFAULT now()
  )`);
});
afterEach(async () => {
  await db.drop();
});

test('query sends values as parameters, never as SQL', async () => {
  await db.sql(`INSERT INTO contacts (id, email) VALUES (1, 'ann@example.com'), (2, 'bob@example.com')`);
  const hostile = "x' OR '1'='1";
  const { output } = await runAction(connector, 'query', {
    input: { sql: 'SELECT id, email FROM contacts WHERE email = $1 OR id = $2 ORDER BY id', params: [hostile, 2] },
    credentials,
  });
  expect(output).toMatchObject({ rows: [{ id: 2, email: 'bob@example.com' }], rowCount: 1, command: 'SELECT' });
  expect(output.fields.map((f) => f.name)).toEqual(['id', 'email']);
});

test('query returns timestamps as ISO text and refuses a second statement', async () => {
  const { output } = await runAction(connector, 'query', {
    input: {
      sql: "SELECT timestamptz '2024-05-01 10:00:00+00' AS at, 12345678901234::bigint AS big, '\\x0102'::bytea AS raw",
    },
    credentials,
  });
  expect(output.rows).toEqual([{ at: '2024-05-01T10:00:00.000Z', big: '12345678901234', raw: 'AQI=' }]);
  await expect(
    runAction(connector, 'query', { input: { sql: 'SELECT $1::int; DROP TABLE contacts', params: [1] }, credentials }),
  ).rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('multiple commands') });
  expect(await db.sql('SELECT count(*)::int AS n FROM contacts')).toEqual([{ n: 0 }]);
});

test('SQL errors are validation errors with the SQLSTATE and the server message', async () => {
  await expect(
    runAction(connector, 'query', { input: { sql: 'SELECT * FROM nowhere' }, credentials }),
  ).rejects.toMatchObject({
    kind: 'validation',
    retryable: false,
    message: expect.stringContaining('42P01'),
    details: expect.objectContaining({ sqlState: '42P01' }),
  });
});

test('query refuses more rows than maxRows', async () => {
  await expect(
    runAction(connector, 'query', { input: { sql: 'SELECT generate_series(1, 5) AS n', maxRows: 3 }, credentials }),
  ).rejects.toMatchObject({ message: expect.stringContaining('more than maxRows (3)') });
});

test('insert writes many rows in one statement, quoting names and defaulting missing fields', async () => {
  const { output } = await runAction(connector, 'insert', {
    input: {
      table: 'contacts',
      rows: [
        { id: 1, email: 'ann@example.com', 'Display "Name"': 'Ann', tags: ['vip', 'eu'], meta: { plan: 'pro' } },
        { id: 2, email: 'bob@example.com', source: 'import' },
      ],
      returning: ['id', 'source'],
    },
    credentials,
  });
  expect(output).toEqual({
    rowCount: 2,
    rows: [
      { id: 1, source: 'weft' },
      { id: 2, source: 'import' },
    ],
  });
  expect(await db.sql('SELECT id, "Display ""Name""" AS name, tags, meta FROM contacts ORDER BY id')).toEqual([
    { id: 1, name: 'Ann', tags: ['vip', 'eu'], meta: { plan: 'pro' } },
    { id: 2, name: null, tags: null, meta: null },
  ]);
});

test('insert is all or nothing, and can skip conflicts', async () => {
  await db.sql(`INSERT INTO contacts (id, email) VALUES (1, 'ann@example.com')`);
  const rows = [
    { id: 2, email: 'new@example.com' },
    { id: 1, email: 'again@example.com' },
  ];
  await expect(
    runAction(connector, 'insert', { input: { table: 'contacts', rows }, credentials }),
  ).rejects.toMatchObject({
    kind: 'validation',
    message: expect.stringContaining('23505'),
  });
  expect(await db.sql('SELECT count(*)::int AS n FROM contacts')).toEqual([{ n: 1 }]);
  const { output } = await runAction(connector, 'insert', {
    input: { schema: db.name, table: 'contacts', rows, onConflict: 'skip' },
    credentials,
  });
  expect(output.rowCount).toBe(1);
});

test('upsert inserts new keys, updates existing ones and counts both', async () => {
  await db.sql(`INSERT INTO contacts (id, email, source) VALUES (1, 'ann@old.example', 'crm')`);
  const { output } = await runAction(connector, 'upsert', {
    input: {
      table: 'contacts',
      key: ['id'],
      rows: [
        { id: 1, email: 'ann@new.example' },
        { id: 2, email: 'bob@example.com' },
        { id: 2, email: 'bob@latest.example' },
      ],
      returning: ['id', 'email', 'source'],
    },
    credentials,
  });
  expect(output).toEqual({
    rowCount: 2,
    inserted: 1,
    updated: 1,
    rows: [
      { id: 1, email: 'ann@new.example', source: 'crm' },
      { id: 2, email: 'bob@latest.example', source: 'weft' },
    ],
  });
});

test('upsert can update only some columns', async () => {
  await db.sql(`INSERT INTO contacts (id, email, source) VALUES (1, 'ann@old.example', 'crm')`);
  await runAction(connector, 'upsert', {
    input: {
      table: 'contacts',
      key: ['id'],
      update: ['source'],
      rows: [{ id: 1, email: 'ignored@example.com', source: 'sync' }],
    },
    credentials,
  });
  expect(await db.sql('SELECT email, source FROM contacts')).toEqual([{ email: 'ann@old.example', source: 'sync' }]);
});

test('names are checked before anything is sent', async () => {
  await expect(
    runAction(connector, 'insert', { input: { table: 'x'.repeat(63) + 'é', rows: [{ a: 1 }] }, credentials }),
  ).rejects.toMatchObject({ code: 'connector_invalid_input' });
  await expect(
    runAction(connector, 'upsert', {
      input: { table: 'contacts', key: ['id'], rows: [{ email: 'no-id@example.com' }] },
      credentials,
    }),
  ).rejects.toMatchObject({ message: expect.stringContaining('no value for the key column(s) id') });
});
