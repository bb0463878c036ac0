// The Slack events trigger, with requests signed by Slack's documented v0 algorithm, cross-checked against
// the verifier in Slack's own Bolt framework (isValidSlackRequest).
import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, test } from 'vitest';
import { runWebhook } from '@weft/sdk/testing';
import connector, { urlVerificationResponse } from '../index.js';
import { selectSlackEvents } from './event.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const now = () => Math.floor(Date.now() / 1000);

/** Slack's documented signing: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
function slackSign(body: string, timestamp: number, key = secret) {
  const signature = `v0=${createHmac('sha256', key).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

const boltAccepts = (body: string, headers: ReturnType<typeof slackSign>, nowMilliseconds?: number) =>
  isValidSlackRequest({
    signingSecret: secret,
    body,
    headers: {
      'x-slack-signature': headers['x-slack-signature'],
      'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
    },
    ...(nowMilliseconds === undefined ? {} : { nowMilliseconds }),
  });

function envelope(event: Record<string, unknown>, eventId = 'Ev01') {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T01',
    api_app_id: 'A01',
    type: 'event_callback',
    event_id: eventId,
    event_time: now(),
    event: { ts: '1700000000.000100', channel: 'C01', user: 'U01', ...event },
  });
}

const deliver = (body: string, headers: Record<string, string>) =>
  runWebhook(connector, 'event', { body, headers, secret });

describe('Slack events webhook', () => {
  test('the signing algorithm matches Slack’s documented example, per Bolt', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = slackSign(body, 1531420618);
    expect(headers['x-slack-signature']).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
    expect(boltAccepts(body, headers, 1531420618_000)).toBe(true);
  });

  test('accepts a signed event that Bolt accepts, with event_id for de-duplication', async () => {
    const body = envelope({ type: 'app_mention', text: '<@U0BOT> triage this' });
    const headers = slackSign(body, now());
    expect(boltAccepts(body, headers)).toBe(true);
    const outcome = await deliver(body, headers);
    expect(outcome).toEqual({ ok: true, eventId: 'Ev01', events: [JSON.parse(body)] });
  });

  test('rejects a forged signature and a tampered body, as Bolt does', async () => {
    const body = envelope({ type: 'message', text: 'hi' });
    const forged = slackSign(body, now(), 'not-the-secret');
    expect(boltAccepts(body, forged)).toBe(false);
    await expect(deliver(body, forged)).resolves.toMatchObject({ ok: false, reason: 'bad_signature' });
    const headers = slackSign(body, now());
    await expect(deliver(body.replace('hi', 'ho'), headers)).resolves.toMatchObject({ ok: false });
    await expect(deliver(body, {})).resolves.toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  test('rejects a timestamp more than 5 minutes old, as Bolt does', async () => {
    const body = envelope({ type: 'message', text: 'hi' });
    const stale = slackSign(body, now() - 301);
    expect(boltAccepts(body, stale)).toBe(false);
    await expect(deliver(body, stale)).resolves.toMatchObject({ ok: false, reason: 'bad_signature' });
    await expect(deliver(body, slackSign(body, now() - 240))).resolves.toMatchObject({ ok: true });
  });

  test('Slack’s retry of an event carries the same event_id, so the runtime drops it', async () => {
    const body = envelope({ type: 'message', text: 'once' }, 'Ev0RETRY');
    const first = await deliver(body, slackSign(body, now()));
    const retry = await deliver(body, {
      ...slackSign(body, now()),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(first).toMatchObject({ ok: true, eventId: 'Ev0RETRY' });
    expect(retry).toMatchObject({ ok: true, eventId: 'Ev0RETRY' });
  });

  test('url_verification starts no run; once verified, the runtime answers the challenge', async () => {
    const body = JSON.stringify({
      token: 'legacy',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const outcome = await deliver(body, slackSign(body, now()));
    const answer = {
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    };
    expect(outcome).toEqual({ ok: true, events: [], response: answer });
    expect(urlVerificationResponse({ body: JSON.parse(body) })).toEqual(answer);
    await expect(deliver(body, slackSign(body, now(), 'forged'))).resolves.toMatchObject({ ok: false });
    expect(urlVerificationResponse({ body: JSON.parse(envelope({ type: 'message' })) })).toBeUndefined();
  });

  test('skips bot messages (no loops with the app’s own posts) and filters event types when configured', async () => {
    const fromBot = envelope({ type: 'message', text: 'posted by a flow', bot_id: 'B01', subtype: 'bot_message' });
    await expect(deliver(fromBot, slackSign(fromBot, now()))).resolves.toMatchObject({ ok: true, events: [] });
    const request = (body: string) => ({
      method: 'POST',
      headers: {},
      rawBody: Buffer.from(body),
      body: JSON.parse(body),
    });
    expect(selectSlackEvents(request(fromBot), { ignoreBots: false })).toHaveLength(1);
    const mention = envelope({ type: 'app_mention', text: 'hi' });
    expect(selectSlackEvents(request(mention), { eventTypes: ['app_mention'] })).toHaveLength(1);
    expect(selectSlackEvents(request(mention), { eventTypes: ['reaction_added'] })).toHaveLength(0);
  });
  test('the runtime passes the flow trigger config to the event filter', async () => {
    const mention = envelope({ type: 'app_mention', text: 'hi' });
    const headers = slackSign(mention, now());
    const only = (eventTypes: string[]) =>
      runWebhook(connector, 'event', { body: mention, headers, secret, config: { eventTypes } });
    await expect(only(['app_mention'])).resolves.toMatchObject({ ok: true, events: [expect.anything()] });
    await expect(only(['reaction_added'])).resolves.toMatchObject({ ok: true, events: [] });
  });
});
