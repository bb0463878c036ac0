// JSON Schemas of the Stripe objects the actions return (the fields flows use most; Stripe's other fields pass
// through unchanged). Objects come in the API version of the Stripe account.

const nullableString = { type: ['string', 'null'] } as const;
const metadata = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const customerSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { const: 'customer' },
    email: nullableString,
    name: nullableString,
    phone: nullableString,
    description: nullableString,
    currency: nullableString,
    delinquent: { type: ['boolean', 'null'] },
    created: { type: 'integer' },
    livemode: { type: 'boolean' },
    metadata,
    invoice_settings: {
      type: 'object',
      properties: { default_payment_method: nullableString },
    },
  },
  required: ['id', 'object'],
} as const;

export const paymentMethodSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { const: 'payment_method' },
    type: { type: 'string' },
    customer: nullableString,
    card: {
      type: 'object',
      properties: {
        brand: { type: 'string' },
        last4: { type: 'string' },
        exp_month: { type: 'integer' },
        exp_year: { type: 'integer' },
      },
    },
  },
  required: ['id', 'object', 'type'],
} as const;

export const subscriptionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { const: 'subscription' },
    customer: { type: 'string' },
    status: {
      enum: ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'],
    },
    cancel_at_period_end: { type: 'boolean' },
    canceled_at: { type: ['integer', 'null'] },
    created: { type: 'integer' },
    default_payment_method: nullableString,
    latest_invoice: nullableString,
    metadata,
    items: {
      type: 'object',
      properties: {
        data: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              quantity: { type: 'integer' },
              price: { type: 'object', properties: { id: { type: 'string' } } },
            },
          },
        },
      },
    },
  },
  required: ['id', 'object', 'status'],
} as const;

export const invoiceSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { const: 'invoice' },
    customer: { type: 'string' },
    customer_email: nullableString,
    status: { enum: ['draft', 'open', 'paid', 'uncollectible', 'void', null] },
    number: nullableString,
    currency: { type: 'string' },
    amount_due: { type: 'integer' },
    amount_paid: { type: 'integer' },
    amount_remaining: { type: 'integer' },
    attempt_count: { type: 'integer' },
    hosted_invoice_url: nullableString,
    invoice_pdf: nullableString,
    due_date: { type: ['integer', 'null'] },
    next_payment_attempt: { type: ['integer', 'null'] },
    created: { type: 'integer' },
    metadata,
  },
  required: ['id', 'object'],
} as const;

export const refundSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { const: 'refund' },
    amount: { type: 'integer' },
    currency: { type: 'string' },
    status: { type: ['string', 'null'] },
    reason: nullableString,
    payment_intent: nullableString,
    charge: nullableString,
    created: { type: 'integer' },
    metadata,
  },
  required: ['id', 'object', 'amount'],
} as const;

export const metadataInput = {
  type: 'object',
  title: 'Metadata',
  description: 'Key-value pairs stored on the object (up to 50 keys). An empty value removes a key.',
  additionalProperties: { type: 'string', maxLength: 500 },
} as const;

/** Stripe ids are `prefix_` + letters and digits; validating them keeps stray slashes out of request paths. */
export const idInput = (prefix: string, title: string) =>
  ({ type: 'string', title, pattern: `^${prefix}_[A-Za-z0-9_]+$` }) as const;
