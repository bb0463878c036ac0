// Sync logs through HTTP: a connector action syncs contacts from a local fake API with ctx.sync (incremental,
// tombstones) into a target; two passes — creations, then an update, a deletion and a creation — each leave a
// log (counts, cursor before and after) listed newest first at GET /api/sync-logs.
import { defineAction, defineConnector } from '@weft/sdk';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

interface Contact {
  id: string;
  updatedAt: string;
  deleted?: boolean;
}

let weft: TestRuntime;
let api: FakeApi;
let contacts: Contact[] = [];
const synced = new Map<string, Contact>();

const crm = (baseUrl: string) =>
  defineConnector({
    name: 'crm',
    version: '1.0.0',
    title: 'CRM',
    description: 'A fake CRM',
    auth: { kind: 'none' },
    baseUrl,
    actions: [
      defineAction({
        key: 'syncContacts',
        title: 'Sync contacts',
        description: 'Incremental contact sync',
        input: { type: 'object', properties: { cursor: { type: ['string', 'null'] } } } as const,
        output: {} as const,
        async run(ctx) {
          const log = await ctx.sync<Contact>(
            'contacts',
            {
              fetch: async ({ since, cursor }) =>
                (
                  await ctx.http.request<{ items: Contact[]; nextCursor?: string }>({
                    url: '/contacts',
                    query: { ...(since ? { since } : {}), ...(cursor ? { cursor } : {}) },
                  })
                ).body,
            },
            {
              upsert: async (items) => {
                let created = 0;
                for (const item of items) if (!synced.has(item.id)) created++;
                for (const item of items) synced.set(item.id, item);
                return { created, updated: items.length - created };
              },
              remove: async (ids) => ids.filter((id) => synced.delete(id)).length,
            },
            {
              mode: 'incremental',
              idOf: (c) => c.id,
              stampOf: (c) => c.updatedAt,
              isDeleted: (c) => c.deleted === true,
              ...(ctx.input.cursor ? { cursor: ctx.input.cursor } : {}),
            },
          );
          return { cursor: log.cursorAfter ?? null };
        },
      }),
    ],
  });

beforeAll(async () => {
  api = await startFakeApi((request) => {
    const since = request.query.since;
    const changed = contacts.filter((c) => since === undefined || c.updatedAt > since);
    const start = Number(request.query.cursor ?? 0);
    const items = changed.slice(start, start + 2);
    return { json: start + 2 < changed.length ? { items, nextCursor: String(start + 2) } : { items } };
  });
  weft = await startTestRuntime({ outboundAllow: ['127.0.0.1'], connectors: [crm(api.url)] });
});
afterAll(async () => {
  await weft?.close();
  await api?.close();
});

it('records a log per sync pass with counts and cursors, newest first', async () => {
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'contacts sync',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [{ id: 'sync', use: 'crm@1.syncContacts', config: { cursor: '{{ trigger.body.cursor }}' } }],
      edges: [{ from: 'hook', to: 'sync' }],
    },
  });
  const { id } = (await created.json()) as { id: string };
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  const pass = async (cursor?: string) => {
    const { runId } = (await (await postHook(weft, id, cursor ? { cursor } : {})).json()) as { runId: string };
    const run = await waitForRun(weft, runId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    return (run.output as { cursor: string }).cursor;
  };

  contacts = [
    { id: 'a', updatedAt: '2026-01-01T00:00:01Z' },
    { id: 'b', updatedAt: '2026-01-01T00:00:02Z' },
    { id: 'c', updatedAt: '2026-01-01T00:00:03Z' },
  ];
  const cursor = await pass();
  contacts = [
    { id: 'a', updatedAt: '2026-01-01T00:00:01Z' },
    { id: 'b', updatedAt: '2026-01-02T00:00:00Z' },
    { id: 'c', updatedAt: '2026-01-02T00:00:01Z', deleted: true },
    { id: 'd', updatedAt: '2026-01-02T00:00:02Z' },
  ];
  await pass(cursor);
  expect([...synced.keys()].sort()).toEqual(['a', 'b', 'd']);

  const response = await weft.api('/api/sync-logs?name=contacts');
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: Record<string, unknown>[] };
  expect(items).toHaveLength(2);
  expect(items[0]).toMatchObject({
    name: 'contacts',
    connector: 'crm',
    action: 'syncContacts',
    mode: 'incremental',
    cursorBefore: '2026-01-01T00:00:03Z',
    cursorAfter: '2026-01-02T00:00:02Z',
    created: 1,
    updated: 1,
    deleted: 1,
    complete: true,
  });
  expect(items[1]).toMatchObject({ created: 3, updated: 0, deleted: 0, cursorAfter: '2026-01-01T00:00:03Z', pages: 2 });
  expect(items[1]!.cursorBefore).toBeUndefined();
});
