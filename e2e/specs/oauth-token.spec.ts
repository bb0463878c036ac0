// Scenario: with no Slack OAuth app configured, "Sign in with Slack" says so in words in a message that can be
// closed (no raw JSON, no stuck window), and the Slack bot token form makes the connection instead.
import { createFlow, dragFromPalette, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

test('a Slack connection is made with a bot token when no OAuth app is configured', async ({ page }) => {
  await login(page);
  await createFlow(page, 'E2E Slack token');
  await dragFromPalette(page, 'palette-trigger:webhook@1:event', { x: 140, y: 180 });
  await selectNode(page, 'trigger');
  await page.getByLabel('Search nodes').fill('slack message');
  await page.getByTestId('palette-action:slack@1.postMessage').focus();
  await page.keyboard.press('Enter');
  await selectNode(page, 'postMessage');
  await expect(page.getByTestId('field-problems-credential')).toContainText('A Slack connection is needed', {
    timeout: 10_000,
  });

  await page.getByRole('button', { name: 'Connect new…' }).click();
  await page.getByTestId('connect-submit').click();
  const notice = page.getByTestId('oauth-notice');
  await expect(notice).toContainText('Signing in with Slack is not set up on this server');
  await expect(notice).not.toContainText('{');
  await screenshot(page, 'oauth-token-1-no-app');
  await notice.getByRole('button', { name: 'Close message' }).click();
  await expect(notice).toHaveCount(0);

  await page.getByTestId('toggle-token-form').click();
  await page.getByTestId('credential-field-accessToken').fill('xoxb-e2e-token');
  await page.getByTestId('connect-submit').click();
  await expect(page.locator('#credential-select option:checked')).toHaveText(/Slack account/);
  await expect(page.getByTestId('field-problems-credential')).toHaveCount(0, { timeout: 10_000 });
  await screenshot(page, 'oauth-token-2-connected');
});
