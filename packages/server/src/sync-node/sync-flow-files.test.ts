// A sync step's connections sit inside its settings (the source's, the upsert's...): flow files name them like any
// other connection, an import maps them to the importing instance's connections, and lists the missing ones.
import type { FlowDefinition, FlowFile } from '@weft/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../test-support/runtime.js';

let a: TestRuntime;
let b: TestRuntime;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestRuntime(), startTestRuntime()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const credential = async (weft: TestRuntime, name: string) => {
  const response = await weft.api('/api/credentials', {
    method: 'POST',
    json: { connector: 'http', name, kind: 'bearer', values: { token: 'secret-token-value' } },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const syncFlow = (source: string, target: string): FlowDefinition => ({
  schema: 'weft.flow/v1',
  name: 'Sync',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [
    {
      id: 'sync',
      use: 'sync@1.records',
      config: {
        mode: 'full',
        keyField: 'id',
        source: { use: 'http@1.request', credential: source, config: { url: 'https://a.example' }, itemsPath: 'body' },
        upsert: {
          use: 'http@1.request',
          credential: target,
          config: { url: 'https://b.example' },
          recordsParam: 'json',
        },
      },
    },
  ],
  edges: [{ from: 'hook', to: 'sync' }],
});

type SyncConfig = { source: { credential: string }; upsert: { credential: string } };
const configOf = (definition: FlowDefinition | null | undefined) =>
  definition?.steps[0]?.config as unknown as SyncConfig;

it('exports the connections inside a sync step by name and maps them on import', async () => {
  const flow = syncFlow(await credential(a, 'Source API'), await credential(a, 'Target API'));
  const created = await a.api('/api/flows', { method: 'POST', json: flow });
  const { id } = (await created.json()) as { id: string };
  const { items } = (await (await a.api('/api/export/flows')).json()) as { items: FlowFile[] };
  const file = items.find((f) => f.id === id)!;
  expect(configOf(file.draft ?? file.published)).toMatchObject({
    source: { credential: 'Source API' },
    upsert: { credential: 'Target API' },
  });

  const staging = await credential(b, 'Staging source');
  const plan = (await (
    await b.api('/api/import/flows', {
      method: 'POST',
      json: { files: [file], credentials: { 'Source API': 'Staging source' } },
    })
  ).json()) as { missingCredentials: { credential: string; connector?: string }[] };
  expect(plan.missingCredentials).toEqual([{ credential: 'Target API', connector: 'http', flows: [id] }]);
  const imported = (await (await b.api(`/api/flows/${id}`)).json()) as { definition: FlowDefinition };
  expect(configOf(imported.definition)).toMatchObject({
    source: { credential: staging },
    upsert: { credential: 'Target API' },
  });
});
