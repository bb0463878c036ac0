// Routing and authentication decide on the same path: no spelling of an API path (case, slashes, encoding,
// dot segments) reaches a route without its authentication, role and CSRF checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './test-support/raw-http.js';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
let bare: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime({
    editorDir: new URL('./test-support/editor-fixture', import.meta.url).pathname,
  });
  bare = await startTestRuntime({ editorDir: '/nonexistent-editor-build' });
});
afterAll(async () => {
  await weft?.close();
  await bare?.close();
});

const FLOW = JSON.stringify({
  schema: 'weft.flow/v1',
  name: 'sneaky',
  trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
  steps: [],
  edges: [],
});

describe('path spellings', () => {
  it.each([
    '/API/flows',
    '/Api/flows',
    '/api/FLOWS',
    '/api/flows/',
    '//api/flows',
    '/api//flows',
    '/%61pi/flows',
    '/api%2Fflows',
    '/api/x/../flows',
    '/api/./flows',
    '/api/%2e/flows',
    '/api\\flows',
  ])('refuses an anonymous flow creation at %s', async (path) => {
    const response = await rawRequest(weft.url, {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: FLOW,
    });
    expect([401, 404]).toContain(response.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 problem+json, not 500, for GET /API/auth/me', async () => {
    const response = await rawRequest(bare.url, { path: '/API/auth/me' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('does not serve the editor page for an API path spelled in capitals', async () => {
    const response = await rawRequest(weft.url, { path: '/API/flows', headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
  });

  it('still serves the real routes to a signed-in caller', async () => {
    const response = await weft.api('/api/flows');
    expect(response.status).toBe(200);
  });
});
