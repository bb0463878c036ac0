// Clerk's user webhooks against signatures made by Svix's own library (the `svix` package Clerk documents).
import { Webhook } from 'svix';
import { describe, expect, test } from 'vitest';
import { runWebhook, signStandardWebhook } from '@weft/sdk/testing';
import connector from '../index.js';
import { ADA } from '../test-support/fake-clerk.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const svix = new Webhook(secret);

const event = (type: string, data: object = ADA) =>
  JSON.stringify({ data, object: 'event', type, timestamp: 1_700_000_200_000, instance_id: 'ins_1' });

function signed(payload: string, id = 'msg_2aXyZ', at = new Date()) {
  return {
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': svix.sign(id, at, payload),
  };
}

const deliver = (key: string, payload: string, headers: Record<string, string>, key2 = secret) =>
  runWebhook(connector, key, { body: payload, headers, secret: key2 });

describe('Clerk user webhooks', () => {
  test('accepts user.created signed by Svix and hands the message id to the flow', async () => {
    const payload = event('user.created');
    const headers = signed(payload);
    expect(() => svix.verify(payload, headers)).not.toThrow();
    const outcome = await deliver('userCreated', payload, headers);
    expect(outcome).toMatchObject({
      ok: true,
      eventId: 'msg_2aXyZ',
      events: [
        {
          eventId: 'msg_2aXyZ',
          type: 'user.created',
          timestamp: 1_700_000_200_000,
          instanceId: 'ins_1',
          user: { id: ADA.id, primaryEmail: 'ada@example.com', fullName: 'Ada Lovelace' },
          data: { id: ADA.id, email_addresses: ADA.email_addresses },
        },
      ],
    });
  });

  test('also accepts the webhook-* header names of Standard Webhooks', async () => {
    const payload = event('user.updated');
    const headers = signed(payload, 'msg_std');
    const outcome = await deliver('userUpdated', payload, {
      'webhook-id': headers['svix-id'],
      'webhook-timestamp': headers['svix-timestamp'],
      'webhook-signature': headers['svix-signature'],
    });
    expect(outcome).toMatchObject({ ok: true, eventId: 'msg_std', events: [{ type: 'user.updated' }] });
  });

  test('rejects a forged signature, a tampered body and a signature for another message id', async () => {
    const payload = event('user.created');
    const forged = {
      ...signed(payload),
      'svix-signature': new Webhook('whsec_dGhlLWF0dGFja2Vy').sign('msg_2aXyZ', new Date(), payload),
    };
    expect(() => svix.verify(payload, forged)).toThrow();
    await expect(deliver('userCreated', payload, forged)).resolves.toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    await expect(deliver('userCreated', payload.replace('Ada', 'Eve'), signed(payload))).resolves.toMatchObject({
      ok: false,
    });
    await expect(
      deliver('userCreated', payload, { ...signed(payload), 'svix-id': 'msg_other' }),
    ).resolves.toMatchObject({
      ok: false,
    });
  });

  test('rejects a timestamp more than 5 minutes away, as Svix does', async () => {
    const payload = event('user.created');
    const stale = signed(payload, 'msg_old', new Date(Date.now() - 301_000));
    expect(() => svix.verify(payload, stale)).toThrow(/too old/i);
    await expect(deliver('userCreated', payload, stale)).resolves.toMatchObject({ ok: false, reason: 'bad_signature' });
    const future = signed(payload, 'msg_future', new Date(Date.now() + 301_000));
    await expect(deliver('userCreated', payload, future)).resolves.toMatchObject({ ok: false });
  });

  test('a retried message keeps its id, so the runtime drops the replay', async () => {
    const payload = event('user.deleted', { id: ADA.id, object: 'user', deleted: true });
    const first = await deliver('userDeleted', payload, signed(payload, 'msg_retry'));
    const replay = await deliver('userDeleted', payload, signed(payload, 'msg_retry'));
    expect(first).toMatchObject({
      ok: true,
      eventId: 'msg_retry',
      events: [{ type: 'user.deleted', user: { id: ADA.id, deleted: true } }],
    });
    expect(replay).toMatchObject({ ok: true, eventId: 'msg_retry' });
  });

  test('the event id is the signed one: replays with an added id header fail or keep the id', async () => {
    const payload = event('user.created');
    const now = new Date();
    const standard = {
      'webhook-id': 'msg_signed',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': svix.sign('msg_signed', now, payload),
    };
    const first = await deliver('userCreated', payload, standard);
    expect(first).toMatchObject({ ok: true, eventId: 'msg_signed' });
    // Svix reads svix-id first: an added one is what the signature is checked against, and it does not match.
    const replay = { ...standard, 'svix-id': 'msg_replay' };
    expect(() => svix.verify(payload, replay)).toThrow();
    await expect(deliver('userCreated', payload, replay)).resolves.toMatchObject({ ok: false });
    const withKey = await deliver('userCreated', payload, { ...standard, 'idempotency-key': 'other' });
    expect(withKey).toMatchObject({ ok: true, eventId: 'msg_signed' });
  });

  test('each trigger fires for its own event type; rotation accepts either secret', async () => {
    const payload = event('user.updated');
    await expect(deliver('userCreated', payload, signed(payload))).resolves.toMatchObject({ ok: true, events: [] });
    await expect(deliver('userDeleted', payload, signed(payload))).resolves.toMatchObject({ ok: true, events: [] });
    const session = event('session.created', { id: 'sess_1', object: 'session' });
    await expect(deliver('userUpdated', session, signed(session))).resolves.toMatchObject({ ok: true, events: [] });
    const rotated = signStandardWebhook({ id: 'msg_rot', payload, secret: 'whsec_bmV3LXNlY3JldC1rZXk=' });
    await expect(
      deliver('userUpdated', payload, rotated, `whsec_bmV3LXNlY3JldC1rZXk= ${secret}`),
    ).resolves.toMatchObject({ ok: true, events: [{ type: 'user.updated' }] });
  });
});
