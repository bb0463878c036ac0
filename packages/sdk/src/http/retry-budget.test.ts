// The documented retry budget, measured end to end: the engine runs a step whose connector action calls a fake
// API that always fails, and we count the requests that reached it.
import { executeFlow, type FlowDefinition, type RetryPolicy, type StepRecord } from '@weft/core';
import { describe, expect, test } from 'vitest';
import { createConnectorRegistry, createMemoryCredentialProvider } from '../runtime.js';
import { fakeApis } from '../test-support/fake-apis.js';
import { apiConnector } from '../test-support/sample-connectors.js';
import { createFakeClock, type FakeApi, type FakeApiResponse } from '../testing/index.js';

const startApi = fakeApis();
const failingApi = (response: FakeApiResponse) => startApi(() => response);

async function runStep(api: FakeApi, retry: RetryPolicy | undefined) {
  const clock = createFakeClock();
  const registry = createConnectorRegistry({
    outbound: { allow: ['127.0.0.1'] },
    credentials: createMemoryCredentialProvider([]),
    clock,
    random: () => 0.5,
    // The breaker would cap a failing call at its threshold and hide how the layers compose.
    breaker: { failureThreshold: 1000 },
  });
  registry.register(apiConnector({ baseUrl: api.url }), 'test');
  const flow: FlowDefinition = {
    schema: 'weft.flow/v1',
    name: 'budget',
    trigger: { id: 'start', connector: 'webhook@1', trigger: 'event' },
    steps: [{ id: 'call', use: 'api@1.call', config: { path: '/x' }, ...(retry ? { retry } : {}) }],
    edges: [{ from: 'start', to: 'call' }],
  };
  const steps: StepRecord[] = [];
  const outcome = await executeFlow({
    flow,
    runId: 'r1',
    input: {},
    sandbox: {
      render: () => Promise.reject(new Error('no mappings in this flow')),
      runCode: () => Promise.reject(new Error('no code in this flow')),
    },
    journal: {
      loadSteps: () => Promise.resolve([]),
      saveStep: (record) => Promise.resolve(void steps.push(record)),
      appendLog: () => Promise.resolve(),
    },
    clock,
    random: () => 0.5,
    actions: registry,
  });
  await registry.close();
  return { outcome, clock };
}

describe('one retry budget for a failing call', () => {
  test('a step with a retry policy sends exactly its attempts as requests (not attempts × request retries)', async () => {
    const api = await failingApi({ status: 503 });
    const { outcome } = await runStep(api, { attempts: 5, delay: 10 });
    expect(outcome.status).toBe('failed');
    expect(api.requests).toHaveLength(5);
  });

  test('a step without a policy gets the in-process default of 3 requests', async () => {
    const api = await failingApi({ status: 503 });
    await runStep(api, undefined);
    expect(api.requests).toHaveLength(3);
  });

  test('a 429 with Retry-After: 3 delays the step’s next attempt by at least 3 s', async () => {
    const api = await failingApi({ status: 429, headers: { 'retry-after': '3' } });
    const { clock } = await runStep(api, { attempts: 2, delay: 10, maxDelay: 100 });
    expect(api.requests).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });
});
