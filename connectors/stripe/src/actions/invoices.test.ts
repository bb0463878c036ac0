import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAction } from '@weft/sdk/testing';
import connector from '../index.js';
import { startFakeStripe, stepOptions, type FakeStripe } from '../test-support/fake-stripe.js';

let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe();
  stripe.objects.set('cus_ada', { id: 'cus_ada', object: 'customer', email: 'ada@example.com' });
  for (let i = 1; i <= 150; i++) {
    const id = `in_${String(i).padStart(4, '0')}`;
    stripe.objects.set(id, {
      id,
      object: 'invoice',
      customer: i % 3 === 0 ? 'cus_grace' : 'cus_ada',
      status: i % 10 === 0 ? 'open' : 'paid',
      amount_due: 1000 + i,
      currency: 'usd',
      created: 1_700_000_000 + i,
    });
  }
});
afterAll(() => stripe.close());
const options = () => stepOptions(stripe);

describe('invoices', () => {
  test('listInvoices follows starting_after pages up to the limit and returns a cursor', async () => {
    const before = stripe.api.requests.length;
    const { output } = await runAction(connector, 'listInvoices', { ...options(), input: { limit: 120 } });
    expect(output.invoices).toHaveLength(120);
    expect(output.invoices[0]!.id).toBe('in_0150');
    expect(output).toMatchObject({ hasMore: true, nextStartingAfter: 'in_0031' });
    const pages = stripe.api.requests.slice(before);
    expect(pages.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '20', starting_after: 'in_0051' }]);

    const { output: rest } = await runAction(connector, 'listInvoices', {
      ...options(),
      input: { limit: 100, startingAfter: output.nextStartingAfter! },
    });
    expect(rest).toMatchObject({ hasMore: false, nextStartingAfter: null });
    expect(rest.invoices.map((i) => i.id).at(-1)).toBe('in_0001');
  });

  test('listInvoices filters by customer and status', async () => {
    const { output } = await runAction(connector, 'listInvoices', {
      ...options(),
      input: { customerId: 'cus_grace', status: 'open', limit: 10 },
    });
    expect(stripe.api.requests.at(-1)!.query).toEqual({ customer: 'cus_grace', status: 'open', limit: '10' });
    expect(output.invoices.map((i) => i.id)).toEqual(['in_0150', 'in_0120', 'in_0090', 'in_0060', 'in_0030']);
  });

  test('getInvoice retrieves one invoice, with expansions', async () => {
    const { output } = await runAction(connector, 'getInvoice', {
      ...options(),
      input: { invoiceId: 'in_0001', expand: ['customer'] },
    });
    expect(stripe.api.requests.at(-1)!.query).toEqual({ 'expand[]': 'customer' });
    expect(output).toMatchObject({ id: 'in_0001', customer: { id: 'cus_ada', email: 'ada@example.com' } });
  });
});
