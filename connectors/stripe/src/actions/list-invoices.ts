// List invoices: GET /v1/invoices, following `starting_after` pages (`ctx.http.paginate`) until `limit` invoices
// are collected.
import { defineAction, type FromSchema } from '@weft/sdk';
import { idInput, invoiceSchema } from '../stripe-objects.js';

type Invoice = FromSchema<typeof invoiceSchema>;
const PAGE_SIZE = 100;

export const listInvoices = defineAction({
  key: 'listInvoices',
  title: 'List invoices',
  description: 'Lists invoices, newest first, optionally for one customer or subscription and in one status.',
  input: {
    type: 'object',
    properties: {
      customerId: idInput('cus', 'Customer id'),
      subscriptionId: idInput('sub', 'Subscription id'),
      status: { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'], title: 'Status' },
      createdAfter: { type: 'integer', minimum: 0, description: 'Unix seconds; only invoices created after it.' },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 10, title: 'How many at most' },
      startingAfter: { ...idInput('in', 'Start after invoice'), description: 'A cursor from a previous list.' },
    },
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      invoices: { type: 'array', items: invoiceSchema },
      hasMore: { type: 'boolean' },
      nextStartingAfter: { type: ['string', 'null'], description: 'Pass as startingAfter to continue.' },
    },
    required: ['invoices', 'hasMore', 'nextStartingAfter'],
  } as const,
  async run(ctx) {
    const { customerId, subscriptionId, status, createdAfter } = ctx.input;
    const limit = ctx.input.limit ?? 10;
    const paged = await ctx.http.paginate<Invoice, { data: Invoice[]; has_more: boolean }>(
      {
        url: '/invoices',
        query: {
          customer: customerId,
          subscription: subscriptionId,
          status,
          'created[gt]': createdAfter,
          starting_after: ctx.input.startingAfter,
        },
      },
      {
        items: 'data',
        // Stripe pages after the last object seen, while it says there is more.
        next: { cursor: (page, items) => (page.body.has_more ? items.at(-1)?.id : undefined), param: 'starting_after' },
        maxItems: limit,
        pageSize: { param: 'limit', max: PAGE_SIZE },
      },
    );
    const invoices = paged.items;
    return {
      invoices,
      hasMore: paged.hasMore,
      nextStartingAfter: paged.hasMore ? (invoices.at(-1)?.id ?? null) : null,
    };
  },
});
