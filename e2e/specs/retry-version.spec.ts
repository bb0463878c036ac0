// Scenario: a run failed on version 1; the fix went live as version 2. The run page offers both retries: the
// original version, or the live one, which runs green and links back to the failed run.
import { apiCall, login, screenshot } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

const flow = (code: string) => ({
  schema: 'weft.flow/v1',
  name: 'E2E retry versions',
  trigger: { id: 'trigger', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'divide', use: 'transform.code', config: { code } }],
  edges: [{ from: 'trigger', to: 'divide' }],
});

test('a failed run is retried on the live version and links back to the run it retried', async ({ page, request }) => {
  await login(page);
  const created = await apiCall<{ id: string }>(page, 'POST', '/api/flows', {
    definition: flow('if (trigger.body.d === 0) throw new Error("cannot divide by zero");\nreturn 1;'),
  });
  const flowId = created.body.id;
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/publish`)).status).toBe(201);
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/activate`)).status).toBe(200);
  const hook = await request.post(`/hooks/${encodeURIComponent(flowId)}`, { data: { d: 0 } });
  const { runId } = (await hook.json()) as { runId: string };
  await expect
    .poll(async () => (await apiCall<{ status: string }>(page, 'GET', `/api/runs/${runId}`)).body.status)
    .toBe('failed');
  // The fix goes live as version 2.
  await apiCall(page, 'PUT', `/api/flows/${flowId}`, { definition: flow('return trigger.body.d === 0 ? null : 1;') });
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/publish`)).status).toBe(201);

  await page.goto(`/runs/${encodeURIComponent(runId)}`);
  await expect(page.getByTestId('retry-run')).toHaveText('Retry with version 1');
  await expect(page.getByTestId('retry-run-current')).toHaveText('Retry with the live version (2)');
  await screenshot(page, 'retry-1-choices');
  await page.getByTestId('retry-run-current').click();
  await page.waitForURL((url) => !url.pathname.endsWith(encodeURIComponent(runId)));
  await expect(page.locator('[data-testid="run-page"][data-status="succeeded"]')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('version 2', { exact: false }).first()).toBeVisible();
  await page.getByTestId('retry-of').click();
  await page.waitForURL((url) => url.pathname.endsWith(encodeURIComponent(runId)));
  await expect(page.locator('[data-testid="run-page"][data-status="failed"]')).toBeVisible();
  await screenshot(page, 'retry-2-linked');
});
