// Get invoice: GET /v1/invoices/:id.
import { defineAction, type FromSchema } from '@weft/sdk';
import { idInput, invoiceSchema } from '../stripe-objects.js';

export const getInvoice = defineAction({
  key: 'getInvoice',
  title: 'Get invoice',
  description: 'Retrieves an invoice by id, optionally expanding related objects (e.g. customer).',
  input: {
    type: 'object',
    properties: {
      invoiceId: idInput('in', 'Invoice id'),
      expand: {
        type: 'array',
        title: 'Expand',
        items: { type: 'string', pattern: '^[a-z_]+(\\.[a-z_]+)*$' },
        maxItems: 10,
      },
    },
    required: ['invoiceId'],
    additionalProperties: false,
  } as const,
  output: invoiceSchema,
  async run(ctx) {
    const response = await ctx.http.request<FromSchema<typeof invoiceSchema>>({
      url: `/invoices/${encodeURIComponent(ctx.input.invoiceId)}`,
      query: { 'expand[]': ctx.input.expand },
    });
    return response.body;
  },
});
