// The live flow cache through HTTP: webhooks stop reading the flow from the database once it is cached, and every
// change made through the API is seen by the very next webhook (publish, deactivate, activate, delete).
import type { FlowDefinition } from '@weft/core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { postHook, startTestRuntime, type TestRuntime } from '../test-support/runtime.js';
import { FlowCache } from './flow-cache.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft.close());

const definition = (version: number) => ({
  schema: 'weft.flow/v1',
  name: 'cached',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'reply', use: 'respond', config: { status: 200, body: { version } } }],
  edges: [{ from: 'hook', to: 'reply' }],
});

async function answer(flowId: string): Promise<{ status: number; body: unknown }> {
  const response = await postHook(weft, flowId, {});
  const text = await response.text();
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

test('the live flow is read once, and each change through the API is seen by the next webhook', async () => {
  const created = await weft.api('/api/flows', { method: 'POST', json: definition(1) });
  const { id } = (await created.json()) as { id: string };
  expect((await answer(id)).status).toBe(404);
  await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
  await weft.api(`/api/flows/${id}/activate`, { method: 'POST' });

  const getLive = vi.spyOn(weft.store.flows, 'getLive');
  expect(await answer(id)).toEqual({ status: 200, body: { version: 1 } });
  expect(await answer(id)).toEqual({ status: 200, body: { version: 1 } });
  expect(getLive).toHaveBeenCalledTimes(1);

  // A saved draft is not live; publishing it is.
  await weft.api(`/api/flows/${id}`, { method: 'PUT', json: definition(2) });
  expect(await answer(id)).toEqual({ status: 200, body: { version: 1 } });
  await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
  expect(await answer(id)).toEqual({ status: 200, body: { version: 2 } });

  await weft.api(`/api/flows/${id}/deactivate`, { method: 'POST' });
  expect((await answer(id)).status).toBe(404);
  await weft.api(`/api/flows/${id}/activate`, { method: 'POST' });
  expect(await answer(id)).toEqual({ status: 200, body: { version: 2 } });

  await weft.api(`/api/flows/${id}`, { method: 'DELETE' });
  expect((await answer(id)).status).toBe(404);
});

test('invalidations are told to listeners; forgetting a flow tells no one; entries expire after the ttl', async () => {
  let now = 0;
  const reads: string[] = [];
  const cache = new FlowCache(
    {
      getLive: (id) => {
        reads.push(id);
        return Promise.resolve(undefined);
      },
      getVersion: () => Promise.resolve(undefined),
    },
    { ttlMs: 100, now: () => now },
  );
  const heard: string[] = [];
  cache.onInvalidate((id) => heard.push(id));
  await cache.getLive('a');
  await cache.getLive('a');
  now = 100;
  await cache.getLive('a');
  cache.forget('a');
  await cache.getLive('a');
  cache.invalidate('a');
  await cache.getLive('a');
  expect(reads).toEqual(['a', 'a', 'a', 'a']);
  expect(heard).toEqual(['a']);
});

test('published versions are read once per ttl, and a missing one is not remembered', async () => {
  let now = 0;
  const reads: number[] = [];
  const cache = new FlowCache(
    {
      getLive: () => Promise.resolve(undefined),
      getVersion: (flowId, version) => {
        reads.push(version);
        const definition: FlowDefinition = {
          schema: 'weft.flow/v1',
          name: flowId,
          trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
          steps: [],
          edges: [],
        };
        return Promise.resolve(version === 1 ? { flowId, version, definition, createdAt: 0 } : undefined);
      },
    },
    { ttlMs: 100, now: () => now },
  );
  expect((await cache.getVersion('a', 1))?.name).toBe('a');
  await cache.getVersion('a', 1);
  await cache.getVersion('a', 2);
  await cache.getVersion('a', 2);
  now = 100;
  await cache.getVersion('a', 1);
  expect(reads).toEqual([1, 2, 2, 1]);
});
