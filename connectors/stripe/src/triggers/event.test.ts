// The Stripe webhook trigger against signatures made by Stripe's own library (the `stripe` package).
import Stripe from 'stripe';
import { describe, expect, test } from 'vitest';
import { runWebhook, signStripe } from '@weft/sdk/testing';
import connector from '../index.js';
import { selectStripeEvents } from './event.js';

const secret = 'whsec_test_secret';
const stripe = new Stripe('sk_test_oracle');
const now = () => Math.floor(Date.now() / 1000);

function event(type: string, id = 'evt_1') {
  return JSON.stringify({
    id,
    object: 'event',
    type,
    created: now(),
    livemode: false,
    api_version: '2024-06-20',
    data: { object: { id: 'in_1', object: 'invoice', customer: 'cus_1', amount_due: 2000, status: 'open' } },
  });
}

const deliver = (payload: string, header: string | undefined, key = secret) =>
  runWebhook(connector, 'event', {
    body: payload,
    headers: header === undefined ? {} : { 'Stripe-Signature': header },
    secret: key,
  });

describe('Stripe event webhook', () => {
  test('accepts an event signed by Stripe’s library, with the event id for de-duplication', async () => {
    const payload = event('invoice.payment_failed');
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    expect(stripe.webhooks.constructEvent(payload, header, secret).id).toBe('evt_1');
    const outcome = await deliver(payload, header);
    expect(outcome).toEqual({ ok: true, eventId: 'evt_1', events: [JSON.parse(payload)] });
  });

  test('rejects a forged signature, a wrong secret and a missing header', async () => {
    const payload = event('invoice.paid');
    const forged = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_attacker' });
    await expect(deliver(payload, forged)).resolves.toMatchObject({ ok: false, reason: 'bad_signature' });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    await expect(deliver(payload.replace('2000', '1'), header)).resolves.toMatchObject({ ok: false });
    await expect(deliver(payload, undefined)).resolves.toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  test('rejects a timestamp older than 300 s, even when correctly signed', async () => {
    const payload = event('invoice.paid');
    const stale = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: now() - 301 });
    await expect(deliver(payload, stale)).resolves.toMatchObject({ ok: false, reason: 'bad_signature' });
    const recent = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: now() - 200 });
    await expect(deliver(payload, recent)).resolves.toMatchObject({ ok: true });
  });

  test('a replayed delivery carries the same event id, so the runtime drops it as a duplicate', async () => {
    const payload = event('invoice.paid', 'evt_replayed');
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const first = await deliver(payload, header);
    const replay = await deliver(payload, header);
    expect(first).toMatchObject({ ok: true, eventId: 'evt_replayed' });
    expect(replay).toMatchObject({ ok: true, eventId: 'evt_replayed' });
  });

  test('during a secret roll any v1 signature matches, and a connection may hold both secrets', async () => {
    const payload = event('customer.subscription.updated');
    const t = now();
    const oldHeader = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_old', timestamp: t });
    const newHeader = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_new', timestamp: t });
    const rolling = `${oldHeader},${newHeader.split(',')[1]}`;
    expect(rolling.match(/v1=/g)).toHaveLength(2);
    await expect(deliver(payload, rolling, 'whsec_new')).resolves.toMatchObject({ ok: true });
    await expect(deliver(payload, rolling, 'whsec_old')).resolves.toMatchObject({ ok: true });
    await expect(deliver(payload, oldHeader, 'whsec_new whsec_old')).resolves.toMatchObject({ ok: true });
    await expect(deliver(payload, oldHeader, 'whsec_new')).resolves.toMatchObject({ ok: false });
  });

  test('fires for the supported families only; other event types produce no events', async () => {
    for (const type of ['invoice.paid', 'customer.subscription.deleted', 'payment_intent.succeeded']) {
      const payload = event(type);
      await expect(deliver(payload, signStripe({ payload, secret }))).resolves.toMatchObject({ events: [{ type }] });
    }
    for (const type of ['charge.refunded', 'invoice.created', 'customer.created']) {
      const payload = event(type);
      await expect(deliver(payload, signStripe({ payload, secret }))).resolves.toEqual({
        ok: true,
        eventId: 'evt_1',
        events: [],
      });
    }
  });

  test('the configured event list selects events, with family wildcards', () => {
    const request = (type: string) => {
      const payload = event(type);
      return { method: 'POST', headers: {}, rawBody: Buffer.from(payload), body: JSON.parse(payload) };
    };
    const fire = (type: string, events: string[]) => selectStripeEvents(request(type), { events });
    expect(fire('invoice.payment_failed', ['invoice.payment_failed'])).toHaveLength(1);
    expect(fire('invoice.paid', ['invoice.payment_failed'])).toHaveLength(0);
    expect(fire('payment_intent.canceled', ['payment_intent.*'])).toHaveLength(1);
    expect(fire('customer.subscription.trial_will_end', ['customer.subscription.*'])).toHaveLength(1);
    expect(fire('customer.subscription.created', ['payment_intent.*'])).toHaveLength(0);
  });
});
