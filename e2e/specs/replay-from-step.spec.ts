// Scenario: an operator replays a finished run from one of its steps with an edited input. The dialog starts
// from the step's recorded input and checks it against the step's input schema as it is typed, listing what is
// wrong by JSON pointer and refusing to send it; once fixed, the replay runs and links back to the original,
// which links to its replay.
import { apiCall, login, screenshot } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

const definition = {
  schema: 'weft.flow/v1',
  name: 'E2E replay from a step',
  trigger: { id: 'trigger', connector: 'webhook@1', trigger: 'event' },
  steps: [
    {
      id: 'greet',
      use: 'transform@1.setFields',
      config: { data: '{{ trigger.body }}', fields: [{ to: 'greeting', value: 'hello' }] },
    },
  ],
  edges: [{ from: 'trigger', to: 'greet' }],
};

test('replays a run from a step with an input checked against its schema, and links both runs', async ({
  page,
  request,
}) => {
  await login(page);
  const created = await apiCall<{ id: string }>(page, 'POST', '/api/flows', { definition });
  const flowId = created.body.id;
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/publish`)).status).toBe(201);
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/activate`)).status).toBe(200);
  const hook = await request.post(`/hooks/${encodeURIComponent(flowId)}`, { data: { name: 'Ada' } });
  const { runId } = (await hook.json()) as { runId: string };
  await expect
    .poll(async () => (await apiCall<{ status: string }>(page, 'GET', `/api/runs/${runId}`)).body.status)
    .toBe('succeeded');

  await page.goto(`/runs/${encodeURIComponent(runId)}`);
  await expect(page.locator('[data-testid="run-page"][data-status="succeeded"]')).toBeVisible();
  await page.getByTestId('step-row-greet').click();
  await page.getByTestId('replay-from-here').click();
  const dialog = page.getByTestId('replay-dialog');
  const input = dialog.getByTestId('replay-input');
  // Prefilled with what the step received: the mapping resolved.
  await expect(input).toHaveValue(/"name": "Ada"/);

  await input.fill(JSON.stringify({ data: { name: 'Grace' }, fields: [{ from: 'name' }], mode: 'upsert' }, null, 2));
  const errors = dialog.getByTestId('replay-input-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.filter({ hasText: '/fields/0/to' })).toContainText('is required');
  await expect(errors.filter({ hasText: '/mode' })).toContainText('should be one of');
  await expect(dialog.getByTestId('replay-submit')).toBeDisabled();
  await screenshot(page, 'replay-1-input-errors');

  await input.fill('{ "data": ');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toContainText('(root) is not valid JSON');

  await input.fill(JSON.stringify({ data: { name: 'Grace' }, fields: [{ to: 'greeting', value: 'hi' }] }, null, 2));
  await expect(errors).toHaveCount(0);
  await expect(dialog.getByTestId('replay-submit')).toHaveText('Replay with this input');
  await screenshot(page, 'replay-2-input-valid');
  await dialog.getByTestId('replay-submit').click();

  await page.waitForURL((url) => !url.pathname.endsWith(encodeURIComponent(runId)));
  await expect(page.locator('[data-testid="run-page"][data-status="succeeded"]')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('step-row-greet').click();
  await expect(page.getByTestId('step-output')).toContainText('Grace');
  await expect(page.getByTestId('step-output')).toContainText('hi');
  await expect(page.getByTestId('replay-of')).toBeVisible();
  await screenshot(page, 'replay-3-new-run');

  await page.getByTestId('replay-of').click();
  await page.waitForURL((url) => url.pathname.endsWith(encodeURIComponent(runId)));
  await expect(page.getByTestId('replayed-as')).toHaveCount(1);
  await screenshot(page, 'replay-4-original-links');
});
