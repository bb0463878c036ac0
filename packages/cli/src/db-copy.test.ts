// `weft db copy` through the built binary: a SQLite installation moved into a PostgreSQL schema of its own, its
// credentials opening with the same key there, and the exit codes of a refused or impossible copy.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, createVaultCredentialProvider, loadOrCreateKey } from '@weft/sdk/runtime';
import { openStore } from '@weft/store';
import { runWeft, scratchForBuiltBinary, type WeftResult } from './test-support/weft-binary.js';

const POSTGRES_URL = process.env.WEFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `weft_cli_copy_${randomBytes(6).toString('hex')}`;
let tmp: string;

function weft(args: string[]): Promise<WeftResult> {
  return runWeft(args, { cwd: tmp });
}

beforeAll(async () => {
  tmp = await scratchForBuiltBinary('weft-cli-db-');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
});

describe('weft db copy', () => {
  it('moves flows, sealed credentials and history to PostgreSQL, then refuses or skips what is there', async () => {
    const dataDir = join(tmp, 'data');
    const database = join(dataDir, 'weft.db');
    const { key } = await loadOrCreateKey(dataDir, { env: { WEFT_SECRET_KEY: '' } });
    const source = await openStore({ url: database });
    const flow = await source.flows.create({
      definition: {
        schema: 'weft.flow/v1',
        name: 'Copied',
        trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
        steps: [],
        edges: [],
      },
    });
    await source.flows.publish(flow.id);
    const run = await source.runs.create({ flowId: flow.id, triggerKind: 'manual', input: { n: 1 } });
    await source.journal.appendLog({ runId: run.id, level: 'info', message: 'hello', at: 1 });
    const credentials = createVaultCredentialProvider({ records: source.credentials, vault: createVault(key) });
    const { id } = await credentials.create({
      connector: 'stripe',
      kind: 'apiKey',
      name: 'k',
      values: { apiKey: 'sk_moved' },
    });
    await source.close();
    const args = ['db', 'copy', '--from', database, '--to', POSTGRES_URL, '--schema', schema];

    const first = await weft([...args, '--history']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^table\s+copied\s+updated\s+present$/m);
    for (const table of ['flows', 'flow_versions', 'credentials', 'runs', 'logs']) {
      expect(first.stdout).toMatch(new RegExp(`^${table}\\s+1\\s+0\\s+0$`, 'm'));
    }
    expect(first.stdout).toMatch(/^ {2}sessions: /m);

    const target = await openStore({ url: POSTGRES_URL, schema });
    try {
      const opened = createVaultCredentialProvider({ records: target.credentials, vault: createVault(key) });
      expect((await opened.get(id))?.values.apiKey).toBe('sk_moved');
      expect((await target.flows.get(flow.id))?.name).toBe('Copied');
    } finally {
      await target.close();
    }

    const refused = await weft(args);
    expect(refused.code).toBe(65);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^error: The target database is not empty: it already holds 1 flows row, /);
    expect(refused.stderr).toMatch(/--into-non-empty/);

    const again = await weft([...args, '--history', '--into-non-empty', '--json']);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { tables: { table: string; copied: number; present: number }[] };
    expect(report.tables.map((t) => t.table)).toContain('logs');
    for (const count of report.tables) expect(count.copied, count.table).toBe(0);
    expect(report.tables.find((t) => t.table === 'flows')?.present).toBe(1);
  });

  it('exits 66 for a missing source file, 64 without a target and 74 when the target cannot be reached', async () => {
    const missing = await weft(['db', 'copy', '--from', join(tmp, 'none.db'), '--to', POSTGRES_URL]);
    expect(missing).toMatchObject({ code: 66, stderr: expect.stringMatching(/no such file/) });
    expect((await weft(['db', 'copy', '--from', join(tmp, 'none.db')])).code).toBe(64);
    const source = await openStore({ url: join(tmp, 'empty.db') });
    await source.close();
    const unreachable = await weft([
      'db',
      'copy',
      '--from',
      join(tmp, 'empty.db'),
      '--to',
      'postgres://x@127.0.0.1:1/x',
    ]);
    expect(unreachable.code).toBe(74);
    expect(unreachable.stderr).toMatch(/^error: Cannot use the PostgreSQL database/);
  });
});
