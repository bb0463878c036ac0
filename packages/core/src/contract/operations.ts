// Schemas of the operations routes: connector health over a sliding window, rejected webhooks, retention.
import type { Infer } from './schema.js';

const healthStatus = { enum: ['healthy', 'degraded', 'down'] } as const;
const figures = {
  status: healthStatus,
  requests: { type: 'integer', minimum: 0 },
  errors: { type: 'integer', minimum: 0 },
  errorRate: { type: 'number', minimum: 0, maximum: 1 },
} as const;

export const connectionHealthSchema = {
  type: 'object',
  required: ['credentialId', 'status', 'requests', 'errors', 'errorRate'],
  properties: { credentialId: { type: 'string' }, ...figures },
} as const;

export const connectorHealthSchema = {
  type: 'object',
  required: ['connector', 'status', 'requests', 'errors', 'errorRate', 'breakerOpen', 'connections'],
  properties: {
    connector: { type: 'string' },
    ...figures,
    breakerOpen: { type: 'boolean' },
    connections: { type: 'array', items: connectionHealthSchema },
  },
} as const;

export const connectorHealthReportSchema = {
  type: 'object',
  required: ['windowMs', 'thresholds', 'items'],
  properties: {
    windowMs: { type: 'integer' },
    thresholds: {
      type: 'object',
      required: ['degraded', 'down'],
      properties: { degraded: { type: 'number' }, down: { type: 'number' } },
    },
    items: { type: 'array', items: connectorHealthSchema },
  },
} as const;

export const webhookRejectionSchema = {
  type: 'object',
  required: ['flowId', 'reason', 'status', 'at'],
  properties: {
    flowId: { type: 'string' },
    reason: { type: 'string' },
    status: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
  },
} as const;

export type ConnectorHealthReport = Infer<typeof connectorHealthReportSchema>;
export type WebhookRejection = Infer<typeof webhookRejectionSchema>;
