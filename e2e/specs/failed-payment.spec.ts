// Scenario (the issue's first): a first-time user builds "Stripe invoice.payment_failed → look up the customer →
// Slack message + email" against local fakes of Stripe, Slack and Gmail: chooses the trigger from the list, stores the signing
// secret and makes both connections through the forms (their API address under Advanced points at the fakes),
// listens for a test event signed with Stripe's own library, maps with the picker, tests each step, publishes,
// fires a signed delivery, watches it go green live, and finds the Slack text and the email recipient in the run.
// Screenshots: payment-*. Gmail's connection is made with the (short-lived) access token form.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { createFlow, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';
import type { Page } from '@playwright/test';

const requireFromStripe = createRequire(join(import.meta.dirname, '..', '..', 'connectors', 'stripe', 'package.json'));
interface StripeLib {
  webhooks: { generateTestHeaderString(options: { payload: string; secret: string }): string };
}
const Stripe = requireFromStripe('stripe') as new (key: string) => StripeLib;
const stripe = new Stripe('sk_test_e2e');
const WHSEC = 'whsec_e2e_payment_secret';

let stripeApi: FakeApi;
let slackApi: FakeApi;
let gmailApi: FakeApi;

test.beforeAll(async () => {
  stripeApi = await startFakeApi({
    'GET /v1/customers/cus_e2e': () => ({
      json: { id: 'cus_e2e', object: 'customer', email: 'ada@example.com', name: 'Ada Lovelace' },
    }),
  });
  slackApi = await startFakeApi({
    'POST /api/chat.postMessage': (r) => ({
      json: { ok: true, channel: 'C0BILLING', ts: '1.0', message: { text: (r.json as { text: string }).text } },
    }),
  });
  gmailApi = await startFakeApi({
    'POST /gmail/v1/users/me/messages/send': () => ({ json: { id: '18d0c1', threadId: '18d0c1', labelIds: ['SENT'] } }),
  });
});
test.afterAll(async () => {
  await Promise.all([stripeApi?.close(), slackApi?.close(), gmailApi?.close()]);
});

function invoiceFailed(id: string): string {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'invoice.payment_failed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    api_version: '2024-06-20',
    data: { object: { id: 'in_1', object: 'invoice', customer: 'cus_e2e', amount_due: 4900, currency: 'usd' } },
  });
}

function sendSigned(url: string, payload: string): Promise<Response> {
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WHSEC });
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
}

/** Adds a palette action after the selected node (search, then Enter) and returns its node id. */
async function addAfter(page: Page, from: string, search: string, item: string): Promise<string> {
  await selectNode(page, from);
  await page.getByLabel('Search nodes').fill(search);
  await page.getByTestId(item).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Search nodes').fill('');
  return (await page.locator('.react-flow__node').last().getAttribute('data-id')) ?? '';
}

/** "Connect new…" with a token or key, its API address (Advanced) at a fake. */
async function connectWith(page: Page, field: string, value: string, apiAddress: string, tokenForm = false) {
  await page.getByRole('button', { name: 'Connect new…' }).click();
  if (tokenForm) await page.getByTestId('toggle-token-form').click();
  await page.getByTestId(`credential-field-${field}`).fill(value);
  await page.getByTestId('credential-advanced').locator('summary').click();
  await page.getByTestId('credential-field-baseUrl').fill(apiAddress);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('field-problems-credential')).toHaveCount(0, { timeout: 10_000 });
}

test('a first-time user builds the failed-payment flow, tests it, publishes it and watches it run', async ({
  page,
}) => {
  await login(page);
  const flowId = await createFlow(page, 'E2E Stripe failed payment', 'trigger:stripe@1:event');
  const hookUrl = new URL(`/hooks/${flowId}`, page.url()).href;

  // The trigger: its signing secret through the form, then a test event signed by Stripe's library.
  await selectNode(page, 'trigger');
  await page.getByTestId('signing-secret-input').fill(WHSEC);
  await page.getByTestId('save-signing-secret').click();
  await expect(page.getByTestId('signing-secret')).toContainText('Stored encrypted');
  await page.getByTestId('save-flow').click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.getByTestId('listen-event').click();
  await expect(page.getByTestId('listening')).toBeVisible();
  let status = 0;
  for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
    status = (await sendSigned(hookUrl, invoiceFailed('evt_sample'))).status;
    if (status !== 200) await page.waitForTimeout(100);
  }
  expect(status).toBe(200);
  await expect(page.getByTestId('sample-input')).toHaveValue(/cus_e2e/);
  await screenshot(page, 'payment-1-test-event');

  // Look up the customer: a Stripe connection through the key form, the id mapped with the picker.
  const customer = await addAfter(page, 'trigger', 'customer', 'palette-action:stripe@1.getCustomer');
  await selectNode(page, customer);
  await connectWith(page, 'apiKey', 'sk_test_e2e', `${stripeApi.url}/v1`);
  await page.getByRole('button', { name: /Insert data into Customer id/i }).click();
  await page.getByPlaceholder('Filter fields').fill('customer');
  await page.locator('[data-testid="expression-picker"] [data-expression="trigger.data.object.customer"]').click();
  await page.getByTestId('test-step').click();
  await expect(page.getByTestId('step-test-result')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('step-test-output')).toContainText('Ada Lovelace');
  await screenshot(page, 'payment-2-customer-tested');

  // The Slack message: a bot token through the token form, the text mapped from the customer with the picker.
  const alert = await addAfter(page, customer, 'slack message', 'palette-action:slack@1.postMessage');
  await selectNode(page, alert);
  await connectWith(page, 'accessToken', 'xoxb-e2e', `${slackApi.url}/api`, true);
  await page.locator('#f-channel').fill('#billing');
  await page.getByRole('button', { name: /Insert data into Text/i }).click();
  await page.getByPlaceholder('Filter fields').fill('name');
  await page.locator(`[data-testid="expression-picker"] [data-expression="steps.${customer}.name"]`).click();
  await page.getByTestId('test-step').click();
  await expect(page.getByTestId('step-test-result')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
  expect(slackApi.requests.some((r) => r.body.includes('Ada Lovelace'))).toBe(true);
  await screenshot(page, 'payment-3-slack-tested');

  // The email: a Google access token through the token form, the recipient mapped from the customer.
  const email = await addAfter(page, customer, 'send email', 'palette-action:google@1.sendEmail');
  await selectNode(page, email);
  await connectWith(page, 'accessToken', 'ya29.e2e', gmailApi.url, true);
  await page.getByRole('button', { name: '+ Add to' }).click();
  await page.getByRole('button', { name: /Insert data into To 1/i }).click();
  await page.getByPlaceholder('Filter fields').fill('email');
  await page.locator(`[data-testid="expression-picker"] [data-expression="steps.${customer}.email"]`).click();
  await page.locator('#f-subject').fill('Your payment did not go through');
  await page.locator('#f-text').fill('Please update your payment method.');
  await page.getByTestId('test-step').click();
  await expect(page.getByTestId('step-test-result')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
  expect(gmailApi.requests).toHaveLength(1);
  await screenshot(page, 'payment-3b-email-tested');

  // Publish and switch on; a signed delivery runs live on the canvas.
  await page.getByTestId('publish-flow').click();
  await expect(page.getByTestId('live-state')).toHaveText('On · v1');
  await page.keyboard.press('Escape');
  const before = slackApi.requests.length;
  const live = await sendSigned(hookUrl, invoiceFailed('evt_live'));
  expect(live.status).toBe(202);
  const { runId } = (await live.json()) as { runId: string };
  await expect(page.locator('[data-testid="live-run"][data-status="succeeded"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(`[data-testid="node-${alert}"][data-status="succeeded"]`)).toBeVisible();
  await screenshot(page, 'payment-4-live-run');
  expect(slackApi.requests.slice(before).some((r) => r.body.includes('Ada Lovelace'))).toBe(true);

  // The run page shows what went to Slack.
  await page.goto(`/runs/${encodeURIComponent(runId)}`);
  await expect(page.locator('[data-testid="run-page"][data-status="succeeded"]')).toBeVisible();
  await page.getByTestId(`step-row-${alert}`).click();
  await expect(page.getByTestId('step-output')).toContainText('Ada Lovelace');
  await screenshot(page, 'payment-5-run');
  await page.getByTestId(`step-row-${email}`).click();
  await expect(page.locator('[data-testid="run-page"]')).toContainText('ada@example.com');
  await screenshot(page, 'payment-6-run-email');
  const mime = Buffer.from((gmailApi.requests.at(-1)!.json as { raw: string }).raw, 'base64url').toString('utf8');
  expect(mime).toContain('To: ada@example.com');
});
