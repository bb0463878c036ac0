// Scenario: an empty required field, a missing connection and a bad trigger config each block publishing, with a
// plain message on the right node (and on the field or connection picker of its panel). Saving still works.
import { apiCall, createFlow, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';
import type { Page } from '@playwright/test';

async function expectPublishRefused(page: Page, flowId: string): Promise<void> {
  await page.getByTestId('publish-flow').click();
  await expect(page.getByTestId('notice').getByText(/Cannot publish|Not published/)).toBeVisible();
  const versions = await apiCall<{ items: unknown[] }>(
    page,
    'GET',
    `/api/flows/${encodeURIComponent(flowId)}/versions`,
  );
  expect(versions.body.items, 'a broken flow was published').toEqual([]);
}

/** Adds a palette item after the selected node (keyboard: search, focus, Enter) and returns the new node's id. */
async function addAfter(page: Page, after: string, query: string, item: string): Promise<string> {
  const before = await page
    .locator('[data-testid^="node-"][data-problems]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
  await selectNode(page, after);
  await page.getByLabel('Search nodes').fill(query);
  await page.getByTestId(item).focus();
  await page.keyboard.press('Enter');
  const added = page.locator('[data-testid^="node-"][data-problems]');
  await expect(added).toHaveCount(before.length + 1);
  const now = await added.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
  return now.find((id) => !before.includes(id))!.replace(/^node-/, '');
}

test('an empty required field, a missing connection and a bad trigger config each block publishing', async ({
  page,
}) => {
  await login(page);
  const flowId = await createFlow(page, 'E2E publish checks', 'trigger:webhook@1:event');

  // 1. An HTTP request step without a URL: "URL is required" on the node and under the URL field.
  const http = await addAfter(page, 'trigger', 'HTTP request', 'palette-action:http@1.request');
  await expect(page.getByTestId(`node-problems-${http}`)).toContainText('URL is required', { timeout: 10_000 });
  await selectNode(page, http);
  await expect(page.getByTestId('field-problems-f-url')).toContainText('URL is required');
  await screenshot(page, 'publish-blocked-1-empty-field');
  await expectPublishRefused(page, flowId);
  await page.locator('#f-url').fill('https://example.com/orders');
  await expect(page.locator(`[data-testid="node-${http}"][data-problems="0"]`)).toBeVisible({ timeout: 10_000 });

  // 2. A Slack step without a connection: the node and the connection picker say what to connect.
  await page.keyboard.press('Escape');
  const slack = await addAfter(page, http, 'slack message', 'palette-action:slack@1.postMessage');
  const slackProblems = page.getByTestId(`node-problems-${slack}`);
  await expect(slackProblems).toHaveAttribute('title', /A Slack connection is needed/, { timeout: 10_000 });
  await selectNode(page, slack);
  await expect(page.getByTestId('field-problems-credential')).toContainText('A Slack connection is needed');
  for (const text of await slackProblems.getAttribute('title').then((t) => (t ?? '').split('\n')))
    expect(text, 'a developer message reached the user').not.toMatch(/must have required|property '|connector_/);
  await screenshot(page, 'publish-blocked-2-missing-connection');
  await expectPublishRefused(page, flowId);
  // The draft itself saves: publishing is what waits for the fixes.
  await page.getByTestId('save-flow').click();
  await expect(page.getByTestId('save-state').getByText('All changes saved')).toBeVisible();

  // 3. A postgres polling trigger whose config its own schema rejects (no table, a batch size over the limit).
  const credential = await apiCall<{ id: string }>(page, 'POST', '/api/credentials', {
    connector: 'postgres',
    name: 'Warehouse',
    kind: 'bearer',
    values: { token: 'unused', connectionString: 'postgres://reader:secret@127.0.0.1:5432/warehouse' },
  });
  expect(credential.status, JSON.stringify(credential.body)).toBe(201);
  const created = await apiCall<{ id: string }>(page, 'POST', '/api/flows', {
    definition: {
      schema: 'weft.flow/v1',
      name: 'E2E bad trigger config',
      trigger: {
        id: 'rows',
        connector: 'postgres@1',
        trigger: 'newOrUpdatedRows',
        credential: credential.body.id,
        config: { column: 'updated_at', batchSize: 5000 },
      },
      steps: [],
      edges: [],
    },
  });
  expect(created.status, 'a draft with a bad trigger config can be saved').toBe(201);
  await page.goto(`/flows/${encodeURIComponent(created.body.id)}`);
  const triggerProblems = page.getByTestId('node-problems-rows');
  await expect(triggerProblems).toHaveAttribute('title', /Table is required/, { timeout: 10_000 });
  await expect(triggerProblems).toHaveAttribute('title', /must be at most 1000/);
  await selectNode(page, 'rows');
  await expect(page.getByTestId('field-problems-f-table')).toContainText('Table is required');
  await screenshot(page, 'publish-blocked-3-bad-trigger-config');
  await expectPublishRefused(page, created.body.id);
  // The API refuses it too, with the same plain problems (so does the CLI, which calls it).
  const refused = await apiCall<{ code: string; problems: { nodeId: string; message: string }[] }>(
    page,
    'POST',
    `/api/flows/${encodeURIComponent(created.body.id)}/publish`,
  );
  expect(refused.status).toBe(422);
  expect(refused.body.code).toBe('flow_not_ready');
  expect(refused.body.problems.map((p) => `${p.nodeId}: ${p.message}`)).toContain('rows: Table is required');
});
