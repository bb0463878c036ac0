// Methods a path does not have — WebDAV's PROPFIND or MKCOL, TRACE, or DELETE on a read-only path — are the
// client's mistake: 405 problem+json with Allow, never a 500 and never an error in the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, ERROR_LEVEL } from './test-support/log-capture.js';
import { rawRequest } from './test-support/raw-http.js';
import { startTestRuntime, TOKEN, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
const log = capturingLogger();
beforeAll(async () => {
  weft = await startTestRuntime({ logger: log.logger, editorDir: '/nonexistent-editor-build' });
});
afterAll(() => weft?.close());

describe('unknown methods', () => {
  it.each([
    ['PROPFIND', '/api/flows', 'GET'],
    ['TRACE', '/api/flows/some-id', 'DELETE'],
    ['MKCOL', '/healthz', 'GET'],
    ['LOCK', '/api/auth/login', 'POST'],
    ['DELETE', '/api/connectors', 'GET'],
    ['PATCH', '/api/runs/some-id', 'GET'],
  ])('answers %s %s with 405 and an Allow header', async (method, path, allowed) => {
    const response = await rawRequest(weft.url, { method, path, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(405);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json).toMatchObject({
      status: 405,
      code: 'method_not_allowed',
      type: '/errors#method_not_allowed',
    });
    expect(String(response.headers.allow)).toContain(allowed);
  });

  it('answers an unknown method on a path without routes with 404', async () => {
    const response = await rawRequest(weft.url, { method: 'PROPFIND', path: '/nothing-here' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lists the methods of a path for OPTIONS', async () => {
    const response = await rawRequest(weft.url, { method: 'OPTIONS', path: '/api/flows/some-id' });
    expect(response.status).toBe(204);
    expect(String(response.headers.allow).split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PUT']);
  });

  it('logs nothing at error level for them', () => {
    expect(log.entries.filter((entry) => entry.level >= ERROR_LEVEL)).toEqual([]);
  });
});
