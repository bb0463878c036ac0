// Schema parts shared by the request and GraphQL actions.

export const headersInput = {
  type: 'object',
  title: 'Headers',
  additionalProperties: { type: 'string' },
} as const;

export const apiKeyInput = {
  type: 'object',
  title: 'API key placement',
  description: 'Where an API-key connection is sent (default header X-Api-Key)',
  properties: {
    in: { enum: ['header', 'query'], default: 'header' },
    name: { type: 'string', minLength: 1, description: 'Header or query parameter name' },
    prefix: { type: 'string', description: 'Put before the key, e.g. "Token "' },
  },
  additionalProperties: false,
} as const;

export const responseOutput = {
  type: 'object',
  properties: {
    status: { type: 'integer' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    url: { type: 'string' },
    body: {},
    pages: { type: 'integer' },
    items: { type: 'array' },
    hasMore: { type: 'boolean' },
    nextCursor: { type: ['string', 'number', 'null'] },
    nextUrl: { type: ['string', 'null'] },
  },
  required: ['status', 'headers', 'url', 'body', 'pages'],
  additionalProperties: false,
} as const;
