// Scenario: the editor is served like a product (scripts compressed, hashed files cached as immutable, initial JS
// under 500 KB as sent), and a 200-step flow opens where it starts, legible, with a minimap. Timings are written
// to e2e/artifacts/figures.json for the record, not asserted (no wall-clock asserts).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiCall, ARTIFACTS, login, screenshot } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

test('assets go out compressed and cached; a 200-step flow opens at its trigger', async ({ page }) => {
  const scripts: { url: string; encoding: string | undefined; cache: string | undefined; sent: number }[] = [];
  page.on('response', async (response) => {
    if (!/\/assets\/.+\.js$/.test(response.url())) return;
    const headers = await response.allHeaders();
    const sizes = await response.request().sizes();
    scripts.push({
      url: response.url(),
      encoding: headers['content-encoding'],
      cache: headers['cache-control'],
      sent: sizes.responseBodySize,
    });
  });
  await login(page);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    // Files under 1 KB (the bundler's runtime stub) are not worth compressing.
    if (script.sent >= 1024 || script.encoding) expect(script.encoding, script.url).toMatch(/^(br|gzip)$/);
    expect(script.cache, script.url).toContain('immutable');
  }
  // A file served again from the memory cache reports no (or a negative) body size: it was not sent.
  const initialJs = scripts.reduce((sum, s) => sum + Math.max(0, s.sent), 0);
  expect(initialJs, 'initial JS as sent').toBeLessThan(500 * 1024);

  // 200 steps in a chain, laid out left to right.
  const steps = Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, use: 'transform.map', config: { n: i } }));
  const layout: Record<string, { x: number; y: number }> = { trigger: { x: 0, y: 0 } };
  steps.forEach((s, i) => (layout[s.id] = { x: 280 * ((i % 20) + 1), y: 160 * Math.floor(i / 20) }));
  const created = await apiCall<{ id: string }>(page, 'POST', '/api/flows', {
    definition: {
      schema: 'weft.flow/v1',
      name: 'E2E 200 steps',
      trigger: { id: 'trigger', connector: 'manual@1', trigger: 'run' },
      steps,
      edges: steps.map((s, i) => ({ from: i ? `s${i - 1}` : 'trigger', to: s.id })),
      layout,
    },
  });
  expect(created.status).toBe(201);
  const opened = Date.now();
  await page.goto(`/flows/${encodeURIComponent(created.body.id)}`);
  await expect(page.getByTestId('node-trigger')).toBeInViewport();
  const interactiveMs = Date.now() - opened;
  await expect(page.locator('.react-flow__minimap')).toBeVisible();
  // Legible: the trigger's title is drawn at 10 px or more on screen.
  const titleHeight = await page
    .getByTestId('node-trigger')
    .locator('.flow-node-title')
    .evaluate((el) => el.getBoundingClientRect().height);
  expect(titleHeight).toBeGreaterThanOrEqual(10);
  await screenshot(page, 'large-flow-200-steps');

  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(
    join(ARTIFACTS, 'figures.json'),
    `${JSON.stringify({ initialJsBytesSent: initialJs, scripts, flow200InteractiveMs: interactiveMs }, null, 2)}\n`,
  );
});
