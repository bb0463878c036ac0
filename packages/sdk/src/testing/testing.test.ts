import { describe, expect, test } from 'vitest';
import { apiConnector } from '../test-support/sample-connectors.js';
import { createFakeClock, runAction, runWebhook, signGithub, startFakeApi } from './index.js';

describe('fake clock', () => {
  test('auto-advance records sleeps and moves time', async () => {
    const clock = createFakeClock({ now: 0 });
    await clock.sleep(1500);
    await clock.sleep(500);
    expect(clock.sleeps).toEqual([1500, 500]);
    expect(clock.now()).toBe(2000);
  });

  test('manual mode wakes sleepers as time is advanced, and honours abort', async () => {
    const clock = createFakeClock({ now: 0, autoAdvance: false });
    const woke: number[] = [];
    void clock.sleep(100).then(() => woke.push(100));
    void clock.sleep(300).then(() => woke.push(300));
    const controller = new AbortController();
    const aborted = clock.sleep(200, controller.signal);
    clock.advance(150);
    await Promise.resolve();
    expect(woke).toEqual([100]);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    clock.set(1000);
    await Promise.resolve();
    expect(woke).toEqual([100, 300]);
  });
});

describe('runWebhook', () => {
  const body = { ref: 'refs/heads/main', commits: 2 };
  const payload = JSON.stringify(body);

  test('verifies the signature, takes the delivery id and returns the events', async () => {
    const outcome = await runWebhook(apiConnector(), 'pushed', {
      body: payload,
      headers: { 'X-Hub-Signature-256': signGithub({ payload, secret: 'whsec' }), 'X-GitHub-Delivery': 'd-1' },
      secret: 'whsec',
    });
    expect(outcome).toEqual({ ok: true, eventId: 'd-1', events: [body] });
  });

  test('refuses bad signatures and a missing secret', async () => {
    const headers = { 'x-hub-signature-256': signGithub({ payload, secret: 'other' }) };
    await expect(
      runWebhook(apiConnector(), 'pushed', { body: payload, headers, secret: 'whsec' }),
    ).resolves.toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    await expect(runWebhook(apiConnector(), 'pushed', { body: payload, headers })).resolves.toMatchObject({
      ok: false,
      reason: 'missing_secret',
    });
  });
});

describe('runAction', () => {
  test('refuses to leave the machine by default, so a forgotten baseUrl cannot hit a real API', async () => {
    await expect(
      runAction(apiConnector({ baseUrl: 'https://api.example.com' }), 'call', {
        input: { path: '/x' },
        outbound: {
          lookup: (_host, _options, callback) => callback(null, [{ address: '93.184.216.34', family: 4 }]),
          // Never a real socket, even if the guard were broken.
          socketFactory: (_options, callback) => callback(new Error('socket factory called'), null),
        },
      }),
    ).rejects.toMatchObject({ code: 'connector_address_blocked', details: { reason: 'not allow-listed' } });
  });

  test('reports log lines as they happen and returns them', async () => {
    const api = await startFakeApi(() => ({ status: 503 }));
    const seen: string[] = [];
    try {
      await runAction(apiConnector({ baseUrl: api.url }), 'call', {
        input: { path: '/x' },
        clock: createFakeClock(),
        retry: { attempts: 2 },
        onLog: (log) => seen.push(log.message),
      }).catch(() => undefined);
    } finally {
      await api.close();
    }
    expect(seen).toEqual([expect.stringMatching(/failed with status 503; retrying in \d+ ms \(attempt 2 of 2\)$/)]);
  });
});
