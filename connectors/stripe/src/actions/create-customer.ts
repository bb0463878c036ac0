// Create customer: POST /v1/customers.
import { defineAction, type FromSchema } from '@weft/sdk';
import { stripeForm } from '../form-encoding.js';
import { customerSchema, idInput, metadataInput } from '../stripe-objects.js';

export const createCustomer = defineAction({
  key: 'createCustomer',
  title: 'Create customer',
  description: 'Creates a Stripe customer. Retries reuse the step’s idempotency key, so one step creates one customer.',
  input: {
    type: 'object',
    properties: {
      email: { type: 'string', format: 'email', title: 'Email' },
      name: { type: 'string', title: 'Name', maxLength: 256 },
      phone: { type: 'string', title: 'Phone', maxLength: 20 },
      description: { type: 'string', title: 'Description' },
      paymentMethodId: { ...idInput('pm', 'Payment method'), description: 'Attached to the new customer.' },
      metadata: metadataInput,
    },
    additionalProperties: false,
  } as const,
  output: customerSchema,
  async run(ctx) {
    const { email, name, phone, description, paymentMethodId, metadata } = ctx.input;
    const response = await ctx.http.request<FromSchema<typeof customerSchema>>({
      method: 'POST',
      url: '/customers',
      form: stripeForm({
        email,
        name,
        phone,
        description,
        payment_method: paymentMethodId,
        invoice_settings: paymentMethodId ? { default_payment_method: paymentMethodId } : undefined,
        metadata,
      }),
    });
    return response.body;
  },
});
