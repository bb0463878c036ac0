// Attach payment method: POST /v1/payment_methods/:id/attach, then optionally make it the customer's default
// for invoices and subscriptions (a second POST, with its own idempotency key).
import { defineAction, type FromSchema } from '@weft/sdk';
import { stripeForm } from '../form-encoding.js';
import { idInput, paymentMethodSchema } from '../stripe-objects.js';

export const attachPaymentMethod = defineAction({
  key: 'attachPaymentMethod',
  title: 'Attach payment method',
  description: 'Attaches a payment method to a customer, optionally as the default for invoices.',
  input: {
    type: 'object',
    properties: {
      paymentMethodId: idInput('pm', 'Payment method id'),
      customerId: idInput('cus', 'Customer id'),
      setAsDefault: { type: 'boolean', title: 'Make it the default for invoices', default: false },
    },
    required: ['paymentMethodId', 'customerId'],
    additionalProperties: false,
  } as const,
  output: paymentMethodSchema,
  async run(ctx) {
    const { paymentMethodId, customerId, setAsDefault } = ctx.input;
    const attached = await ctx.http.request<FromSchema<typeof paymentMethodSchema>>({
      method: 'POST',
      url: `/payment_methods/${encodeURIComponent(paymentMethodId)}/attach`,
      form: { customer: customerId },
    });
    if (setAsDefault) {
      await ctx.http.request({
        method: 'POST',
        url: `/customers/${encodeURIComponent(customerId)}`,
        form: stripeForm({ invoice_settings: { default_payment_method: paymentMethodId } }),
      });
    }
    return attached.body;
  },
});
