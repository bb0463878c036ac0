// The GitHub webhook trigger against signatures made by @octokit/webhooks-methods (GitHub's own library).
import { sign, verify } from '@octokit/webhooks-methods';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { runWebhook } from '@weft/sdk/testing';
import connector from '../index.js';
import { selectGithubEvents } from './event.js';

const secret = 'It’s a Secret to Everybody';
const payload = JSON.stringify({
  action: 'opened',
  issue: { number: 7, title: 'Login button does nothing', body: 'Clicking it…', labels: [] },
  repository: { full_name: 'octo/widgets', name: 'widgets', owner: { login: 'octo' } },
  sender: { login: 'ada' },
});

const deliver = async (body: string, headers: Record<string, string>) =>
  runWebhook(connector, 'event', { body, headers: { 'content-type': 'application/json', ...headers }, secret });

describe('GitHub webhook', () => {
  test('accepts a delivery signed by @octokit/webhooks-methods, keyed by the digest of the signed body', async () => {
    const signature = await sign(secret, payload);
    expect(await verify(secret, payload, signature)).toBe(true);
    const outcome = await deliver(payload, {
      'X-Hub-Signature-256': signature,
      'X-GitHub-Event': 'issues',
      'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    });
    expect(outcome).toEqual({
      ok: true,
      eventId: `body-sha256:${createHash('sha256').update(payload).digest('hex')}`,
      events: [{ ...JSON.parse(payload), event: 'issues', deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958' }],
    });
  });

  test('rejects a forged signature, a tampered body and the legacy sha1 header alone', async () => {
    const forged = await sign('wrong secret', payload);
    expect(await verify(secret, payload, forged)).toBe(false);
    const headers = { 'X-GitHub-Event': 'issues', 'X-GitHub-Delivery': 'd-1' };
    await expect(deliver(payload, { ...headers, 'X-Hub-Signature-256': forged })).resolves.toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    const signature = await sign(secret, payload);
    await expect(
      deliver(payload.replace('ada', 'eve'), { ...headers, 'X-Hub-Signature-256': signature }),
    ).resolves.toMatchObject({ ok: false });
    await expect(deliver(payload, { ...headers, 'X-Hub-Signature': 'sha1=0000' })).resolves.toMatchObject({
      ok: false,
    });
  });

  test('GitHub signs no timestamp nor delivery id: a replay under a fresh X-GitHub-Delivery keeps its event id', async () => {
    const headers = { 'X-Hub-Signature-256': await sign(secret, payload), 'X-GitHub-Event': 'issues' };
    const first = await deliver(payload, { ...headers, 'X-GitHub-Delivery': 'delivery-1' });
    const replay = await deliver(payload, { ...headers, 'X-GitHub-Delivery': 'delivery-forged' });
    expect(first).toMatchObject({ ok: true, eventId: expect.stringMatching(/^body-sha256:/) });
    expect(replay).toMatchObject({ ok: true, eventId: (first as { eventId: string }).eventId });
  });

  test('ping produces no event; configured events and actions filter the rest', async () => {
    const ping = JSON.stringify({ zen: 'Design for failure.', hook_id: 1 });
    await expect(
      deliver(ping, {
        'X-Hub-Signature-256': await sign(secret, ping),
        'X-GitHub-Event': 'ping',
        'X-GitHub-Delivery': 'p',
      }),
    ).resolves.toMatchObject({ ok: true, events: [] });
    const request = (event: string, body: string) => ({
      method: 'POST',
      headers: { 'x-github-event': event, 'x-github-delivery': 'd' },
      rawBody: Buffer.from(body),
      body: JSON.parse(body),
    });
    const issueOpened = request('issues', payload);
    expect(selectGithubEvents(issueOpened, { events: ['issues'], actions: ['opened'] })).toHaveLength(1);
    expect(selectGithubEvents(issueOpened, { events: ['issues'], actions: ['closed'] })).toHaveLength(0);
    expect(selectGithubEvents(issueOpened, { events: ['push'] })).toHaveLength(0);
    const push = request('push', JSON.stringify({ ref: 'refs/heads/main' }));
    expect(selectGithubEvents(push, { actions: ['opened'] })).toHaveLength(0);
    expect(selectGithubEvents(push, {})).toHaveLength(1);
  });
});
