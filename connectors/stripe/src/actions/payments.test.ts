import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAction } from '@weft/sdk/testing';
import connector from '../index.js';
import { parseStripeForm, startFakeStripe, stepOptions, type FakeStripe } from '../test-support/fake-stripe.js';

let stripe: FakeStripe;
let customerId: string;
beforeAll(async () => {
  stripe = await startFakeStripe();
  customerId = (await runAction(connector, 'createCustomer', { ...options(), input: { email: 'ada@example.com' } }))
    .output.id;
});
afterAll(() => stripe.close());
const options = () => stepOptions(stripe);

describe('payment methods and subscriptions', () => {
  test('attachPaymentMethod attaches, then sets the default with a second idempotency key', async () => {
    const { output } = await runAction(connector, 'attachPaymentMethod', {
      ...options(),
      input: { paymentMethodId: 'pm_card_visa', customerId, setAsDefault: true },
      idempotencyKey: 'run-2:attach',
    });
    expect(output).toMatchObject({ id: 'pm_card_visa', customer: customerId, card: { last4: '4242' } });
    const [attach, setDefault] = stripe.api.requests.slice(-2);
    expect(attach).toMatchObject({ path: '/v1/payment_methods/pm_card_visa/attach', body: `customer=${customerId}` });
    expect(attach!.headers['idempotency-key']).toBe('run-2:attach');
    expect(parseStripeForm(setDefault!.body)).toEqual({ invoice_settings: { default_payment_method: 'pm_card_visa' } });
    expect(setDefault!.headers['idempotency-key']).toBe('run-2:attach:2');
    expect(stripe.objects.get(customerId)).toMatchObject({
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
  });

  test('createSubscription encodes the price list as Stripe expects', async () => {
    const { output } = await runAction(connector, 'createSubscription', {
      ...options(),
      input: {
        customerId,
        items: [{ price: 'price_pro', quantity: 3 }, { price: 'price_support' }],
        trialPeriodDays: 14,
        paymentBehavior: 'default_incomplete',
        metadata: { source: 'weft' },
      },
    });
    expect(output).toMatchObject({ object: 'subscription', customer: customerId, status: 'trialing' });
    expect(Object.fromEntries(new URLSearchParams(stripe.api.requests.at(-1)!.body))).toEqual({
      customer: customerId,
      'items[0][price]': 'price_pro',
      'items[0][quantity]': '3',
      'items[1][price]': 'price_support',
      trial_period_days: '14',
      payment_behavior: 'default_incomplete',
      'metadata[source]': 'weft',
    });
  });

  test('cancelSubscription cancels at period end with a POST, or now with a DELETE', async () => {
    const { output: subscription } = await runAction(connector, 'createSubscription', {
      ...options(),
      input: { customerId, items: [{ price: 'price_pro' }] },
    });
    const { output: later } = await runAction(connector, 'cancelSubscription', {
      ...options(),
      input: { subscriptionId: subscription.id, atPeriodEnd: true },
    });
    expect(later).toMatchObject({ status: 'active', cancel_at_period_end: true });
    expect(stripe.api.requests.at(-1)).toMatchObject({ method: 'POST', body: 'cancel_at_period_end=true' });
    const { output: now } = await runAction(connector, 'cancelSubscription', {
      ...options(),
      input: { subscriptionId: subscription.id, atPeriodEnd: false, prorate: true },
    });
    expect(now).toMatchObject({ status: 'canceled' });
    const request = stripe.api.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'DELETE', query: { prorate: 'true' }, body: '' });
    expect(request.headers['idempotency-key']).toBeUndefined();
  });

  test('createRefund refunds part of a payment intent, and needs exactly one target', async () => {
    stripe.objects.set('pi_123', { id: 'pi_123', object: 'payment_intent', amount: 5000, currency: 'eur' });
    const { output } = await runAction(connector, 'createRefund', {
      ...options(),
      input: { paymentIntentId: 'pi_123', amount: 1500, reason: 'requested_by_customer' },
    });
    expect(output).toMatchObject({ object: 'refund', amount: 1500, currency: 'eur', payment_intent: 'pi_123' });
    expect(stripe.api.requests.at(-1)!.body).toBe('payment_intent=pi_123&amount=1500&reason=requested_by_customer');
    await expect(runAction(connector, 'createRefund', { ...options(), input: { amount: 100 } })).rejects.toMatchObject({
      code: 'stripe_refund_target',
    });
    await expect(
      runAction(connector, 'createRefund', { ...options(), input: { paymentIntentId: 'pi_nope' } }),
    ).rejects.toMatchObject({ code: 'connector_not_found' });
  });

  test('a Stripe validation error is quoted and not retried', async () => {
    stripe.failNext('POST /v1/subscriptions', {
      status: 400,
      json: {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: "No such price: 'price_x'",
          param: 'items[0][price]',
        },
      },
    });
    const before = stripe.api.requests.length;
    await expect(
      runAction(connector, 'createSubscription', {
        ...options(),
        input: { customerId, items: [{ price: 'price_x' }] },
      }),
    ).rejects.toMatchObject({
      code: 'connector_validation',
      message: expect.stringContaining("No such price: 'price_x'"),
    });
    expect(stripe.api.requests.length).toBe(before + 1);
  });
});
