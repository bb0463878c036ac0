// The contract-typed client: a route named by the contract becomes its method and path, with params escaped,
// only defined query values, and the CSRF header on writes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, onUnauthorized } from './client.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

function stubFetch(reply: unknown, status = 200): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    (url: string, init: { method: string; headers: Record<string, string>; body: string | null }) => {
      sent.push({ url, method: init.method, headers: init.headers, body: init.body });
      return Promise.resolve(new Response(status === 204 ? null : JSON.stringify(reply), { status }));
    },
  );
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe('call', () => {
  it('fills path params and the query from the route declaration', async () => {
    const sent = stubFetch({ items: [] });
    const page = await call('listRuns', { query: { flow: 'a b', status: 'failed', limit: 5, cursor: undefined } });
    expect(page.items).toEqual([]);
    expect(sent[0]).toMatchObject({ url: '/api/runs?flow=a+b&status=failed&limit=5', method: 'GET' });
  });

  it('sends writes with their body and the CSRF header', async () => {
    const sent = stubFetch({ runId: 'r1' }, 202);
    const reply = await call('testFlow', { params: { id: 'f/1' }, body: { input: { x: 1 } } });
    expect(reply.runId).toBe('r1');
    expect(sent[0]).toMatchObject({ url: '/api/flows/f%2F1/test', method: 'POST', body: '{"input":{"x":1}}' });
    expect(sent[0]!.headers['X-Weft-Request']).toBe('1');
  });

  it('answers undefined for a route without a reply body', async () => {
    stubFetch(undefined, 204);
    await expect(call('deleteFlow', { params: { id: 'f1' } })).resolves.toBeUndefined();
  });

  it('signs out on a 401 unless the call is quiet about it (the session check)', async () => {
    stubFetch({ title: 'Unauthorized' }, 401);
    let signedOut = 0;
    const stop = onUnauthorized(() => signedOut++);
    await expect(call('me', {}, { quiet401: true })).rejects.toBeInstanceOf(ApiError);
    expect(signedOut).toBe(0);
    await expect(call('me')).rejects.toBeInstanceOf(ApiError);
    expect(signedOut).toBe(1);
    stop();
  });
});
