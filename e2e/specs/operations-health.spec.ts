// Scenario (issue 13, operations): a Stripe connection points at a local fake that answers 503 to three requests
// of every four (so the circuit breaker, which opens after five failures in a row, stays closed and every
// request reaches it). Webhook deliveries run a flow that looks a customer up through that connection until its
// health is `down`: the editor then marks the step and the flow, the flows list and the connections page show
// it, the upstream-5xx alert fires (the e2e server evaluates alerts every second) and the alert history lists
// it; the runs that failed for good are retried in bulk from the Operations page. Screenshots: health-*.
import type { Page } from '@playwright/test';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { apiCall, login, screenshot } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';

interface Health {
  items: { connector: string; connections: { credentialId: string; status: string; errors: number }[] }[];
}
interface History {
  firing: { ruleId: string; subject: string }[];
  items: { ruleId: string; subject: string; state: string }[];
}

let stripeApi: FakeApi;
let served = 0;

test.beforeAll(async () => {
  stripeApi = await startFakeApi({
    'GET /v1/customers/cus_health': () => {
      served += 1;
      return served % 4 === 0
        ? { json: { id: 'cus_health', object: 'customer', email: 'grace@example.com', name: 'Grace Hopper' } }
        : { status: 503, json: { error: { type: 'api_error', message: 'Service unavailable' } } };
    },
  });
});
test.afterAll(async () => {
  await stripeApi?.close();
});

async function connectionStatus(page: Page, credentialId: string): Promise<string | undefined> {
  const { body } = await apiCall<Health>(page, 'GET', '/api/health/connectors');
  return body.items.flatMap((item) => item.connections).find((c) => c.credentialId === credentialId)?.status;
}

test('an unhealthy connection is flagged on its step, its flow and its connection, and its alert is recorded', async ({
  page,
  request,
}) => {
  await login(page);
  const credential = await apiCall<{ id: string }>(page, 'POST', '/api/credentials', {
    connector: 'stripe',
    name: 'Stripe (flaky)',
    kind: 'apiKey',
    values: { apiKey: 'sk_test_health', baseUrl: `${stripeApi.url}/v1` },
  });
  expect(credential.status, JSON.stringify(credential.body)).toBe(201);
  const credentialId = credential.body.id;
  const created = await apiCall<{ id: string }>(page, 'POST', '/api/flows', {
    definition: {
      schema: 'weft.flow/v1',
      name: 'E2E customer lookup (flaky Stripe)',
      trigger: { id: 'trigger', connector: 'webhook@1', trigger: 'event' },
      steps: [
        {
          id: 'customer',
          use: 'stripe@1.getCustomer',
          credential: credentialId,
          config: { customerId: 'cus_health' },
        },
      ],
      edges: [{ from: 'trigger', to: 'customer' }],
      layout: { trigger: { x: 0, y: 0 }, customer: { x: 300, y: 0 } },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const flowId = created.body.id;
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/publish`)).status).toBe(201);
  expect((await apiCall(page, 'POST', `/api/flows/${flowId}/activate`)).status).toBe(200);

  // Deliveries one after another (each run retries its request twice) until more than ten 503s went upstream.
  const failed: string[] = [];
  while (served - Math.floor(served / 4) <= 11) {
    const hook = await request.post(`/hooks/${encodeURIComponent(flowId)}`, { data: { n: served } });
    expect(hook.status()).toBe(202);
    const { runId } = (await hook.json()) as { runId: string };
    let status = '';
    await expect
      .poll(async () => (status = (await apiCall<{ status: string }>(page, 'GET', `/api/runs/${runId}`)).body.status), {
        timeout: 20_000,
      })
      .toMatch(/^(succeeded|failed)$/);
    if (status === 'failed') failed.push(runId);
  }
  expect(failed.length).toBeGreaterThan(0);
  expect(await connectionStatus(page, credentialId)).toBe('down');

  // The editor: a marker on the step (its tooltip gives the figures) and a warning over the canvas.
  await page.goto(`/flows/${encodeURIComponent(flowId)}`);
  const marker = page.getByTestId('node-health-customer');
  await expect(marker).toHaveAttribute('data-health', 'down');
  await expect(marker).toHaveAttribute('title', /Connection down: Down · \d+% errors \(\d+ of \d+ requests in 5 min\)/);
  await expect(page.getByTestId('node-health-trigger')).toHaveCount(0);
  await expect(page.getByTestId('flow-health-banner')).toContainText('1 step uses a connection that is down');
  await screenshot(page, 'health-1-node-warning');

  // The flows list flags the flow.
  await page.getByRole('link', { name: 'Flows', exact: true }).click();
  await expect(page.getByTestId(`flow-health-${flowId}`)).toHaveAttribute('data-health', 'down');
  await screenshot(page, 'health-1b-flows-list');

  // The connections page: the connection's health and the connector's figures.
  await page.getByRole('link', { name: 'Connections', exact: true }).click();
  await expect(page.getByTestId(`health-${credentialId}`)).toHaveAttribute('data-health', 'down');
  await expect(page.getByTestId('connector-health-stripe')).toBeVisible();
  await screenshot(page, 'health-2-connections');

  // The upstream-5xx rule (more than 10 in 5 minutes) fires for Stripe; the history page lists it.
  await expect
    .poll(async () => {
      const { body } = await apiCall<History>(page, 'GET', '/api/alerts/history');
      return body.firing.some((n) => n.ruleId === 'upstream-5xx' && n.subject === 'stripe');
    })
    .toBe(true);
  await page.getByRole('link', { name: 'Alerts', exact: true }).click();
  await expect(page.getByTestId('alert-rules')).toBeVisible();
  await expect(page.getByTestId('rule-upstream-5xx-threshold')).toHaveValue('10');
  await screenshot(page, 'health-3-alert-rules');
  // Rules are edited in place: a wrong value is named and nothing saved; a change is saved and read back.
  await page.getByTestId('rule-step-latency-p95-windowMinutes').fill('soon');
  await page.getByTestId('save-rules').click();
  await expect(page.getByTestId('rule-step-latency-p95')).toContainText('Enter minutes from 0 to 1440.');
  await page.getByTestId('rule-step-latency-p95-windowMinutes').fill('10');
  await page.getByTestId('rule-step-latency-p95-threshold').fill('8000');
  await page.getByTestId('save-rules').click();
  await expect(page.getByText('Alert rules saved.')).toBeVisible();
  const rules = await apiCall<{ items: { id: string; threshold: number; windowMs: number }[] }>(
    page,
    'GET',
    '/api/alerts/rules',
  );
  expect(rules.body.items.find((r) => r.id === 'step-latency-p95')).toMatchObject({
    threshold: 8000,
    windowMs: 600_000,
  });
  await page.getByRole('button', { name: 'History' }).click();
  await page.waitForURL(/\/alerts\/history$/);
  await expect(page.getByTestId('firing-upstream-5xx')).toContainText('Connector stripe');
  await expect(page.getByTestId('alert-history').getByTestId('alert-upstream-5xx-firing').first()).toContainText(
    /stripe answered \d+ times with a 5xx/,
  );
  await screenshot(page, 'health-4-alert-history');

  // Operations: the failed runs are dead letters; all of them are retried at once. A delivery to a flow that
  // does not exist is in the rejected webhooks.
  expect((await request.post('/hooks/e2e-no-such-flow', { data: {} })).status()).toBe(404);
  await page.getByRole('link', { name: 'Operations', exact: true }).click();
  await expect(
    page.getByTestId('rejections-table').getByRole('row').filter({ hasText: 'e2e-no-such-flow' }).first(),
  ).toBeVisible();
  for (const runId of failed) await expect(page.getByTestId(`dead-letter-${runId}`)).toBeVisible();
  await expect(page.getByTestId('retention-policy')).toContainText('deleted after 30 days');
  await page.getByTestId('dead-letters-select-all').check();
  await screenshot(page, 'health-5-dead-letters');
  await page.getByTestId('dead-letters-retry').click();
  await expect(page.getByRole('status').filter({ hasText: /Retried \d+ runs?\./ })).toBeVisible();
  for (const runId of failed) await expect(page.getByTestId(`dead-letter-${runId}`)).toHaveCount(0);
});
