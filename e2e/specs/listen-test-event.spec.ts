// Scenario: a first-time user starts a flow from the Stripe trigger, stores its signing secret through the form,
// listens for a test event and gets one signed by Stripe's own library (the `stripe` package, the oracle): it is
// pinned as the sample, listed under "Last events", and started no run. Published and switched on, the next signed
// delivery starts a run that goes green on the run page.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { apiCall, createFlow, login, screenshot, selectNode } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

// The stripe package is a devDependency of the Stripe connector (its tests use it as the oracle too).
const requireFromStripe = createRequire(join(import.meta.dirname, '..', '..', 'connectors', 'stripe', 'package.json'));
interface StripeLib {
  webhooks: { generateTestHeaderString(options: { payload: string; secret: string }): string };
}
const Stripe = requireFromStripe('stripe') as new (key: string) => StripeLib;
const stripe = new Stripe('sk_test_e2e');
const WHSEC = 'whsec_e2e_listen_secret';

function invoiceFailed(id: string): string {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'invoice.payment_failed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    api_version: '2024-06-20',
    data: { object: { id: 'in_1', object: 'invoice', customer: 'cus_e2e', amount_due: 2000, status: 'open' } },
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

test('a Stripe test event is pinned as the sample without a run, then a live delivery goes green', async ({ page }) => {
  await login(page);
  const flowId = await createFlow(page, 'E2E failed payments', 'trigger:stripe@1:event');
  await selectNode(page, 'trigger');
  await page.getByTestId('signing-secret-input').fill(WHSEC);
  await page.getByTestId('save-signing-secret').click();
  await expect(page.getByTestId('signing-secret')).toContainText('Stored encrypted');
  await page.getByTestId('save-flow').click();
  await expect
    .poll(
      async () =>
        (await apiCall<{ definition: { trigger: { credential?: string } } }>(page, 'GET', `/api/flows/${flowId}`)).body
          .definition.trigger.credential,
    )
    .toBeTruthy();

  await page.getByTestId('listen-event').click();
  await expect(page.getByTestId('listening')).toBeVisible();
  await screenshot(page, 'listen-1-listening');
  const hookUrl = new URL(`/hooks/${flowId}`, page.url()).href;
  // The listen request is in flight once the button shows "Listening"; a delivery before it registers is refused
  // (404), and a sender retries, as Stripe does.
  let status = 0;
  for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
    status = (await sendSigned(hookUrl, invoiceFailed('evt_test_1'))).status;
    if (status !== 200) await page.waitForTimeout(100);
  }
  expect(status).toBe(200);
  await expect(page.getByTestId('listening')).toBeHidden();
  await expect(page.getByTestId('sample-input')).toHaveValue(/invoice\.payment_failed/);
  await expect(page.getByTestId('last-events')).toContainText('test event (no run)');
  await screenshot(page, 'listen-2-sample-pinned');
  const runs = await apiCall<{ items: unknown[] }>(page, 'GET', `/api/runs?flow=${flowId}&tests=1`);
  expect(runs.body.items).toEqual([]);

  await page.getByTestId('publish-flow').click();
  await expect(page.getByTestId('live-state')).toHaveText('On · v1');
  const live = await sendSigned(hookUrl, invoiceFailed('evt_live_1'));
  expect(live.status).toBe(202);
  const { runId } = (await live.json()) as { runId: string };
  await page.goto(`/runs/${encodeURIComponent(runId)}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
  await screenshot(page, 'listen-3-live-run');
});
