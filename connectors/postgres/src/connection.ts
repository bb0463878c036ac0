// One database session per step: opened from the connection's connection string through the runtime's outbound
// policy (`ctx.outbound`),
// closed when the step ends (or is cancelled). Errors leave as ConnectorErrors.
import { ConnectorError, type ConnectionAccess, type OutboundGuard } from '@weft/sdk';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { guardedSocketFactory } from './outbound-policy.js';
import { toConnectorError } from './pg-errors.js';
import { takeTlsMaterial } from './tls-certificates.js';

export interface SessionOptions {
  /** Per statement, ms (default 30 000). */
  statementTimeout?: number;
}

export interface StepAccess {
  auth: ConnectionAccess;
  signal: AbortSignal;
  /** The runtime's outbound policy (`ctx.outbound`): it alone decides which hosts the session may reach. */
  outbound: OutboundGuard;
}

export function connectionString(auth: ConnectionAccess): string {
  const value = auth.reveal('connectionString') ?? auth.reveal('token');
  if (!value) {
    throw new ConnectorError({
      kind: 'auth',
      code: 'connector_credential_incomplete',
      message:
        'The PostgreSQL connection has no connection string. Edit it and set connectionString, e.g. postgres://user:password@db.example.com:5432/app?sslmode=require',
    });
  }
  return value;
}

/** What pg is given: the parsed connection string, TLS material as content only (never a path to open). */
export function clientConfig(auth: ConnectionAccess): pg.ClientConfig {
  const { connectionString: text, pem } = takeTlsMaterial(connectionString(auth), auth);
  let config: pg.ClientConfig;
  try {
    config = parseIntoClientConfig(text);
  } catch {
    throw new ConnectorError({
      kind: 'validation',
      code: 'connector_invalid_connection_string',
      retryable: false,
      message: 'The PostgreSQL connection string cannot be parsed. Expected postgres://user:password@host:5432/db',
    });
  }
  if (Object.keys(pem).length > 0 && config.ssl !== false) {
    config.ssl = { ...(typeof config.ssl === 'object' ? config.ssl : {}), ...pem };
  }
  // pg fills what the string leaves out from the server's own environment (PGHOST, PGUSER, PGPASSWORD,
  // PGDATABASE) and ~/.pgpass: a connection without a host or password would reach Weft's own database, or
  // hand the server's password to whatever host the connection names. Everything comes from the string.
  if (!config.host) {
    throw new ConnectorError({
      kind: 'validation',
      code: 'connector_invalid_connection_string',
      retryable: false,
      message: 'The PostgreSQL connection string has no host. Expected postgres://user:password@host:5432/db',
    });
  }
  const user = config.user || 'postgres';
  const password = typeof config.password === 'string' ? config.password : '';
  return { ...config, user, database: config.database || user, port: config.port || 5432, password: () => password };
}

export async function withSession<T>(
  step: StepAccess,
  options: SessionOptions,
  body: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    ...clientConfig(step.auth),
    stream: guardedSocketFactory(step.outbound),
    connectionTimeoutMillis: 10_000,
    statement_timeout: options.statementTimeout ?? 30_000,
    application_name: 'weft',
  });
  // An error on an idle client (server restart) must not crash the process; the step sees it on its next query.
  client.on('error', () => undefined);
  const cancel = () => void client.end().catch(() => undefined);
  step.signal.addEventListener('abort', cancel, { once: true });
  try {
    if (step.signal.aborted) throw step.signal.reason;
    await client.connect();
    return await body(client);
  } catch (error) {
    if (step.signal.aborted && error !== step.signal.reason) throw step.signal.reason;
    throw toConnectorError(error);
  } finally {
    step.signal.removeEventListener('abort', cancel);
    await client.end().catch(() => undefined);
  }
}

/** Runs `body` in a transaction: all of it or none of it. */
export async function inTransaction<T>(client: pg.Client, body: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await body();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
