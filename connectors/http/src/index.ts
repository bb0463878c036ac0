// The HTTP connector: generic requests (with pagination) and GraphQL against any API, through the SDK's
// resilient client (retries, rate limits, circuit breaker, SSRF guard).
//
// Authentication comes from the step's connection, whatever its kind (none, basic, bearer, API key, OAuth2
// token): see connection-auth.ts. The SDK applies only a connector's one declared kind, so the declaration
// below is what makes the runtime load the connection; the connection's own fields decide what is sent.
import { defineConnector } from '@weft/sdk';
import { graphql } from './actions/graphql.js';
import { request } from './actions/request.js';

export default defineConnector({
  name: 'http',
  version: '1.0.0',
  title: 'HTTP',
  description: 'Call any HTTP or GraphQL API: methods, headers, bodies, auth, pagination.',
  icon: '🌐',
  categories: ['Developer tools'],
  auth: {
    kind: 'bearer',
    optional: true,
    help:
      'A connection for the API you call. Fill in one of: token (sent as Bearer), username + password (Basic), ' +
      'apiKey (placed as the step says, default header X-Api-Key), accessToken (an OAuth2 token, sent as Bearer), ' +
      'or nothing at all for public APIs.',
  },
  actions: [request, graphql],
});
