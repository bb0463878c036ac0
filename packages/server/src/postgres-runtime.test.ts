// The same runtime on PostgreSQL (the scale-out store): a webhook run end to end, in a database of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, postHook, startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

const ADMIN_URL = process.env.WEFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = `weft_rt_${randomBytes(6).toString('hex')}`;
let weft: TestRuntime;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`create database ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  weft = await startTestRuntime({ databaseUrl: url.toString(), examplesDir: EXAMPLES_DIR });
});
afterAll(async () => {
  await weft?.close();
  await admin(`drop database if exists ${database} with (force)`);
});

describe('runtime on PostgreSQL', () => {
  it('is ready, accepts a webhook and runs it', async () => {
    expect(await (await fetch(`${weft.url}/readyz`)).json()).toMatchObject({ status: 'ready', database: 'postgres' });
    const response = await postHook(weft, 'order-routing', { id: 'pg1', total: 10, country: 'NL' });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    expect(await waitForRun(weft, runId)).toMatchObject({
      status: 'succeeded',
      output: { order: 'pg1', queue: 'eu-fulfilment' },
    });
    const hello = await postHook(weft, 'hello-webhook', '{"name":"Grace"}');
    expect(await hello.json()).toMatchObject({ message: 'Hello Grace!' });
  });
});
