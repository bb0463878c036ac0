// List invoices: GET /v1/invoices, following `starting_after` pages until `limit` invoices are collected.
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
    const invoices: Invoice[] = [];
    let cursor = ctx.input.startingAfter;
    let hasMore = true;
    while (hasMore && invoices.length < limit) {
      const page = await ctx.http.request<{ data: Invoice[]; has_more: boolean }>({
        url: '/invoices',
        query: {
          customer: customerId,
          subscription: subscriptionId,
          status,
          'created[gt]': createdAfter,
          limit: Math.min(PAGE_SIZE, limit - invoices.length),
          starting_after: cursor,
        },
      });
      invoices.push(...page.body.data);
      hasMore = page.body.has_more && page.body.data.length > 0;
      cursor = page.body.data.at(-1)?.id ?? cursor;
    }
    return { invoices, hasMore, nextStartingAfter: hasMore ? (invoices.at(-1)?.id ?? null) : null };
  },
});
