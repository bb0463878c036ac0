import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFakeClock, runAction } from '@weft/sdk/testing';
import connector from '../index.js';
import { startFakeSlack, type FakeSlack } from '../test-support/fake-slack.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());
const options = () => ({ credentials: { accessToken: 'xoxb-test-token' }, baseUrl: slack.baseUrl });

const blocks = [
  { type: 'header', text: { type: 'plain_text', text: 'Payment failed' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*Ada* owes $20.00' } },
];

describe('messages', () => {
  test('postMessage sends blocks as JSON with the bot token and returns the message ts', async () => {
    const { output } = await runAction(connector, 'postMessage', {
      ...options(),
      input: { channel: '#billing', text: 'Payment failed for Ada', blocks, unfurlLinks: false },
    });
    expect(output).toEqual({ channel: 'C02', ts: expect.stringMatching(/^\d+\.\d+$/), text: 'Payment failed for Ada' });
    const request = slack.api.requests.at(-1)!;
    expect(request.path).toBe('/api/chat.postMessage');
    expect(request.headers).toMatchObject({
      authorization: 'Bearer xoxb-test-token',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(request.json).toEqual({ channel: '#billing', text: 'Payment failed for Ada', blocks, unfurl_links: false });
  });

  test('updateMessage replaces the text of a posted message', async () => {
    const { output: posted } = await runAction(connector, 'postMessage', {
      ...options(),
      input: { channel: 'C01', text: 'Deploying…' },
    });
    const { output } = await runAction(connector, 'updateMessage', {
      ...options(),
      input: { channel: posted.channel, ts: posted.ts, text: 'Deployed ✅' },
    });
    expect(output).toEqual({ channel: 'C01', ts: posted.ts, text: 'Deployed ✅' });
    expect(slack.messages.get(`C01/${posted.ts}`)?.text).toBe('Deployed ✅');
  });

  test('Slack’s ok:false errors become errors of the right kind', async () => {
    await expect(
      runAction(connector, 'postMessage', { ...options(), input: { channel: 'C99', text: 'hi' } }),
    ).rejects.toMatchObject({ code: 'slack_channel_not_found', details: { kind: 'notFound' } });
    await expect(
      runAction(connector, 'postMessage', { ...options(), input: { channel: 'C04', text: 'hi' } }),
    ).rejects.toMatchObject({ code: 'slack_not_in_channel', message: expect.stringContaining('/invite') });
    await expect(
      runAction(connector, 'postMessage', {
        ...options(),
        credentials: { accessToken: 'xoxb-revoked' },
        input: { channel: 'C01', text: 'hi' },
      }),
    ).rejects.toMatchObject({ code: 'slack_invalid_auth', details: { kind: 'auth' }, retryable: false });
    slack.failNext('chat.postMessage', { json: { ok: false, error: 'missing_scope', needed: 'chat:write.public' } });
    await expect(
      runAction(connector, 'postMessage', { ...options(), input: { channel: 'C01', text: 'hi' } }),
    ).rejects.toMatchObject({ message: expect.stringContaining('needs the chat:write.public scope') });
    await expect(
      runAction(connector, 'updateMessage', { ...options(), input: { channel: 'C01', ts: '1.2', text: 'x' } }),
    ).rejects.toMatchObject({ code: 'slack_message_not_found' });
  });

  test('a message needs text or blocks', async () => {
    const before = slack.api.requests.length;
    await expect(
      runAction(connector, 'postMessage', { ...options(), input: { channel: 'C01' } }),
    ).rejects.toMatchObject({
      code: 'slack_no_content',
    });
    expect(slack.api.requests.length).toBe(before);
  });

  test('a 429 is retried after Slack’s Retry-After, on the fake clock', async () => {
    slack.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '7' } });
    const clock = createFakeClock();
    const { output } = await runAction(connector, 'postMessage', {
      ...options(),
      clock,
      input: { channel: 'C01', text: 'after the wait' },
    });
    expect(output.text).toBe('after the wait');
    expect(clock.sleeps).toContain(7000);
  });

  test('a rotated bot token is refreshed through oauth.v2.access with the client’s Basic auth', async () => {
    const clock = createFakeClock();
    const rotating = { ...connector, auth: { ...connector.auth, tokenUrl: slack.tokenUrl } } as typeof connector;
    const { output, credential } = await runAction(rotating, 'postMessage', {
      baseUrl: slack.baseUrl,
      clock,
      credentials: {
        values: {
          accessToken: 'xoxe.xoxb-expired',
          refreshToken: 'xoxe-1-refresh',
          clientId: 'client-1',
          clientSecret: 'client-secret',
        },
        expiresAt: clock.now() - 1000,
      },
      input: { channel: 'C01', text: 'fresh token' },
    });
    expect(output.text).toBe('fresh token');
    expect(slack.api.requests.at(-1)!.headers.authorization).toBe('Bearer xoxe.xoxb-rotated');
    expect(credential?.values).toMatchObject({ accessToken: 'xoxe.xoxb-rotated', refreshToken: 'xoxe-1-refresh-next' });
  });
});
