import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;

const slowFlow = (respond: boolean) => ({
  schema: 'weft.flow/v1',
  name: respond ? 'slow reply' : 'slow',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [
    { id: 'wait', use: 'delay', config: { ms: 1500 } },
    ...(respond ? [{ id: 'reply', use: 'respond', config: { status: 200, body: { late: true } } }] : []),
  ],
  edges: [{ from: 'hook', to: 'wait' }, ...(respond ? [{ from: 'wait', to: 'reply' }] : [])],
});

async function activeFlow(definition: object): Promise<string> {
  const flow = (await (await weft.api('/api/flows', { method: 'POST', json: definition })).json()) as { id: string };
  await weft.api(`/api/flows/${flow.id}/publish`, { method: 'POST' });
  await weft.api(`/api/flows/${flow.id}/activate`, { method: 'POST' });
  return flow.id;
}

beforeAll(async () => {
  weft = await startTestRuntime({
    respondTimeoutMs: 200,
    editorDir: new URL('./test-support/editor-fixture', import.meta.url).pathname,
  });
});
afterAll(() => weft?.close());

describe('runtime edges', () => {
  it('answers 504 problem+json when the flow does not respond in time, and the run goes on', async () => {
    const id = await activeFlow(slowFlow(true));
    const response = await fetch(`${weft.url}/hooks/${id}`, { method: 'POST' });
    expect(response.status).toBe(504);
    const problem = (await response.json()) as { runId: string; detail: string };
    expect(problem.detail).toMatch(/did not respond within 200 ms/);
    expect((await waitForRun(weft, problem.runId)).status).toBe('succeeded');
  });

  it('cancels a running run', async () => {
    const id = await activeFlow(slowFlow(false));
    const { runId } = (await (await fetch(`${weft.url}/hooks/${id}`, { method: 'POST' })).json()) as { runId: string };
    await new Promise((r) => setTimeout(r, 100));
    expect((await weft.api(`/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(202);
    const run = await waitForRun(weft, runId);
    expect(run.status).toBe('cancelled');
    expect((await weft.api(`/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(409);
  });

  it('sends no CORS headers by default', async () => {
    const response = await fetch(`${weft.url}/api/flows`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the editor with security headers and falls back to index.html for client routes', async () => {
    const response = await fetch(`${weft.url}/flows/abc`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toContain('editor fixture');
  });
});
