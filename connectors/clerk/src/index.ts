// The Clerk connector: users from the Backend API (secret key), and signed user webhooks (Svix).
import { defineConnector } from '@weft/sdk';
import { getUser } from './actions/get-user.js';
import { clerkWebhook, userCreated, userDeleted, userUpdated } from './triggers/user-events.js';

export default defineConnector({
  name: 'clerk',
  version: '1.0.0',
  title: 'Clerk',
  description: 'Reads Clerk users; starts flows when users are created, updated or deleted.',
  icon: '🔐',
  categories: ['Identity'],
  docsUrl: 'https://clerk.com/docs/reference/backend-api',
  auth: {
    kind: 'apiKey',
    in: 'header',
    name: 'Authorization',
    prefix: 'Bearer ',
    help: 'The instance’s secret key (sk_live_… / sk_test_…) from Clerk Dashboard → API keys.',
  },
  // Backend API: 1,000 requests per 10 s per production instance (100 for development instances, whose 429s
  // carry Retry-After and are retried).
  rateLimits: [{ per: 'credential', limit: 1000, interval: 10_000 }],
  baseUrl: 'https://api.clerk.com/v1',
  actions: [getUser],
  triggers: [userCreated, userUpdated, userDeleted],
  webhook: clerkWebhook,
});
