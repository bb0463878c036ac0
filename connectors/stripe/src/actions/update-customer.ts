// Update customer: POST /v1/customers/:id with only the fields given.
import { defineAction, type FromSchema } from '@weft/sdk';
import { stripeForm } from '../form-encoding.js';
import { customerSchema, idInput, metadataInput } from '../stripe-objects.js';

export const updateCustomer = defineAction({
  key: 'updateCustomer',
  title: 'Update customer',
  description: 'Changes the given fields of a customer; fields left out stay as they are.',
  input: {
    type: 'object',
    properties: {
      customerId: idInput('cus', 'Customer id'),
      email: { type: 'string', format: 'email', title: 'Email' },
      name: { type: 'string', title: 'Name', maxLength: 256 },
      phone: { type: 'string', title: 'Phone', maxLength: 20 },
      description: { type: 'string', title: 'Description' },
      defaultPaymentMethodId: idInput('pm', 'Default payment method for invoices'),
      metadata: metadataInput,
    },
    required: ['customerId'],
    additionalProperties: false,
  } as const,
  output: customerSchema,
  async run(ctx) {
    const { customerId, email, name, phone, description, defaultPaymentMethodId, metadata } = ctx.input;
    const response = await ctx.http.request<FromSchema<typeof customerSchema>>({
      method: 'POST',
      url: `/customers/${encodeURIComponent(customerId)}`,
      form: stripeForm({
        email,
        name,
        phone,
        description,
        invoice_settings: defaultPaymentMethodId ? { default_payment_method: defaultPaymentMethodId } : undefined,
        metadata,
      }),
    });
    return response.body;
  },
});
