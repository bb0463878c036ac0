import { runAction } from '@weft/sdk/testing';
import { expect, test } from 'vitest';
import { clientConfig } from './connection.js';
import connector from './index.js';
import { TEST_DATABASE_URL } from './test-support/database.js';

const PEM = (label: string) => `-----BEGIN ${label}-----\nMIIBfake${label.length}\n-----END ${label}-----\n`;
const select = (credentials: Record<string, string>) =>
  runAction(connector, 'query', { input: { sql: 'SELECT 1 AS one' }, credentials });
const access = (values: Record<string, string>) => ({
  kind: 'bearer' as const,
  credentialId: 'c',
  reveal: (name: string) => values[name],
  accessToken: () => Promise.reject(new Error('not oauth2')),
});

test.each(['sslrootcert', 'sslcert', 'sslkey'])(
  'refuses a %s file path in the connection string without opening it, existing or not',
  async (param) => {
    const errors: Record<string, unknown>[] = [];
    for (const path of ['/etc/passwd', '/no/such/file.pem', '%2Fetc%2Fhostname']) {
      errors.push(
        await select({ connectionString: `${TEST_DATABASE_URL}?sslmode=require&${param}=${path}` }).then(
          () => ({}),
          (e: unknown) => e as Record<string, unknown>,
        ),
      );
    }
    for (const error of errors) {
      expect(error).toMatchObject({
        kind: 'validation',
        code: 'connector_tls_file_refused',
        message: expect.stringContaining(param),
      });
      expect(String(error.message)).not.toMatch(/ENOENT|no such file|passwd/);
    }
  },
);

test('refuses a file path given in the PEM fields of the connection', async () => {
  await expect(
    select({ connectionString: TEST_DATABASE_URL, sslRootCert: '/etc/ssl/certs/ca-certificates.crt' }),
  ).rejects.toMatchObject({ kind: 'validation', code: 'connector_tls_file_refused', message: /sslRootCert/ });
});

test('passes PEM content from the connection, or from the connection string, to pg as ssl strings', () => {
  const fields = clientConfig(
    access({
      connectionString: 'postgres://u:p@db.example.com:5432/app?sslmode=verify-full',
      sslRootCert: PEM('CERTIFICATE'),
      sslCert: PEM('CERTIFICATE'),
      sslKey: PEM('PRIVATE KEY'),
    }),
  );
  expect(fields).toMatchObject({
    host: 'db.example.com',
    database: 'app',
    ssl: { ca: PEM('CERTIFICATE'), cert: PEM('CERTIFICATE'), key: PEM('PRIVATE KEY') },
  });
  expect(JSON.stringify(fields)).not.toContain('sslrootcert');
  const inline = clientConfig(
    access({
      connectionString: `postgres://u@db.example.com/app?sslrootcert=${encodeURIComponent(PEM('CERTIFICATE'))}`,
    }),
  );
  expect(inline.ssl).toEqual({ ca: PEM('CERTIFICATE') });
});

/** Just enough of a PostgreSQL server to ask for a cleartext password and report what the client sent. */
async function passwordCatcher(): Promise<{ port: number; received: Promise<string>; close(): void }> {
  const { createServer } = await import('node:net');
  let resolve: (password: string) => void = () => undefined;
  const received = new Promise<string>((ok) => (resolve = ok));
  const server = createServer((socket) => {
    let started = false;
    socket.on('data', (data: Buffer) => {
      if (!started) {
        started = true;
        const ask = Buffer.alloc(9);
        ask.write('R', 0);
        ask.writeInt32BE(8, 1);
        ask.writeInt32BE(3, 5);
        socket.write(ask);
        return;
      }
      if (data[0] === 'p'.charCodeAt(0)) resolve(data.subarray(5, data.readInt32BE(1)).toString('utf8'));
      socket.destroy();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.address() as { port: number }).port;
  return { port, received, close: () => server.close() };
}

test("never falls back to the server's PGPASSWORD, PGHOST or ~/.pgpass for a connection", async () => {
  const saved = { PGPASSWORD: process.env.PGPASSWORD, PGHOST: process.env.PGHOST };
  process.env.PGPASSWORD = 'the-servers-own-db-password';
  process.env.PGHOST = '127.0.0.1';
  const catcher = await passwordCatcher();
  try {
    await select({ connectionString: `postgres://someone@127.0.0.1:${catcher.port}/db` }).catch(() => undefined);
    expect(await catcher.received).toBe('');
    await expect(select({ connectionString: 'postgres://someone@/db' })).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('host'),
    });
  } finally {
    catcher.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});
