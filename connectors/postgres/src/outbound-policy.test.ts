import type { ConnectorRegistryOptions } from '@weft/sdk/runtime';
import { runAction } from '@weft/sdk/testing';
import { afterEach, expect, test } from 'vitest';
import connector from './index.js';
import { TEST_DATABASE_URL } from './test-support/database.js';

// The runtime's policy as the server configures it: the SSRF guard with the operator's allow-list (not the
// testing kit's loopback-only default).
const policy = (allow: string[]): ConnectorRegistryOptions['outbound'] => ({ allowOnly: false, allow });
const select = (connectionString: string, allow: string[]) =>
  runAction(connector, 'query', {
    input: { sql: 'SELECT 1 AS one' },
    credentials: { connectionString },
    outbound: policy(allow),
  });

const previousAllow = process.env.WEFT_OUTBOUND_ALLOW;
afterEach(() => {
  if (previousAllow === undefined) delete process.env.WEFT_OUTBOUND_ALLOW;
  else process.env.WEFT_OUTBOUND_ALLOW = previousAllow;
});

test("the runtime's outbound option decides, not the environment", async () => {
  process.env.WEFT_OUTBOUND_ALLOW = '127.0.0.0/8,localhost';
  await expect(select(TEST_DATABASE_URL, [])).rejects.toMatchObject({ code: 'connector_address_blocked' });
  delete process.env.WEFT_OUTBOUND_ALLOW;
  expect((await select(TEST_DATABASE_URL, ['127.0.0.1'])).output.rows).toEqual([{ one: 1 }]);
});

test('refuses loopback without an allow-list, by address or by name', async () => {
  await expect(select(TEST_DATABASE_URL, [])).rejects.toMatchObject({
    code: 'connector_address_blocked',
    message: expect.stringContaining('WEFT_OUTBOUND_ALLOW'),
  });
  await expect(select('postgres://postgres@localhost:5432/test', [])).rejects.toMatchObject({
    code: 'connector_address_blocked',
  });
  await expect(select('postgres://postgres@[::ffff:127.0.0.1]:5432/test', [])).rejects.toMatchObject({
    code: 'connector_address_blocked',
  });
});

test('refuses private and metadata addresses before any packet leaves', async () => {
  for (const host of ['10.1.2.3', '169.254.169.254', '192.168.0.10']) {
    await expect(select(`postgres://postgres@${host}:5432/test`, ['127.0.0.1'])).rejects.toMatchObject({
      code: 'connector_address_blocked',
    });
  }
});

test('refuses Unix sockets unless their directory is listed', async () => {
  await expect(select('postgres://postgres@%2Fvar%2Frun%2Fpostgresql/test', ['127.0.0.1'])).rejects.toMatchObject({
    code: 'connector_address_blocked',
    message: expect.stringContaining('/var/run/postgresql'),
  });
});

test('connects to an allowed address, CIDR or host name', async () => {
  for (const allow of ['127.0.0.1', '127.0.0.0/8']) {
    expect((await select(TEST_DATABASE_URL, [allow])).output.rows).toEqual([{ one: 1 }]);
  }
  expect((await select('postgres://postgres@localhost:5432/test', ['localhost'])).output.rows).toEqual([{ one: 1 }]);
});

test('a wrong password never shows in the error', async () => {
  // Trust auth accepts any password; an unknown database still fails and quotes nothing secret.
  const error = await select('postgres://postgres:hunter2-secret@127.0.0.1:5432/no_such_db_weft', ['127.0.0.1']).catch(
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
