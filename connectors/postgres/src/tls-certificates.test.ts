import { runAction } from '@weft/sdk/testing';
import { afterEach, expect, test } from 'vitest';
import { clientConfig } from './connection.js';
import connector from './index.js';
import { ALLOW_ENV } from './outbound-policy.js';
import { TEST_DATABASE_URL } from './test-support/database.js';

const previousAllow = process.env[ALLOW_ENV];
afterEach(() => {
  if (previousAllow === undefined) delete process.env[ALLOW_ENV];
  else process.env[ALLOW_ENV] = previousAllow;
});

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
    process.env[ALLOW_ENV] = '127.0.0.1';
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
