// The sync node through HTTP, with a local fake source API (loopback) and an in-memory target connector:
// real-time upserts pushed by a webhook (tombstones delete), a reconcile pass that diffs the full id set and
// leaves the cursor alone, and a publish check that points at the setting an incomplete sync lacks.
import { defineAction, defineConnector } from '@weft/sdk';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

type Row = Record<string, unknown> & { id: string };
const rows = new Map<string, Row>();
let listing: Row[] = [];
let weft: TestRuntime;
let api: FakeApi;

const memdb = defineConnector({
  name: 'memdb',
  version: '1.0.0',
  title: 'Memory DB',
  description: 'A target kept in the test process',
  auth: { kind: 'none' },
  actions: [
    defineAction({
      key: 'upsert',
      title: 'Upsert',
      description: 'Writes records by id',
      input: {
        type: 'object',
        required: ['records'],
        properties: { records: { type: 'array', items: { type: 'object' } } },
      } as const,
      output: {} as const,
      async run(ctx) {
        let created = 0;
        for (const record of ctx.input.records as Row[]) {
          if (!rows.has(record.id)) created++;
          rows.set(record.id, record);
        }
        return { created, updated: ctx.input.records.length - created };
      },
    }),
    defineAction({
      key: 'remove',
      title: 'Remove',
      description: 'Deletes records by id',
      input: {
        type: 'object',
        required: ['ids'],
        properties: { ids: { type: 'array', items: { type: 'string' } } },
      } as const,
      output: {} as const,
      run: async (ctx) => ({ deleted: ctx.input.ids.filter((id) => rows.delete(id)).length }),
    }),
    defineAction({
      key: 'ids',
      title: 'Ids',
      description: 'Every id held',
      input: { type: 'object' } as const,
      output: {} as const,
      run: async () => ({ ids: [...rows.keys()] }),
    }),
  ],
});

const target = {
  upsert: { use: 'memdb@1.upsert', recordsParam: 'records' },
  delete: { use: 'memdb@1.remove', idsParam: 'ids', countPath: 'deleted' },
};

beforeAll(async () => {
  // Two records a page: `?page=n`, the next page named in `next`.
  api = await startFakeApi((request) => {
    const page = Number(request.query.page ?? 0);
    const items = listing.slice(page * 2, page * 2 + 2);
    return { json: { items, ...((page + 1) * 2 < listing.length ? { next: String(page + 1) } : {}) } };
  });
  weft = await startTestRuntime({ outboundAllow: ['127.0.0.1'], connectors: [memdb] });
});
afterAll(async () => {
  await weft?.close();
  await api?.close();
});

async function liveFlow(name: string, config: object): Promise<string> {
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name,
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [{ id: 'sync', use: 'sync@1.records', config }],
      edges: [{ from: 'hook', to: 'sync' }],
    },
  });
  const { id } = (await created.json()) as { id: string };
  const published = await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
  expect(published.status, await published.clone().text()).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

async function pass(flowId: string, body: object = {}): Promise<Record<string, unknown>> {
  const { runId } = (await (await postHook(weft, flowId, body)).json()) as { runId: string };
  const run = await waitForRun(weft, runId);
  expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
  return run.output as Record<string, unknown>;
}

const logsOf = async (name: string) =>
  ((await (await weft.api(`/api/sync-logs?name=${name}`)).json()) as { items: Record<string, unknown>[] }).items;

it('applies records pushed by a webhook in real time, and a reconcile pass catches what the pushes missed', async () => {
  const push = await liveFlow('push', {
    name: 'people-push',
    keyField: 'id',
    cursorField: 'updatedAt',
    deletedField: 'deleted',
    records: '{{ trigger.body.records }}',
    ...target,
  });
  await pass(push, {
    records: [
      { id: 'a', updatedAt: '2026-01-01T00:00:01Z' },
      { id: 'b', updatedAt: '2026-01-01T00:00:02Z' },
      { id: 'c', updatedAt: '2026-01-01T00:00:03Z' },
    ],
  });
  await pass(push, {
    records: [
      { id: 'b', name: 'Bo', updatedAt: '2026-01-02T00:00:00Z' },
      { id: 'c', deleted: true, updatedAt: '2026-01-02T00:00:01Z' },
    ],
  });
  expect([...rows.keys()].sort()).toEqual(['a', 'b']);
  const [second, first] = await logsOf('people-push');
  expect(first).toMatchObject({
    mode: 'incremental',
    created: 3,
    updated: 0,
    deleted: 0,
    cursorAfter: '2026-01-01T00:00:03Z',
  });
  expect(second).toMatchObject({
    created: 0,
    updated: 1,
    deleted: 1,
    cursorBefore: '2026-01-01T00:00:03Z',
    cursorAfter: '2026-01-02T00:00:01Z',
  });

  const reconcile = await liveFlow('reconcile', {
    name: 'people-reconcile',
    mode: 'reconcile',
    keyField: 'id',
    source: {
      use: 'http@1.request',
      config: { url: `${api.url}/people` },
      itemsPath: 'body.items',
      nextPagePath: 'body.next',
      pageParam: 'query.page',
    },
    ids: { use: 'memdb@1.ids', itemsPath: 'ids' },
    ...target,
  });
  // The source has d, which no push delivered; the target has a stray record the source never listed.
  listing = [{ id: 'a' }, { id: 'b', name: 'Bo' }, { id: 'd' }];
  rows.set('stray', { id: 'stray' });
  expect(await pass(reconcile)).toMatchObject({ mode: 'reconcile', pages: 2, created: 1, updated: 2, deleted: 1 });
  expect([...rows.keys()].sort()).toEqual(['a', 'b', 'd']);
  const [log] = await logsOf('people-reconcile');
  expect(log).toMatchObject({ mode: 'reconcile', complete: true, created: 1, updated: 2, deleted: 1 });
  expect(log!.cursorAfter).toBeUndefined();
});

it('refuses to publish a sync that lacks a setting, pointing at it, and names the missing actions', async () => {
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'incomplete sync',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [
        {
          id: 'sync',
          use: 'sync@1.records',
          config: {
            keyField: 'id',
            deletedField: 'deleted',
            source: {
              use: 'http@1.request',
              config: { url: api.url },
              itemsPath: 'body.items',
              sinceParam: 'query.since',
            },
            upsert: { use: 'nowhere@1.write', recordsParam: 'rows' },
          },
        },
      ],
      edges: [{ from: 'hook', to: 'sync' }],
    },
  });
  const { id } = (await created.json()) as { id: string };
  const response = await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
  expect(response.status).toBe(422);
  const { problems } = (await response.json()) as { problems: { pointer: string; code: string }[] };
  expect(problems.map((p) => [p.code, p.pointer]).sort()).toEqual([
    ['invalid_config', '/definition/steps/0/config/cursorField'],
    ['invalid_config', '/definition/steps/0/config/delete'],
    ['invalid_config', '/definition/steps/0/config/upsert/use'],
  ]);
});
