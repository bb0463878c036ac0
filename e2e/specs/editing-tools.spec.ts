// Scenario (c): the editing tools — code step in CodeMirror with the server's syntax check, copy/paste and
// delete from the keyboard, auto-layout, and a test run of the draft with per-node status.
import { connect, createFlow, dragFromPalette, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

test('code step with syntax check, copy/paste/delete, auto-layout and a test run', async ({ page }) => {
  await login(page);
  await createFlow(page, 'E2E editing tools');
  await page.getByLabel('Search nodes').fill('code');
  await dragFromPalette(page, 'palette-action:transform.code', { x: 420, y: 220 });
  await connect(page, 'trigger', 'success', 'code');

  // The code editor loads on demand; a syntax error comes back from the server onto the node and the editor.
  await selectNode(page, 'code');
  const editor = page.locator('[data-testid="code-editor"] .cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  // (The editor closes brackets itself, so this leaves "… * 2 +}": a syntax error.)
  await page.keyboard.type('return { total: trigger.amount * 2 +');
  await expect(page.locator('[data-testid="node-code"]:not([data-problems="0"])')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-testid="field-code"] .field-problems')).toBeVisible();
  await screenshot(page, '09-code-step-problem');
  await page.keyboard.type(' 1');
  await expect(page.locator('[data-testid="node-code"][data-problems="0"]')).toBeVisible({ timeout: 10_000 });

  // Copy and paste from the keyboard give a second, renamed step; Delete removes it again.
  await page.getByTestId('node-code').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('node-code').click();
  await page.keyboard.press('ControlOrMeta+C');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByTestId('node-code_2')).toBeVisible();
  await page.getByTestId('node-code_2').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-code_2'), 'Delete removes the pasted step').toHaveCount(0);

  // Auto-layout puts the code step right of the trigger, on the same row.
  await page.getByTestId('auto-layout').click();
  await expect
    .poll(
      async () => {
        const a = await page.getByTestId('node-trigger').boundingBox();
        const b = await page.getByTestId('node-code').boundingBox();
        return !!a && !!b && b.x > a.x + a.width && Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < 30;
      },
      { message: 'auto-layout to place code right of the trigger' },
    )
    .toBe(true);

  // Test the draft: the nodes turn green and show their output inline.
  await page.getByTestId('test-flow').click();
  await expect(page.locator('[data-testid="live-run"][data-status="succeeded"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-testid="node-code"][data-status="succeeded"]')).toBeVisible();
  await expect(page.getByTestId('node-data-code')).toContainText('total');
  await screenshot(page, '10-test-run');
});
