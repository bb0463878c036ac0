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

const retentionPassSchema = {
  type: 'object',
  required: ['startedAt', 'finishedAt', 'deleted', 'pagesReclaimed'],
  properties: {
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    deleted: { type: 'integer', minimum: 0 },
    pagesReclaimed: { type: 'integer', minimum: 0 },
    auditDeleted: { type: 'integer', minimum: 0, description: 'Audit entries deleted (their own age limit)' },
    error: { type: 'string' },
  },
} as const;

export const retentionSchema = {
  type: 'object',
  required: ['policy', 'intervalMs', 'batchSize'],
  properties: {
    policy: {
      type: 'object',
      required: ['maxAgeDays', 'failedMaxAgeDays', 'testMaxAgeDays', 'maxRunsPerFlow'],
      properties: {
        maxAgeDays: { type: 'integer', minimum: 0, description: 'Succeeded and cancelled runs; 0 keeps them' },
        failedMaxAgeDays: { type: 'integer', minimum: 0, description: 'Failed runs; 0 keeps them' },
        testMaxAgeDays: { type: 'integer', minimum: 0, description: 'Test (draft) runs, any status; 0: as others' },
        maxRunsPerFlow: { type: 'integer', minimum: 0, description: 'Succeeded/cancelled runs kept per flow; 0: all' },
      },
    },
    auditMaxAgeDays: {
      type: 'integer',
      minimum: 0,
      description: 'Audit entries are kept this many days (WEFT_AUDIT_RETENTION_DAYS), apart from runs; 0 keeps them',
    },
    intervalMs: { type: 'integer' },
    batchSize: { type: 'integer' },
    lastPass: retentionPassSchema,
  },
} as const;

export { retentionPassSchema };
export type RetentionSettings = Infer<typeof retentionSchema>;
export const ALERT_RULE_KINDS = [
  'flow_success_rate',
  'step_latency_p95',
  'webhook_verification_failures',
  'upstream_5xx',
  'connection_needs_reconnect',
] as const;

export const alertRuleSchema = {
  type: 'object',
  required: ['id', 'kind', 'enabled', 'threshold', 'windowMs'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 100 },
    kind: { enum: ALERT_RULE_KINDS },
    enabled: { type: 'boolean' },
    threshold: { type: 'number', minimum: 0, description: 'A rate (0..1), milliseconds or a count, by kind' },
    windowMs: { type: 'integer', minimum: 0, maximum: 86_400_000 },
    minRuns: { type: 'integer', minimum: 1 },
  },
} as const;

export const alertNoticeSchema = {
  type: 'object',
  required: ['ruleId', 'kind', 'subject', 'state', 'value', 'threshold', 'message', 'at'],
  properties: {
    ruleId: { type: 'string' },
    kind: { enum: ALERT_RULE_KINDS },
    subject: { type: 'string' },
    state: { enum: ['firing', 'resolved'] },
    value: { type: 'number' },
    threshold: { type: 'number' },
    message: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
  },
} as const;

export const syncLogSchema = {
  type: 'object',
  required: ['name', 'connector', 'action', 'runId', 'mode', 'startedAt', 'finishedAt', 'complete', 'pages'],
  properties: {
    name: { type: 'string' },
    connector: { type: 'string' },
    action: { type: 'string' },
    runId: { type: 'string' },
    mode: { enum: ['full', 'incremental'] },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    cursorBefore: { type: 'string' },
    cursorAfter: { type: 'string' },
    complete: { type: 'boolean' },
    pages: { type: 'integer' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    deleted: { type: 'integer' },
    failed: { type: 'integer' },
    error: { type: 'string' },
  },
} as const;

export type SyncLogDto = Infer<typeof syncLogSchema>;
export type AlertRuleDto = Infer<typeof alertRuleSchema>;
export type AlertNoticeDto = Infer<typeof alertNoticeSchema>;
export type ConnectorHealthReport = Infer<typeof connectorHealthReportSchema>;
export type WebhookRejection = Infer<typeof webhookRejectionSchema>;
