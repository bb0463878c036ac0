// Create subscription: POST /v1/subscriptions.
import { defineAction, type FromSchema } from '@weft/sdk';
import { stripeForm } from '../form-encoding.js';
import { idInput, metadataInput, subscriptionSchema } from '../stripe-objects.js';

export const createSubscription = defineAction({
  key: 'createSubscription',
  title: 'Create subscription',
  description: 'Subscribes a customer to one or more prices.',
  input: {
    type: 'object',
    properties: {
      customerId: idInput('cus', 'Customer id'),
      items: {
        type: 'array',
        title: 'Prices',
        minItems: 1,
        maxItems: 20,
        items: {
          type: 'object',
          properties: {
            price: idInput('price', 'Price id'),
            quantity: { type: 'integer', minimum: 1 },
          },
          required: ['price'],
          additionalProperties: false,
        },
      },
      defaultPaymentMethodId: idInput('pm', 'Payment method'),
      trialPeriodDays: { type: 'integer', minimum: 1, maximum: 730, title: 'Trial days' },
      collectionMethod: { enum: ['charge_automatically', 'send_invoice'], title: 'Collection' },
      daysUntilDue: { type: 'integer', minimum: 0, description: 'Required when collection is send_invoice.' },
      paymentBehavior: {
        enum: ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'],
        description: 'What to do when the first payment needs action or fails (Stripe’s default: allow_incomplete).',
      },
      cancelAtPeriodEnd: { type: 'boolean' },
      metadata: metadataInput,
    },
    required: ['customerId', 'items'],
    additionalProperties: false,
  } as const,
  output: subscriptionSchema,
  async run(ctx) {
    const input = ctx.input;
    const response = await ctx.http.request<FromSchema<typeof subscriptionSchema>>({
      method: 'POST',
      url: '/subscriptions',
      form: stripeForm({
        customer: input.customerId,
        items: input.items.map((item) => ({ price: item.price, quantity: item.quantity })),
        default_payment_method: input.defaultPaymentMethodId,
        trial_period_days: input.trialPeriodDays,
        collection_method: input.collectionMethod,
        days_until_due: input.daysUntilDue,
        payment_behavior: input.paymentBehavior,
        cancel_at_period_end: input.cancelAtPeriodEnd,
        metadata: input.metadata,
      }),
    });
    return response.body;
  },
});
