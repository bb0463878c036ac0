// Scenario (a): a user builds webhook → mapping → http request on the canvas, maps a field with the picker,
// tests the step, publishes, fires the webhook and follows the run live and in the run history.
import {
  apiCall,
  connect,
  createFlow,
  dragFromPalette,
  login,
  paletteItemId,
  screenshot,
  selectNode,
} from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

interface RunItem {
  id: string;
  triggerKind: string;
  status: string;
}

test('a new user builds, tests, publishes and runs a webhook → map → http flow', async ({ page, fakeApi, request }) => {
  await login(page);
  await screenshot(page, '01-flows-list');
  const flowId = await createFlow(page, 'E2E order relay');

  // Palette → canvas: the webhook trigger replaces the default trigger; then a mapping and an http request.
  await dragFromPalette(page, 'palette-trigger:webhook@1:event', { x: 120, y: 200 });
  await expect(
    page
      .getByTestId('node-trigger')
      .getByText(/webhook/i)
      .first(),
  ).toBeVisible();
  await page.getByLabel('Search nodes').fill('map');
  await dragFromPalette(page, 'palette-action:transform.map', { x: 420, y: 200 });
  await expect(page.getByTestId('node-map')).toBeVisible();
  const httpItem = await paletteItemId(page, 'http', 'action:http@');
  expect(httpItem, 'the palette lists no http action: the server provides no "http" connector').toBeTruthy();
  await dragFromPalette(page, httpItem!, { x: 720, y: 200 });
  const httpNode = (await page.locator('.react-flow__node').last().getAttribute('data-id')) ?? '';
  expect(httpNode).not.toBe('');
  await page.getByLabel('Search nodes').fill('');

  await connect(page, 'trigger', 'success', 'map');
  await connect(page, 'map', 'success', httpNode);
  await page.getByRole('button', { name: 'Fit view', exact: true }).first().click();

  // Pin a sample event to the trigger so the picker has real data.
  await selectNode(page, 'trigger');
  await page
    .getByTestId('sample-input')
    .fill(JSON.stringify({ body: { name: 'Ada', amount: 42 }, headers: {}, query: {} }, null, 2));
  await page.getByTestId('pin-sample').click();

  // Map a field with the data picker.
  await selectNode(page, 'map');
  await page.getByTestId('f-map-new-key').fill('customer');
  await page.getByTestId('f-map-new-key').press('Enter');
  await page.getByRole('button', { name: 'Insert data into value of customer' }).click();
  await expect(page.getByTestId('expression-picker')).toBeVisible();
  await screenshot(page, '03-data-picker');
  await page.locator('[data-testid="expression-picker"] [data-expression="trigger.body.name"]').click();
  await expect(page.locator('#f-map-0')).toHaveValue('{{ trigger.body.name }}');

  // Configure the http request against the local fake API.
  await selectNode(page, httpNode);
  const panel = page.getByTestId('node-panel');
  await panel.getByLabel(/^URL/i).first().fill(`${fakeApi.url}/orders`);
  const method = panel.getByLabel(/^Method/i).first();
  if (await method.count()) await method.selectOption({ label: 'POST' }).catch(() => method.fill('POST'));
  const body = panel.locator('#f-body');
  if (await body.count()) {
    const tag = await body.evaluate((el) => el.tagName);
    if (tag === 'INPUT' || tag === 'TEXTAREA') await body.fill('{"name": "{{ steps.map.customer }}"}');
    else {
      await panel.getByTestId('f-body-new-key').fill('name');
      await panel.getByTestId('f-body-new-key').press('Enter');
      await panel.locator('#f-body-0').fill('{{ steps.map.customer }}');
    }
  }
  // Test the mapping step (the flow is now complete, so the draft saves) with the pinned sample.
  await selectNode(page, 'map');
  await page.getByTestId('test-step').click();
  await expect(page.getByTestId('step-test-output')).toContainText(/"customer":\s*"Ada"/);

  await selectNode(page, httpNode);
  await screenshot(page, '02-editor');
  await page.getByTestId('test-step').click();
  await expect(page.getByTestId('step-test-result')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
  expect(
    fakeApi.requests.some((r) => r.method === 'POST' && r.path === '/orders' && r.body.includes('Ada')),
    'the fake API did not receive the mapped name from the step test',
  ).toBe(true);

  // Publish and activate, then fire the webhook and watch the run live on the canvas.
  await page.getByTestId('publish-flow').click();
  await expect(page.getByTestId('notice').getByText(/Published version 1 and switched it on/)).toBeVisible();
  await expect(page.getByTestId('live-state')).toHaveText('On · v1');
  await page.keyboard.press('Escape');

  const before = fakeApi.requests.length;
  const hook = await request.post(`/hooks/${encodeURIComponent(flowId)}`, {
    data: { name: 'Grace', amount: 7 },
  });
  expect(hook.status(), 'the webhook status').toBeLessThan(300);
  await expect(page.locator('[data-testid="live-run"][data-status="succeeded"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(`[data-testid="node-${httpNode}"][data-status="succeeded"]`)).toBeVisible();
  await screenshot(page, '04-live-run');
  expect(
    fakeApi.requests.slice(before).some((r) => r.body.includes('Grace')),
    'the fake API did not receive "Grace" from the webhook run',
  ).toBe(true);

  // Run history: filter by the flow, open the run, see the mapped value.
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await page.getByTestId('filter-flow').selectOption(flowId);
  await expect(page.getByTestId('runs-table')).toBeVisible();
  await screenshot(page, '05-run-history');
  const runs = await apiCall<{ items: RunItem[] }>(
    page,
    'GET',
    `/api/runs?flow=${encodeURIComponent(flowId)}&limit=10`,
  );
  const webhookRun = runs.body.items.find((r) => r.triggerKind !== 'test' && r.status === 'succeeded');
  expect(
    webhookRun,
    `no succeeded webhook run in ${JSON.stringify(runs.body.items.map((r) => [r.triggerKind, r.status]))}`,
  ).toBeTruthy();
  await page
    .getByTestId(`run-row-${webhookRun!.id}`)
    .getByRole('link', { name: /Open run/ })
    .click();
  await expect(page.locator('[data-testid="run-page"][data-status="succeeded"]')).toBeVisible();
  await page.getByTestId('step-row-map').click();
  await expect(page.getByTestId('step-output')).toContainText(/"customer":\s*"Grace"/);
  await screenshot(page, '06-run-view');
});
