// The Stripe connector: customers, payment methods, subscriptions, invoices and refunds through the REST API
// (form-encoded bodies, an Idempotency-Key on every POST), and signed webhook events.
import { defineConnector } from '@weft/sdk';
import { attachPaymentMethod } from './actions/attach-payment-method.js';
import { cancelSubscription } from './actions/cancel-subscription.js';
import { createCustomer } from './actions/create-customer.js';
import { createRefund } from './actions/create-refund.js';
import { createSubscription } from './actions/create-subscription.js';
import { getCustomer } from './actions/get-customer.js';
import { getInvoice } from './actions/get-invoice.js';
import { listInvoices } from './actions/list-invoices.js';
import { updateCustomer } from './actions/update-customer.js';
import { stripeEvent } from './triggers/event.js';

export default defineConnector({
  name: 'stripe',
  version: '1.0.0',
  title: 'Stripe',
  description: 'Customers, subscriptions, invoices and refunds in Stripe; starts flows from Stripe events.',
  icon: '💳',
  categories: ['Payments'],
  docsUrl: 'https://docs.stripe.com/api',
  auth: {
    kind: 'apiKey',
    in: 'header',
    name: 'Authorization',
    prefix: 'Bearer ',
    help: 'A secret key (sk_live_… / sk_test_…) or a restricted key (rk_…) from Stripe → Developers → API keys.',
  },
  // Stripe allows 100 operations per second in live mode and 25 in test mode (sandboxes); the lower figure
  // keeps test keys clear of 429s and is far above what a flow step needs.
  rateLimits: [{ per: 'credential', limit: 25, interval: 1000 }],
  baseUrl: 'https://api.stripe.com/v1',
  // Reading the balance needs any valid secret or restricted key and changes nothing.
  test: { method: 'GET', path: '/balance' },
  // Stripe replays the first response for a repeated key, so POSTs are safe to retry after a 5xx.
  idempotencyHeader: 'Idempotency-Key',
  actions: [
    createCustomer,
    getCustomer,
    updateCustomer,
    attachPaymentMethod,
    createSubscription,
    cancelSubscription,
    listInvoices,
    getInvoice,
    createRefund,
  ],
  triggers: [stripeEvent],
  webhook: {
    secretLabel: 'Signing secret (whsec_…)',
    instructions:
      'Stripe → Developers → Webhooks → Add endpoint: paste the flow’s webhook URL and select the events; then ' +
      'copy the endpoint’s signing secret into the connection’s signingSecret.',
  },
});
