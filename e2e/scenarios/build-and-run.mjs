/* global fetch */
// Scenario (a): a user builds webhook → mapping → http request on the canvas, maps a field with the picker,
// tests the step, publishes, fires the webhook and follows the run live and in the run history.
import {
  apiCall,
  assert,
  connect,
  createFlow,
  dragFromPalette,
  login,
  paletteItemId,
  screenshot,
  selectNode,
  waitFor,
} from '../lib/editor.mjs';

export async function buildAndRunFlow({ page, baseUrl, fakeApi, artifacts }) {
  await login(page, baseUrl);
  await screenshot(page, artifacts, '01-flows-list');
  const flowId = await createFlow(page, 'E2E order relay');

  // Palette → canvas: the webhook trigger replaces the default trigger; then a mapping and an http request.
  await dragFromPalette(page, 'palette-trigger:webhook@1:event', { x: 120, y: 200 });
  await page
    .getByTestId('node-trigger')
    .getByText(/webhook/i)
    .first()
    .waitFor();
  await page.getByLabel('Search nodes').fill('map');
  await dragFromPalette(page, 'palette-action:transform.map', { x: 420, y: 200 });
  await page.getByTestId('node-map').waitFor();
  const httpItem = await paletteItemId(page, 'http', 'action:http@');
  assert(httpItem, 'the palette lists no http action: the server provides no "http" connector');
  await dragFromPalette(page, httpItem, { x: 720, y: 200 });
  const httpNode = await page.locator('.react-flow__node').last().getAttribute('data-id');
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
  await page.getByTestId('expression-picker').waitFor();
  await screenshot(page, artifacts, '03-data-picker');
  await page.locator('[data-testid="expression-picker"] [data-expression="trigger.body.name"]').click();
  const mapped = await page.locator('#f-map-0').inputValue();
  assert(mapped === '{{ trigger.body.name }}', `the picker inserted "${mapped}" instead of {{ trigger.body.name }}`);

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
  await waitFor(async () => /"customer":\s*"Ada"/.test(await page.getByTestId('step-test-output').innerText()), {
    message: 'the mapping step test to output customer "Ada"',
  });

  await selectNode(page, httpNode);
  await screenshot(page, artifacts, '02-editor');
  await page.getByTestId('test-step').click();
  await waitFor(async () => (await page.getByTestId('step-test-result').getAttribute('data-ok')) === 'true', {
    message: 'the http step test to succeed',
    timeout: 20_000,
  });
  assert(
    fakeApi.requests.some((r) => JSON.stringify(r.body).includes('Ada')),
    'the fake API did not receive the mapped name from the step test',
  );

  // Publish and activate, then fire the webhook and watch the run live on the canvas.
  await page.getByTestId('publish-flow').click();
  await page
    .getByTestId('notice')
    .getByText(/Published version 1/)
    .waitFor();
  await page.getByRole('switch', { name: 'Active' }).click({ force: true });
  await page
    .getByTestId('notice')
    .getByText(/active/i)
    .waitFor();
  await page.keyboard.press('Escape');

  const before = fakeApi.requests.length;
  const hook = await fetch(`${baseUrl}/hooks/${encodeURIComponent(flowId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Grace', amount: 7 }),
  });
  assert(hook.status < 300, `the webhook answered ${hook.status}`);
  await page.locator('[data-testid="live-run"][data-status="succeeded"]').waitFor({ timeout: 20_000 });
  await page.locator(`[data-testid="node-${httpNode}"][data-status="succeeded"]`).waitFor();
  await screenshot(page, artifacts, '04-live-run');
  assert(
    fakeApi.requests.slice(before).some((r) => JSON.stringify(r.body).includes('Grace')),
    'the fake API did not receive "Grace" from the webhook run',
  );

  // Run history: filter by the flow, open the run, see the mapped value.
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await page.getByTestId('filter-flow').selectOption(flowId);
  await page.getByTestId('runs-table').waitFor();
  await screenshot(page, artifacts, '05-run-history');
  const runs = await apiCall(page, baseUrl, 'GET', `/api/runs?flow=${encodeURIComponent(flowId)}&limit=10`);
  const webhookRun = runs.body.items.find((r) => r.triggerKind !== 'test' && r.status === 'succeeded');
  assert(
    webhookRun,
    `no succeeded webhook run in ${JSON.stringify(runs.body.items.map((r) => [r.triggerKind, r.status]))}`,
  );
  await page
    .getByTestId(`run-row-${webhookRun.id}`)
    .getByRole('link', { name: /Open run/ })
    .click();
  await page.locator('[data-testid="run-page"][data-status="succeeded"]').waitFor();
  await page.getByTestId('step-row-map').click();
  await waitFor(async () => /"customer":\s*"Grace"/.test(await page.getByTestId('step-output').innerText()), {
    message: 'the run view to show customer "Grace"',
  });
  await screenshot(page, artifacts, '06-run-view');
}
