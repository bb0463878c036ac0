// Scenario: the trigger panel shows the flow's webhook URL with a copy button; a webhook that verifies signatures
// asks for its signing secret in plain words, keeps the developer options under "Advanced", stores the secret in
// the vault through the form, and is then ready to publish.
import { apiCall, createFlow, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

test('a signed webhook takes its signing secret in the trigger panel', async ({ page }) => {
  await login(page);
  const flowId = await createFlow(page, 'E2E signed webhook', 'trigger:webhook@1:event');
  await selectNode(page, 'trigger');
  await expect(page.getByTestId('webhook-url')).toHaveValue(new RegExp(`/hooks/${flowId}$`));
  await expect(page.getByTestId('webhook-section').getByRole('button', { name: 'Copy' })).toBeVisible();

  await page.locator('#f-verify').selectOption('hmac');
  const advanced = page.getByTestId('advanced-fields');
  await expect(advanced).toBeVisible();
  await expect(advanced).not.toHaveAttribute('open', '');
  await expect(page.getByTestId('signing-secret').getByTestId('field-problems-credential')).toContainText(
    'The signing secret is needed',
    { timeout: 10_000 },
  );
  await screenshot(page, 'trigger-secret-1-needed');

  await page.getByTestId('signing-secret-input').fill('a-shared-secret');
  await page.getByTestId('save-signing-secret').click();
  await expect(page.getByTestId('signing-secret')).toContainText('Stored encrypted');
  await expect(page.locator('[data-testid="node-trigger"][data-problems="0"]')).toBeVisible({ timeout: 10_000 });
  await screenshot(page, 'trigger-secret-2-stored');

  // The secret went to the vault as a connection; the flow is ready and publishes.
  const credentials = await apiCall<{ items: { connector: string; kind: string }[] }>(page, 'GET', '/api/credentials');
  expect(credentials.body.items).toContainEqual(expect.objectContaining({ connector: 'webhook', kind: 'none' }));
  await page.getByTestId('publish-flow').click();
  await expect(page.getByTestId('live-state')).toHaveText('On · v1');

  // A change published as version 2: the versions dialog shows which one is live and what changed.
  await page.locator('#f-verify').selectOption('standardWebhooks');
  await expect(page.getByTestId('publish-flow')).toHaveText('Publish changes');
  await page.getByTestId('publish-flow').click();
  await expect(page.getByTestId('live-state')).toHaveText('On · v2');
  await page.getByTestId('open-versions').click();
  await expect(page.getByTestId('version-live-2')).toHaveText('Live');
  await expect(page.getByTestId('version-diff')).toContainText('trigger: config.verify changed');
  await screenshot(page, 'trigger-secret-3-versions');
});
