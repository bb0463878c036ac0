// Scenario: a flow builder sets up a sync step (no code: source, key, cursor and target actions are settings in
// the node panel); two webhook pushes create, update and delete records through a fake target API, and the
// Sync logs page shows each pass with its counts and its cursor before and after.
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { apiCall, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

let target: FakeApi;
const held = new Set<string>();

test.beforeAll(async () => {
  target = await startFakeApi((request) => {
    const body = (request.json ?? {}) as { records?: { id: string }[]; ids?: string[] };
    if (request.path === '/upsert') {
      const records = body.records ?? [];
      const created = records.filter((r) => !held.has(r.id)).length;
      for (const r of records) held.add(r.id);
      return { json: { created, updated: records.length - created } };
    }
    return { json: { deleted: (body.ids ?? []).filter((id) => held.delete(id)).length } };
  });
});
test.afterAll(() => target?.close());

test('a sync step set up in the panel writes sync logs with counts and cursors', async ({ page, request }) => {
  await login(page);
  const definition = {
    schema: 'weft.flow/v1',
    name: 'E2E contact sync',
    trigger: { id: 'trigger', connector: 'webhook@1', trigger: 'event' },
    steps: [
      {
        id: 'sync',
        use: 'sync@1.records',
        config: {
          name: 'e2e-contacts',
          mode: 'incremental',
          keyField: 'id',
          cursorField: 'updatedAt',
          deletedField: 'deleted',
          records: '{{ trigger.body.records }}',
          upsert: {
            use: 'http@1.request',
            config: { url: `${target.url}/upsert`, method: 'POST', json: {} },
            recordsParam: 'json.records',
            createdPath: 'body.created',
            updatedPath: 'body.updated',
          },
          delete: {
            use: 'http@1.request',
            config: { url: `${target.url}/delete`, method: 'POST', json: {} },
            idsParam: 'json.ids',
            countPath: 'body.deleted',
          },
        },
      },
    ],
    edges: [{ from: 'trigger', to: 'sync' }],
  };
  const flowId = (await apiCall<{ id: string }>(page, 'POST', '/api/flows', { definition })).body.id;
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/publish`)).status).toBe(201);
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/activate`)).status).toBe(200);

  const push = async (records: object[]) => {
    const { runId } = (await (await request.post(`/hooks/${flowId}`, { data: { records } })).json()) as {
      runId: string;
    };
    await expect
      .poll(async () => (await apiCall<{ status: string }>(page, 'GET', `/api/runs/${runId}`)).body.status)
      .toBe('succeeded');
  };
  await push([
    { id: 'a', updatedAt: '2026-01-01T00:00:01Z' },
    { id: 'b', updatedAt: '2026-01-01T00:00:02Z' },
    { id: 'c', updatedAt: '2026-01-01T00:00:03Z' },
  ]);
  await push([
    { id: 'b', updatedAt: '2026-01-02T00:00:00Z' },
    { id: 'c', deleted: true, updatedAt: '2026-01-02T00:00:01Z' },
    { id: 'd', updatedAt: '2026-01-02T00:00:02Z' },
  ]);

  await page.goto('/sync-logs?name=e2e-contacts');
  const rows = page.getByTestId('sync-log-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('sync-log-counts')).toHaveText('1 created · 1 updated · 1 deleted');
  await expect(rows.nth(0)).toContainText('2026-01-01T00:00:03Z');
  await expect(rows.nth(0).getByTestId('sync-log-cursor-after')).toHaveText('2026-01-02T00:00:02Z');
  await expect(rows.nth(1).getByTestId('sync-log-counts')).toHaveText('3 created');
  await screenshot(page, 'sync-logs-1-page');

  // The step is set up in the node panel: settings, not code.
  await page.goto(`/flows/${encodeURIComponent(flowId)}`);
  await selectNode(page, 'sync');
  const panel = page.getByTestId('node-panel');
  await expect(panel).toContainText('Key field');
  await expect(panel).toContainText('Records parameter');
  await expect(panel.getByRole('combobox', { name: 'Credential' }).first()).toHaveValue('');
  await screenshot(page, 'sync-logs-2-node-panel');
});
