// Cancel subscription: now (DELETE /v1/subscriptions/:id) or at the end of the period (POST with
// cancel_at_period_end=true).
import { defineAction, type FromSchema } from '@weft/sdk';
import { idInput, subscriptionSchema } from '../stripe-objects.js';

export const cancelSubscription = defineAction({
  key: 'cancelSubscription',
  title: 'Cancel subscription',
  description: 'Cancels a subscription immediately, or at the end of the current period.',
  input: {
    type: 'object',
    properties: {
      subscriptionId: idInput('sub', 'Subscription id'),
      atPeriodEnd: { type: 'boolean', title: 'At the end of the period', default: false },
      invoiceNow: { type: 'boolean', description: 'Immediate cancellation: invoice pending usage now.' },
      prorate: { type: 'boolean', description: 'Immediate cancellation: credit unused time.' },
    },
    required: ['subscriptionId'],
    additionalProperties: false,
  } as const,
  output: subscriptionSchema,
  async run(ctx) {
    const { subscriptionId, atPeriodEnd, invoiceNow, prorate } = ctx.input;
    const url = `/subscriptions/${encodeURIComponent(subscriptionId)}`;
    const response = atPeriodEnd
      ? await ctx.http.request<FromSchema<typeof subscriptionSchema>>({
          method: 'POST',
          url,
          form: { cancel_at_period_end: true },
        })
      : await ctx.http.request<FromSchema<typeof subscriptionSchema>>({
          method: 'DELETE',
          url,
          // Stripe takes DELETE parameters in the query; idempotency keys have no effect on DELETE.
          query: { invoice_now: invoiceNow, prorate },
          idempotencyKey: false,
        });
    return response.body;
  },
});
