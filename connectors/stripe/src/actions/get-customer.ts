// Get customer: GET /v1/customers/:id. A deleted customer is reported as not found.
import { ConnectorError, defineAction, type FromSchema } from '@weft/sdk';
import { customerSchema, idInput } from '../stripe-objects.js';

export const getCustomer = defineAction({
  key: 'getCustomer',
  title: 'Get customer',
  description: 'Retrieves a customer by id. Fails with notFound for unknown or deleted customers.',
  input: {
    type: 'object',
    properties: { customerId: idInput('cus', 'Customer id') },
    required: ['customerId'],
    additionalProperties: false,
  } as const,
  output: customerSchema,
  async run(ctx) {
    const response = await ctx.http.request<FromSchema<typeof customerSchema> & { deleted?: boolean }>({
      url: `/customers/${encodeURIComponent(ctx.input.customerId)}`,
    });
    if (response.body.deleted === true) {
      throw new ConnectorError({
        kind: 'notFound',
        code: 'stripe_customer_deleted',
        message: `Stripe customer ${ctx.input.customerId} was deleted`,
      });
    }
    return response.body;
  },
});
