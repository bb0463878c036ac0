// Scenario: a form with a file is posted to a webhook; the run page shows the file (name, type, size) under the
// trigger input with a download link, and the download is the uploaded bytes.
import { readFile } from 'node:fs/promises';
import { apiCall, login, screenshot } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

test('an uploaded file shows on the run page and downloads as it was sent', async ({ page, request }) => {
  await login(page);
  const created = await apiCall<{ id: string }>(page, 'POST', '/api/flows', {
    definition: {
      schema: 'weft.flow/v1',
      name: 'E2E upload',
      trigger: { id: 'trigger', connector: 'webhook@1', trigger: 'event' },
      steps: [{ id: 'name', use: 'transform.map', config: { file: '{{ trigger.body.invoice.$file.name }}' } }],
      edges: [{ from: 'trigger', to: 'name' }],
    },
  });
  const flowId = created.body.id;
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/publish`)).status).toBe(201);
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/activate`)).status).toBe(200);
  const bytes = Buffer.from('%PDF-1.7\nan invoice\n'.repeat(200));
  const hook = await request.post(`/hooks/${encodeURIComponent(flowId)}`, {
    multipart: {
      customer: 'ACME',
      invoice: { name: 'invoice-42.pdf', mimeType: 'application/pdf', buffer: bytes },
    },
  });
  expect(hook.status()).toBe(202);
  const { runId } = (await hook.json()) as { runId: string };
  await expect
    .poll(async () => (await apiCall<{ status: string }>(page, 'GET', `/api/runs/${runId}`)).body.status)
    .toBe('succeeded');

  await page.goto(`/runs/${encodeURIComponent(runId)}`);
  const chips = page.getByTestId('file-chips');
  await expect(chips).toContainText('invoice-42.pdf');
  await expect(chips).toContainText('application/pdf · 3.9 KB');
  await screenshot(page, 'run-files-chip');
  const [download] = await Promise.all([page.waitForEvent('download'), chips.getByText('Download').click()]);
  expect(download.suggestedFilename()).toBe('invoice-42.pdf');
  expect((await readFile(await download.path())).equals(bytes)).toBe(true);
});
