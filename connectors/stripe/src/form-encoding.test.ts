import { expect, test } from 'vitest';
import { stripeForm } from './form-encoding.js';

test('nests objects and arrays in brackets, keeps empty strings and drops undefined', () => {
  expect(
    stripeForm({
      customer: 'cus_1',
      items: [{ price: 'price_1', quantity: 2 }, { price: 'price_2' }],
      metadata: { plan: 'pro', note: '' },
      expand: ['latest_invoice.payment_intent'],
      trial_period_days: undefined,
      cancel_at_period_end: false,
    }),
  ).toEqual({
    customer: 'cus_1',
    'items[0][price]': 'price_1',
    'items[0][quantity]': '2',
    'items[1][price]': 'price_2',
    'metadata[plan]': 'pro',
    'metadata[note]': '',
    'expand[0]': 'latest_invoice.payment_intent',
    cancel_at_period_end: 'false',
  });
});
