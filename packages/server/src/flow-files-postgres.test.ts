// Promotion from the embedded SQLite store to a PostgreSQL one: the import's writes (create, publish, draft,
// activation in one transaction) and the byte-identical export there, in a schema of its own.
import { flowFileText, type FlowFile } from '@weft/core';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dropSchema, POSTGRES_URL } from './test-support/services.js';
import { EXAMPLES_DIR, startTestRuntime, type TestRuntime } from './test-support/runtime.js';

const schema = `weft_ff_${randomBytes(6).toString('hex')}`;
let sqlite: TestRuntime;
let postgres: TestRuntime;

beforeAll(async () => {
  sqlite = await startTestRuntime({ examplesDir: EXAMPLES_DIR });
  postgres = await startTestRuntime({ databaseUrl: POSTGRES_URL, databaseSchema: schema });
});
afterAll(async () => {
  await Promise.all([sqlite?.close(), postgres?.close()]);
  await dropSchema(schema);
});

const exported = async (weft: TestRuntime) =>
  ((await (await weft.api('/api/export/flows')).json()) as { items: FlowFile[] }).items.map(flowFileText);

it('imports the examples into PostgreSQL with their ids, and exports the same bytes there', async () => {
  const files = ((await (await sqlite.api('/api/export/flows')).json()) as { items: FlowFile[] }).items;
  expect(files.length).toBeGreaterThan(3);
  const response = await postgres.api('/api/import/flows', { method: 'POST', json: { files } });
  const plan = (await response.json()) as { applied: boolean; flows: { action: string }[] };
  expect(response.status, JSON.stringify(plan)).toBe(200);
  expect(plan.flows.every((f) => f.action === 'create')).toBe(true);
  expect(await exported(postgres)).toEqual(await exported(sqlite));
  const again = await postgres.api('/api/import/flows', { method: 'POST', json: { files, dryRun: true } });
  expect(((await again.json()) as { flows: { action: string }[] }).flows.every((f) => f.action === 'unchanged')).toBe(
    true,
  );
});
