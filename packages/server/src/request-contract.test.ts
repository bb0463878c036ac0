// Requests are checked against the route contract before any handler runs: every problem of the params, query
// or body comes back at once in one 400 problem, each with a JSON Pointer to what is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime({ editorDir: '/nonexistent-editor-build' });
});
afterAll(() => weft?.close());

interface ProblemReply {
  code?: string;
  pointer?: string;
  problems?: { code: string; pointer: string; message: string }[];
}

describe('request contract', () => {
  it('lists every body problem with its pointer', async () => {
    const response = await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: '', kind: 'password', values: { apiKey: 7 } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as ProblemReply;
    expect(problem.problems?.map((p) => p.pointer).sort()).toEqual(['/connector', '/kind', '/name', '/values/apiKey']);
    expect(problem.problems?.every((p) => p.code === 'invalid_body' && p.message.length > 0)).toBe(true);
  });

  it('checks and coerces the query', async () => {
    const bad = await weft.api('/api/runs?limit=0&status=sleeping');
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as ProblemReply;
    expect(problem.problems?.map((p) => p.pointer).sort()).toEqual(['/query/limit', '/query/status']);
    const good = await weft.api('/api/runs?limit=2&status=failed');
    expect(good.status).toBe(200);
  });

  it('refuses a body that is not an object', async () => {
    const response = await weft.api('/api/auth/tokens', { method: 'POST', json: ['name'] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ProblemReply).pointer).toBe('');
  });
});
