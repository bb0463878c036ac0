// Scenario: an If step's condition is built from a field, an operator and a value, never typed as a path; the
// expression it writes stays editable, and a hand-written one is left to the expression field.
import { createFlow, dragFromPalette, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

test('the If condition builder writes the expression, which stays editable', async ({ page }) => {
  await login(page);
  await createFlow(page, 'E2E condition builder');
  await dragFromPalette(page, 'palette-trigger:webhook@1:event', { x: 140, y: 180 });
  await selectNode(page, 'trigger');
  await page.getByTestId('pin-sample').click();
  await page.getByLabel('Search nodes').fill('if');
  await page.getByTestId('palette-action:if').focus();
  await page.keyboard.press('Enter');
  await selectNode(page, 'if');

  const builder = page.getByTestId('condition-builder');
  const fieldSelect = builder.getByLabel(/field$/);
  const option = fieldSelect.locator('option', { hasText: 'name' });
  await fieldSelect.selectOption((await option.first().getAttribute('value'))!);
  await builder.getByLabel(/operator$/).selectOption('eq');
  await builder.getByLabel(/value$/).fill('Ada');
  await expect(page.locator('#f-condition')).toHaveValue('{{ trigger.body.name === "Ada" }}');
  await expect(page.locator('[data-testid="node-if"][data-problems="0"]')).toBeVisible({ timeout: 10_000 });
  await screenshot(page, 'condition-builder');

  // The expression stays editable; a shape the builder cannot show is left to it.
  await page.locator('#f-condition').fill('{{ trigger.body.name === "Ada" || trigger.body.vip }}');
  await expect(builder).toContainText('custom expression');
});
