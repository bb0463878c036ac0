import { runAction } from '@weft/sdk/testing';
import { afterEach, expect, test } from 'vitest';
import connector from './index.js';
import { ALLOW_ENV, allowListFromEnv } from './outbound-policy.js';
import { TEST_DATABASE_URL } from './test-support/database.js';

const previousAllow = process.env[ALLOW_ENV];
afterEach(() => {
  if (previousAllow === undefined) delete process.env[ALLOW_ENV];
  else process.env[ALLOW_ENV] = previousAllow;
});

const select = (connectionString: string) =>
  runAction(connector, 'query', { input: { sql: 'SELECT 1 AS one' }, credentials: { connectionString } });

test('reads the allow-list from WEFT_OUTBOUND_ALLOW', () => {
  expect(allowListFromEnv({ [ALLOW_ENV]: ' 10.0.0.0/8, db.internal ,,' })).toEqual(['10.0.0.0/8', 'db.internal']);
  expect(allowListFromEnv({})).toEqual([]);
});

test('refuses loopback without an allow-list, by address or by name', async () => {
  delete process.env[ALLOW_ENV];
  await expect(select(TEST_DATABASE_URL)).rejects.toMatchObject({
    code: 'connector_address_blocked',
    message: expect.stringContaining('WEFT_OUTBOUND_ALLOW'),
  });
  await expect(select('postgres://postgres@localhost:5432/test')).rejects.toMatchObject({
    code: 'connector_address_blocked',
  });
  await expect(select('postgres://postgres@[::ffff:127.0.0.1]:5432/test')).rejects.toMatchObject({
    code: 'connector_address_blocked',
  });
});

test('refuses private and metadata addresses before any packet leaves', async () => {
  process.env[ALLOW_ENV] = '127.0.0.1';
  for (const host of ['10.1.2.3', '169.254.169.254', '192.168.0.10']) {
    await expect(select(`postgres://postgres@${host}:5432/test`)).rejects.toMatchObject({
      code: 'connector_address_blocked',
    });
  }
});

test('refuses Unix sockets unless their directory is listed', async () => {
  process.env[ALLOW_ENV] = '127.0.0.1';
  await expect(select('postgres://postgres@%2Fvar%2Frun%2Fpostgresql/test')).rejects.toMatchObject({
    code: 'connector_address_blocked',
    message: expect.stringContaining('/var/run/postgresql'),
  });
});

test('connects to an allowed address, CIDR or host name', async () => {
  for (const allow of ['127.0.0.1', '127.0.0.0/8']) {
    process.env[ALLOW_ENV] = allow;
    expect((await select(TEST_DATABASE_URL)).output.rows).toEqual([{ one: 1 }]);
  }
  process.env[ALLOW_ENV] = 'localhost';
  expect((await select('postgres://postgres@localhost:5432/test')).output.rows).toEqual([{ one: 1 }]);
});

test('a wrong password never shows in the error', async () => {
  process.env[ALLOW_ENV] = '127.0.0.1';
  // Trust auth accepts any password; an unknown database still fails and quotes nothing secret.
  const error = await select('postgres://postgres:hunter2-secret@127.0.0.1:5432/no_such_db_weft').catch(
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ kind: 'validation', message: expect.stringContaining('3D000') });
  expect(JSON.stringify(error)).not.toContain('hunter2-secret');
});

test('a connection without a connection string is an auth error', async () => {
  await expect(runAction(connector, 'query', { input: { sql: 'SELECT 1' }, credentials: {} })).rejects.toMatchObject({
    kind: 'auth',
    message: expect.stringContaining('connectionString'),
  });
});
