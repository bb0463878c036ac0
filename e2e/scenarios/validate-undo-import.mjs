// Scenario (b): an invalid configuration is shown on its node and blocks publishing; undo/redo restore the
// canvas; a flow exported to a file and imported again is the same flow.
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import {
  apiCall,
  assert,
  createFlow,
  dragFromPalette,
  login,
  screenshot,
  selectNode,
  waitFor,
} from '../lib/editor.mjs';

export async function validationUndoAndImport({ page, baseUrl, artifacts }) {
  await login(page, baseUrl);
  const flowId = await createFlow(page, 'E2E validation');
  await dragFromPalette(page, 'palette-trigger:webhook@1:event', { x: 140, y: 180 });

  // Keyboard: with the trigger selected, Enter on a palette item adds it after the trigger, connected.
  await selectNode(page, 'trigger');
  await page.getByLabel('Search nodes').fill('if');
  await page.getByTestId('palette-action:if').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('node-if').waitFor();
  await page.locator('.react-flow__edge[data-id="trigger:success->if"]').waitFor({ state: 'attached' });

  // The `if` has no condition: the server's problem shows on the node and on the field, and publish is refused.
  await page.locator('[data-testid="node-if"][data-problems]:not([data-problems="0"])').waitFor({ timeout: 10_000 });
  const nodeProblem = await page.getByTestId('node-problems-if').innerText();
  assert(/condition/i.test(nodeProblem), `the node shows "${nodeProblem}" instead of a problem about its condition`);
  await selectNode(page, 'if');
  await page.locator('[data-testid="field-condition"] .field-problems').waitFor();
  await screenshot(page, artifacts, '07-validation-problem');
  await page.getByTestId('publish-flow').click();
  await page
    .getByTestId('notice')
    .getByText(/Cannot publish|Not (saved|published)/)
    .waitFor();
  const versions = await apiCall(page, baseUrl, 'GET', `/api/flows/${encodeURIComponent(flowId)}/versions`);
  assert(
    versions.status === 200 && versions.body.items.length === 0,
    `an invalid flow was published: ${JSON.stringify(versions.body)}`,
  );

  // Undo removes the added step (and its edge), redo brings both back.
  await page.keyboard.press('Escape');
  await page.getByTestId('undo').click();
  await waitFor(async () => (await page.getByTestId('node-if').count()) === 0, {
    message: 'undo to remove the if node',
  });
  await page.getByTestId('redo').click();
  await page.getByTestId('node-if').waitFor();
  await page.locator('.react-flow__edge[data-id="trigger:success->if"]').waitFor({ state: 'attached' });

  // Fix the problem, save, and the flow publishes.
  await selectNode(page, 'if');
  await page.locator('#f-condition').fill('{{ trigger.body.amount > 10 }}');
  await page.locator('[data-testid="node-if"][data-problems="0"]').waitFor({ timeout: 10_000 });
  await page.getByTestId('save-flow').click();
  await page.getByTestId('save-state').getByText('All changes saved').waitFor();
  await page.getByTestId('publish-flow').click();
  await page
    .getByTestId('notice')
    .getByText(/Published version 1/)
    .waitFor();

  // Export, then import the file from the flows list: the new flow has the same definition.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-flow').click()]);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  await page.getByRole('link', { name: 'Flows', exact: true }).click();
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'flow.weft.json', mimeType: 'application/json', buffer: await readFile(file) });
  await page.waitForURL(
    (url) => /\/flows\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(encodeURIComponent(flowId)),
  );
  const importedId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  const original = await apiCall(page, baseUrl, 'GET', `/api/flows/${encodeURIComponent(flowId)}`);
  const imported = await apiCall(page, baseUrl, 'GET', `/api/flows/${encodeURIComponent(importedId)}`);
  assert(isDeepStrictEqual(exported, original.body.definition), 'the exported file differs from the saved flow');
  assert(
    isDeepStrictEqual(imported.body.definition, original.body.definition),
    `the imported flow differs:\n${JSON.stringify(imported.body.definition)}\nvs\n${JSON.stringify(original.body.definition)}`,
  );
  await page.getByTestId('node-if').waitFor();
  await screenshot(page, artifacts, '08-imported-flow');
}
