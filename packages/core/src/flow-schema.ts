// The published JSON Schema of "weft.flow/v1" (also written to schemas/weft.flow.v1.json by the build check).
const id = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,63}$' } as const;

export const flowJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://weft.dev/schemas/weft.flow.v1.json',
  title: 'Weft flow definition',
  type: 'object',
  required: ['schema', 'name', 'trigger', 'steps', 'edges'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    schema: { const: 'weft.flow/v1' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 5000 },
    trigger: {
      type: 'object',
      required: ['id', 'connector', 'trigger'],
      additionalProperties: false,
      properties: {
        id,
        connector: { type: 'string', pattern: '^[a-z][a-z0-9-]*@[0-9]+$' },
        trigger: { type: 'string', minLength: 1 },
        config: { type: 'object' },
        credential: { type: 'string' },
      },
    },
    steps: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['id', 'use'],
        additionalProperties: false,
        properties: {
          id,
          use: { type: 'string', minLength: 1 },
          name: { type: 'string', maxLength: 200 },
          config: { type: 'object' },
          credential: { type: 'string' },
          retry: {
            type: 'object',
            required: ['attempts'],
            additionalProperties: false,
            properties: {
              attempts: { type: 'integer', minimum: 1, maximum: 50 },
              backoff: { enum: ['exponential', 'fixed'] },
              delay: { type: 'integer', minimum: 0, maximum: 86_400_000 },
              maxDelay: { type: 'integer', minimum: 0, maximum: 86_400_000 },
            },
          },
          timeout: { type: 'integer', minimum: 1, maximum: 86_400_000 },
          onError: { enum: ['fail', 'continue', 'route'] },
          idempotencyKey: { type: 'boolean' },
        },
      },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to'],
        additionalProperties: false,
        properties: {
          from: { type: 'string' },
          to: { type: 'string' },
          port: { type: 'string', pattern: '^(success|error|true|false|default|each|done|case:.+)$' },
        },
      },
    },
    layout: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['x', 'y'],
        properties: { x: { type: 'number' }, y: { type: 'number' } },
      },
    },
  },
} as const;
