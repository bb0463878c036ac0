// Scenario (b): an invalid configuration is shown on its node and blocks publishing; undo/redo restore the
// canvas; a flow exported to a file and imported again is the same flow.
import { readFile } from 'node:fs/promises';
import { apiCall, createFlow, dragFromPalette, edge, flowIdOf, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

test('invalid config blocks publish; undo/redo; export then import gives the same flow', async ({ page }) => {
  await login(page);
  const flowId = await createFlow(page, 'E2E validation');
  await dragFromPalette(page, 'palette-trigger:webhook@1:event', { x: 140, y: 180 });

  // Keyboard: with the trigger selected, Enter on a palette item adds it after the trigger, connected.
  await selectNode(page, 'trigger');
  await page.getByLabel('Search nodes').fill('if');
  await page.getByTestId('palette-action:if').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-if')).toBeVisible();
  await expect(edge(page, 'trigger', 'success', 'if')).toBeAttached();

  // The `if` has no condition: the server's problem shows on the node and on the field, and publish is refused.
  await expect(page.locator('[data-testid="node-if"][data-problems]:not([data-problems="0"])')).toBeVisible({
    timeout: 10_000,
  });
  await expect(page.getByTestId('node-problems-if')).toContainText(/condition/i);
  await selectNode(page, 'if');
  await expect(page.locator('[data-testid="field-condition"] .field-problems')).toBeVisible();
  await screenshot(page, '07-validation-problem');
  await page.getByTestId('publish-flow').click();
  await expect(page.getByTestId('notice').getByText(/Cannot publish|Not (saved|published)/)).toBeVisible();
  const versions = await apiCall<{ items: unknown[] }>(
    page,
    'GET',
    `/api/flows/${encodeURIComponent(flowId)}/versions`,
  );
  expect(versions.status).toBe(200);
  expect(versions.body.items, 'an invalid flow was published').toEqual([]);

  // Undo removes the added step (and its edge), redo brings both back.
  await page.keyboard.press('Escape');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-if')).toHaveCount(0);
  await expect(edge(page, 'trigger', 'success', 'if')).toHaveCount(0);
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('node-if')).toBeVisible();
  await expect(edge(page, 'trigger', 'success', 'if')).toBeAttached();

  // Fix the problem, save, and the flow publishes.
  await selectNode(page, 'if');
  await page.locator('#f-condition').fill('{{ trigger.body.amount > 10 }}');
  await expect(page.locator('[data-testid="node-if"][data-problems="0"]')).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('save-flow').click();
  await expect(page.getByTestId('save-state').getByText('All changes saved')).toBeVisible();
  await page.getByTestId('publish-flow').click();
  await expect(page.getByTestId('notice').getByText(/Published version 1/)).toBeVisible();

  // Export, then import the file from the flows list: the new flow has the same definition.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-flow').click()]);
  const file = await download.path();
  const exported: unknown = JSON.parse(await readFile(file, 'utf8'));
  await page.getByRole('link', { name: 'Flows', exact: true }).click();
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'flow.weft.json', mimeType: 'application/json', buffer: await readFile(file) });
  await page.waitForURL(
    (url) => /\/flows\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(encodeURIComponent(flowId)),
  );
  const importedId = flowIdOf(page);
  const original = await apiCall<{ definition: unknown }>(page, 'GET', `/api/flows/${encodeURIComponent(flowId)}`);
  const imported = await apiCall<{ definition: unknown }>(page, 'GET', `/api/flows/${encodeURIComponent(importedId)}`);
  expect(exported, 'the exported file differs from the saved flow').toStrictEqual(original.body.definition);
  expect(imported.body.definition, 'the imported flow differs').toStrictEqual(original.body.definition);
  await expect(page.getByTestId('node-if')).toBeVisible();
  await screenshot(page, '08-imported-flow');
});
