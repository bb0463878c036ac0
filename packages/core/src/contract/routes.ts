// Every HTTP route, declared once: its path, who may call it, and the JSON Schemas of its params, query, body and
// responses. The server validates requests and types its handlers from these, generates its OpenAPI document from
// them, and the editor's client is typed by them. Paths are OpenAPI templates (`/api/flows/{id}`).
import {
  apiTokenSchema,
  AUTH_KINDS,
  connectorManifestSchema,
  credentialSchema,
  flowRecordSchema,
  flowSummarySchema,
  flowVersionSchema,
  listOf,
  logSchema,
  problemsSchema,
  ROLE_NAMES,
  RUN_STATUSES,
  runDetailSchema,
  runSummarySchema,
  stepSchema,
  stepTestSchema,
  userRecordSchema,
  userSchema,
} from './dto.js';
import { flowDiffSchema, flowFileSchema, importBody, importPlanSchema, versionRef } from './flow-files-dto.js';
import {
  alertNoticeSchema,
  alertRuleSchema,
  connectorHealthReportSchema,
  retentionPassSchema,
  syncLogSchema,
  retentionSchema,
  webhookRejectionSchema,
} from './operations.js';
import { RUN_FILE_ROUTES } from './run-files.js';
import { coreType } from './schema.js';
import { TEAM_ROUTES } from './teams.js';
import { SSO_ROUTES } from './sso.js';

/** Who may call a route: anyone, or a signed-in caller with at least this role. */
export type Access = 'public' | (typeof ROLE_NAMES)[number];
export type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteContract {
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  readonly access: Access;
  readonly params?: object;
  readonly query?: object;
  readonly body?: object;
  /** The body may be left out (then it is `{}`). */
  readonly bodyOptional?: boolean;
  /** Success responses by status; `null` for no body (204, a redirect, a webhook's own reply). */
  readonly responses: { readonly [status: number]: object | null };
}

const pathParams = <const Names extends readonly string[]>(...names: Names) => ({
  type: 'object' as const,
  required: names,
  properties: Object.fromEntries(names.map((name) => [name, { type: 'string', minLength: 1 }])) as {
    [K in Names[number]]: { type: 'string'; minLength: 1 };
  },
});

const id = pathParams('id');
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const runAccepted = {
  type: 'object',
  required: ['runId'],
  properties: { runId: { type: 'string' }, status: { const: 'cancelled' }, retryOf: { type: 'string' } },
} as const;
/** A webhook delivery: stored (with the run it started) or a sample taken while an editor listened. */
const deliverySchema = {
  type: 'object',
  required: ['id', 'receivedAt', 'sample', 'input'],
  properties: {
    id: { type: 'string' },
    receivedAt: { type: 'integer' },
    runId: { type: 'string' },
    sample: { type: 'boolean', description: 'Taken while listening: neither stored nor run' },
    input: coreType('JsonValue', { description: "The trigger's event as the flow's steps see it" }),
  },
} as const;
const secretValues = { type: 'object', additionalProperties: { type: 'string' } } as const;
const statusBody = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string' },
    database: { type: 'string' },
    migrations: { type: 'integer' },
    detail: { type: 'string' },
  },
} as const;
/** A definition, or `{ definition }` around it. */
const definitionBody = coreType('FlowBody', {
  type: 'object',
  description: 'A weft.flow/v1 definition, or { "definition": ... } around it; checked by flow validation.',
} as const);

export const API = {
  liveness: {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    access: 'public',
    responses: { 200: statusBody },
  },
  readiness: {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: database reachable and migrations applied (503 when not ready)',
    access: 'public',
    responses: { 200: statusBody, 503: statusBody },
  },
  openApi: {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    access: 'public',
    responses: { 200: { type: 'object', description: 'An OpenAPI 3.1 document' } },
  },
  webhook: {
    method: 'post',
    path: '/hooks/{flowId}',
    summary: 'Webhook ingress: persists the event and its run, answers 202 {runId} (or the flow response)',
    access: 'public',
    params: pathParams('flowId'),
    body: coreType('JsonValue', { description: 'Any payload; JSON, form or text' }),
    bodyOptional: true,
    responses: {
      200: null,
      202: {
        type: 'object',
        properties: { runId: { type: 'string' }, runIds: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
  login: {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in; sets an httpOnly session cookie',
    access: 'public',
    body: {
      type: 'object',
      required: ['email', 'password'],
      properties: { email: text(500), password: text(500) },
    },
    responses: { 200: { type: 'object', required: ['user'], properties: { user: userSchema } } },
  },
  ...SSO_ROUTES,
  logout: {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out',
    access: 'viewer',
    responses: { 204: null },
  },
  me: {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user',
    access: 'viewer',
    responses: {
      200: {
        type: 'object',
        required: ['user', 'via'],
        properties: { user: userSchema, via: { enum: ['session', 'token'] } },
      },
    },
  },
  listTokens: {
    method: 'get',
    path: '/api/auth/tokens',
    summary: 'Your API tokens',
    access: 'viewer',
    responses: { 200: listOf(apiTokenSchema) },
  },
  createToken: {
    method: 'post',
    path: '/api/auth/tokens',
    summary: 'Create an API token (the secret is shown once)',
    access: 'viewer',
    body: {
      type: 'object',
      required: ['name'],
      properties: { name: text(100), role: { enum: ROLE_NAMES } },
    },
    responses: {
      201: {
        type: 'object',
        required: [...apiTokenSchema.required, 'token'],
        properties: { ...apiTokenSchema.properties, token: { type: 'string' } },
      },
    },
  },
  deleteToken: {
    method: 'delete',
    path: '/api/auth/tokens/{id}',
    summary: 'Delete an API token',
    access: 'viewer',
    params: id,
    responses: { 204: null },
  },
  listUsers: {
    method: 'get',
    path: '/api/users',
    summary: 'Users',
    access: 'owner',
    responses: { 200: listOf(userRecordSchema) },
  },
  createUser: {
    method: 'post',
    path: '/api/users',
    summary: 'Create a user',
    access: 'owner',
    body: {
      type: 'object',
      required: ['email', 'password'],
      properties: {
        email: { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' },
        password: { type: 'string', minLength: 10, maxLength: 200 },
        role: { enum: ROLE_NAMES },
      },
    },
    responses: { 201: userRecordSchema },
  },
  ...TEAM_ROUTES,
  listFlows: {
    method: 'get',
    path: '/api/flows',
    summary: 'Flows',
    access: 'viewer',
    responses: { 200: listOf(flowSummarySchema) },
  },
  createFlow: {
    method: 'post',
    path: '/api/flows',
    summary: 'Create a flow from a definition',
    access: 'editor',
    body: definitionBody,
    responses: { 201: flowRecordSchema },
  },
  validateDefinition: {
    method: 'post',
    path: '/api/flows/validate',
    summary: 'Validate a definition without saving it',
    access: 'editor',
    body: definitionBody,
    responses: { 200: problemsSchema },
  },
  getFlow: {
    method: 'get',
    path: '/api/flows/{id}',
    summary: 'A flow with its draft definition',
    access: 'viewer',
    params: id,
    responses: { 200: flowRecordSchema },
  },
  saveFlow: {
    method: 'put',
    path: '/api/flows/{id}',
    summary: 'Replace the draft definition',
    access: 'editor',
    params: id,
    body: definitionBody,
    responses: { 200: flowRecordSchema },
  },
  deleteFlow: {
    method: 'delete',
    path: '/api/flows/{id}',
    summary: 'Delete a flow with its versions and runs',
    access: 'editor',
    params: id,
    responses: { 204: null },
  },
  validateFlow: {
    method: 'post',
    path: '/api/flows/{id}/validate',
    summary: 'Validate the saved draft',
    access: 'editor',
    params: id,
    responses: { 200: problemsSchema },
  },
  publishFlow: {
    method: 'post',
    path: '/api/flows/{id}/publish',
    summary: 'Freeze the draft as a new immutable version',
    access: 'editor',
    params: id,
    responses: { 201: flowVersionSchema },
  },
  listVersions: {
    method: 'get',
    path: '/api/flows/{id}/versions',
    summary: 'Published versions, newest first',
    access: 'viewer',
    params: id,
    responses: { 200: listOf(flowVersionSchema) },
  },
  diffVersions: {
    method: 'get',
    path: '/api/flows/{id}/versions/{a}/diff/{b}',
    summary: 'What changed from version a to version b ("draft" names the draft): nodes, edges, fields',
    access: 'viewer',
    params: {
      type: 'object',
      required: ['id', 'a', 'b'],
      properties: { id: { type: 'string', minLength: 1 }, a: versionRef, b: versionRef },
    },
    responses: { 200: flowDiffSchema },
  },
  restoreVersion: {
    method: 'post',
    path: '/api/flows/{id}/versions/{version}/restore',
    summary: 'Make a published version the draft again (and publish it as a new version with `publish`)',
    access: 'editor',
    params: {
      type: 'object',
      required: ['id', 'version'],
      properties: { id: { type: 'string', minLength: 1 }, version: { type: 'integer', minimum: 1 } },
    },
    body: { type: 'object', properties: { publish: { type: 'boolean' } } },
    bodyOptional: true,
    responses: { 200: flowRecordSchema },
  },
  activateFlow: {
    method: 'post',
    path: '/api/flows/{id}/activate',
    summary: 'Let triggers start runs of the active version',
    access: 'editor',
    params: id,
    responses: { 200: flowRecordSchema },
  },
  deactivateFlow: {
    method: 'post',
    path: '/api/flows/{id}/deactivate',
    summary: 'Stop triggers',
    access: 'editor',
    params: id,
    responses: { 200: flowRecordSchema },
  },
  testFlow: {
    method: 'post',
    path: '/api/flows/{id}/test',
    summary: 'Run the draft on sample input',
    access: 'editor',
    params: id,
    body: { type: 'object', properties: { input: coreType('JsonValue', {}) } },
    bodyOptional: true,
    responses: { 202: { type: 'object', required: ['runId'], properties: { runId: { type: 'string' } } } },
  },
  testStep: {
    method: 'post',
    path: '/api/flows/{id}/steps/{nodeId}/test',
    summary: 'Run one step with supplied input (and the unsaved draft as `definition`)',
    access: 'editor',
    params: pathParams('id', 'nodeId'),
    body: {
      type: 'object',
      properties: {
        definition: coreType('FlowDefinition', {
          type: 'object',
          required: ['trigger', 'steps'],
          properties: {
            trigger: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
            steps: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'use'],
                properties: { id: { type: 'string' }, use: { type: 'string' } },
              },
            },
          },
        } as const),
        input: coreType('JsonValue', {
          description: 'The scope the step sees: { trigger, steps, item, index }',
        }),
      },
    },
    responses: { 200: stepTestSchema },
  },
  listDeliveries: {
    method: 'get',
    path: '/api/flows/{id}/deliveries',
    summary:
      "The flow's recent webhook deliveries, newest first (stored ones with their run; samples taken while listening)",
    access: 'viewer',
    params: id,
    responses: { 200: listOf(deliverySchema) },
  },
  waitForDelivery: {
    method: 'get',
    path: '/api/flows/{id}/deliveries/next',
    summary:
      "Waits (long poll) for the flow's next delivery. While it waits, a flow that is not live takes deliveries as " +
      'samples only: verified, shown here, neither stored nor run',
    access: 'editor',
    params: id,
    query: {
      type: 'object',
      required: ['timeout'],
      properties: {
        timeout: { type: 'integer', minimum: 1, maximum: 30_000, description: 'How long to wait (ms)' },
        after: { type: 'integer', minimum: 0, description: 'Only deliveries received after this time (epoch ms)' },
      },
    },
    responses: {
      200: {
        type: 'object',
        required: ['delivery'],
        properties: { delivery: { anyOf: [deliverySchema, { type: 'null' }] } },
      },
    },
  },
  exportFlows: {
    method: 'get',
    path: '/api/export/flows',
    summary: 'Every flow as a weft.flow-file/v1 document (published version and draft, credentials by name)',
    access: 'viewer',
    responses: { 200: listOf(flowFileSchema) },
  },
  importFlows: {
    method: 'post',
    path: '/api/import/flows',
    summary: 'Create or update flows from flow files: answers the plan, and applies it unless `dryRun`',
    access: 'editor',
    body: importBody,
    responses: { 200: importPlanSchema },
  },
  listRuns: {
    method: 'get',
    path: '/api/runs',
    summary: 'Runs, newest first, with filters and cursor pagination',
    access: 'viewer',
    query: {
      type: 'object',
      properties: {
        flow: { type: 'string', description: 'A flow id' },
        status: { enum: RUN_STATUSES },
        since: { type: 'string', pattern: '^(\\d+|\\d{4}-.+)$', description: 'ISO date or epoch milliseconds' },
        until: { type: 'string', pattern: '^(\\d+|\\d{4}-.+)$', description: 'ISO date or epoch milliseconds' },
        limit: { type: 'integer', minimum: 1, maximum: 500 },
        cursor: { type: 'string' },
        tests: { enum: ['0', '1'], description: '1: include test runs (runs of the draft), left out by default' },
      },
    },
    responses: {
      200: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: runSummarySchema }, nextCursor: { type: 'string' } },
      },
    },
  },
  getRun: {
    method: 'get',
    path: '/api/runs/{id}',
    summary: 'A run with its steps (input, output, error, attempts, timings) and subflow children',
    access: 'viewer',
    params: id,
    responses: { 200: runDetailSchema },
  },
  runSteps: {
    method: 'get',
    path: '/api/runs/{id}/steps',
    summary: "A page of a run's steps (forEach iterations included), in start order",
    access: 'viewer',
    params: id,
    query: {
      type: 'object',
      properties: { cursor: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 1000 } },
    },
    responses: {
      200: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: stepSchema }, nextCursor: { type: 'string' } },
      },
    },
  },
  runLogs: {
    method: 'get',
    path: '/api/runs/{id}/logs',
    summary: "A page of a run's logs, oldest first (1000 unless `limit` says otherwise)",
    access: 'viewer',
    params: id,
    query: {
      type: 'object',
      properties: {
        cursor: { type: 'string', pattern: '^\\d+$', description: 'nextCursor of the previous page' },
        limit: { type: 'integer', minimum: 1, maximum: 5000 },
      },
    },
    responses: {
      200: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: logSchema }, nextCursor: { type: 'string' } },
      },
    },
  },
  retryRun: {
    method: 'post',
    path: '/api/runs/{id}/retry',
    summary: 'Re-run from the failed step with the same input (or the current version from the start)',
    access: 'operator',
    params: id,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        version: {
          enum: ['original', 'current'],
          description:
            "original (default): the failed run's version, from the failed step; current: the version live now " +
            '(the draft if none), from the start unless it is the same version',
        },
      },
    },
    bodyOptional: true,
    responses: { 202: runAccepted },
  },
  replayRun: {
    method: 'post',
    path: '/api/runs/{id}/replay',
    summary: "Re-run a finished run from a step: earlier steps keep their outputs; `input` replaces that step's input",
    access: 'operator',
    params: id,
    body: {
      type: 'object',
      required: ['from'],
      properties: {
        from: { type: 'string', minLength: 1, maxLength: 200, description: 'The id of the step to replay from' },
        input: coreType('JsonValue', {
          description: "The step's input (its resolved config; the trigger's event when replaying from the trigger)",
        }),
      },
    },
    responses: { 202: runAccepted },
  },
  cancelRun: {
    method: 'post',
    path: '/api/runs/{id}/cancel',
    summary: 'Cancel a queued or running run',
    access: 'operator',
    params: id,
    responses: { 202: runAccepted },
  },
  listCredentials: {
    method: 'get',
    path: '/api/credentials',
    summary: 'Credentials (secret values are never returned)',
    access: 'viewer',
    responses: { 200: listOf(credentialSchema) },
  },
  createCredential: {
    method: 'post',
    path: '/api/credentials',
    summary: 'Store a credential (values are encrypted at rest)',
    access: 'editor',
    body: {
      type: 'object',
      required: ['connector', 'name', 'kind', 'values'],
      properties: { connector: text(200), name: text(200), kind: { enum: AUTH_KINDS }, values: secretValues },
    },
    responses: { 201: credentialSchema },
  },
  getCredential: {
    method: 'get',
    path: '/api/credentials/{id}',
    summary: 'A credential (without its secret values)',
    access: 'viewer',
    params: id,
    responses: { 200: credentialSchema },
  },
  reconnectCredential: {
    method: 'put',
    path: '/api/credentials/{id}',
    summary: 'Reconnect in place: new secret values under the same id',
    access: 'editor',
    params: id,
    body: {
      type: 'object',
      required: ['values'],
      properties: { name: { type: 'string', maxLength: 200 }, values: secretValues },
    },
    responses: { 200: credentialSchema },
  },
  deleteCredential: {
    method: 'delete',
    path: '/api/credentials/{id}',
    summary: 'Delete a credential',
    access: 'editor',
    params: id,
    responses: { 204: null },
  },
  testCredential: {
    method: 'post',
    path: '/api/credentials/{id}/test',
    summary: 'Check that a credential is usable',
    access: 'editor',
    params: id,
    responses: {
      200: {
        type: 'object',
        required: ['ok', 'message'],
        properties: { ok: { type: 'boolean' }, message: { type: 'string' } },
      },
    },
  },
  oauthStart: {
    method: 'get',
    path: '/api/oauth/{connector}/start',
    summary: 'Start an OAuth2 authorization (redirects to the provider)',
    access: 'editor',
    params: pathParams('connector'),
    query: {
      type: 'object',
      properties: {
        credentialName: { type: 'string', maxLength: 200 },
        reconnect: { type: 'string', description: 'The id of the credential to reconnect' },
      },
    },
    responses: { 302: null },
  },
  oauthCallback: {
    method: 'get',
    path: '/api/oauth/callback',
    summary: 'OAuth2 callback (state-checked, single use); answers a page that tells the opener window',
    access: 'public',
    query: {
      type: 'object',
      properties: {
        state: { type: 'string' },
        code: { type: 'string' },
        error: { type: 'string' },
        error_description: { type: 'string' },
      },
    },
    responses: { 200: null },
  },
  listConnectors: {
    method: 'get',
    path: '/api/connectors',
    summary: 'Connector manifests for the editor palette',
    access: 'viewer',
    responses: { 200: listOf(connectorManifestSchema) },
  },
  connectorBreakers: {
    method: 'get',
    path: '/api/connectors/breakers',
    summary: 'Circuit breaker state per connector and host',
    access: 'viewer',
    responses: { 200: listOf(coreType('Opaque', { type: 'object' } as const)) },
  },
  connectorProblems: {
    method: 'get',
    path: '/api/connectors/problems',
    summary: 'Connector packages that could not be loaded, and why',
    access: 'viewer',
    responses: { 200: listOf(coreType('Opaque', { type: 'object' } as const)) },
  },
  connectorHealth: {
    method: 'get',
    path: '/api/health/connectors',
    summary: 'Health of each connector and connection over the last 5 minutes (healthy, degraded, down)',
    access: 'viewer',
    responses: { 200: connectorHealthReportSchema },
  },
  webhookRejections: {
    method: 'get',
    path: '/api/webhooks/rejections',
    summary: 'Webhook deliveries this process refused (newest first, the last 1000), with flow and reason',
    access: 'viewer',
    query: {
      type: 'object',
      properties: {
        flow: { type: 'string', maxLength: 200, description: 'Only this flow id' },
        reason: { type: 'string', maxLength: 200, description: 'Only this reason (a problem code)' },
        limit: { type: 'integer', minimum: 1, maximum: 1000 },
      },
    },
    responses: { 200: listOf(webhookRejectionSchema) },
  },
  retention: {
    method: 'get',
    path: '/api/retention',
    summary: 'The retention policy of runs (from WEFT_RETENTION_*), and what its last pass deleted',
    access: 'viewer',
    responses: { 200: retentionSchema },
  },
  retentionPrune: {
    method: 'post',
    path: '/api/retention/prune',
    summary: 'Runs a retention pass now (also done every 10 minutes) and reports it',
    access: 'owner',
    responses: { 200: retentionPassSchema },
  },
  deadLetters: {
    method: 'get',
    path: '/api/dead-letters',
    summary: 'Runs that failed for good and were not retried yet, newest first, with their errors',
    access: 'viewer',
    query: {
      type: 'object',
      properties: {
        flow: { type: 'string', description: 'A flow id' },
        limit: { type: 'integer', minimum: 1, maximum: 500 },
        cursor: { type: 'string' },
      },
    },
    responses: {
      200: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: runSummarySchema }, nextCursor: { type: 'string' } },
      },
    },
  },
  retryDeadLetters: {
    method: 'post',
    path: '/api/dead-letters/retry',
    summary:
      'Retries dead letters in bulk (the runs named, or the oldest-first page of a flow) once the cause is fixed',
    access: 'operator',
    body: {
      type: 'object',
      properties: {
        runIds: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 100 },
        flow: { type: 'string', minLength: 1, description: 'Every dead letter of this flow (up to `limit`)' },
        limit: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    bodyOptional: true,
    responses: {
      200: {
        type: 'object',
        required: ['retried', 'skipped'],
        properties: {
          retried: {
            type: 'array',
            items: {
              type: 'object',
              required: ['runId', 'retryOf'],
              properties: { runId: { type: 'string' }, retryOf: { type: 'string' } },
            },
          },
          skipped: {
            type: 'array',
            description: 'Named runs that are not dead letters (missing, not failed, a test run, retried already)',
            items: { type: 'string' },
          },
        },
      },
    },
  },
  alertRules: {
    method: 'get',
    path: '/api/alerts/rules',
    summary: 'The alert rules (defaults until edited)',
    access: 'viewer',
    responses: { 200: listOf(alertRuleSchema) },
  },
  updateAlertRules: {
    method: 'put',
    path: '/api/alerts/rules',
    summary: 'Replaces the alert rules; conditions of removed or disabled rules resolve',
    access: 'editor',
    body: {
      type: 'object',
      required: ['items'],
      properties: { items: { type: 'array', items: alertRuleSchema, maxItems: 100 } },
    },
    responses: { 200: listOf(alertRuleSchema) },
  },
  alertHistory: {
    method: 'get',
    path: '/api/alerts/history',
    summary: 'Alerts firing now, and the history of alerts fired and resolved (newest first)',
    access: 'viewer',
    query: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
    responses: {
      200: {
        type: 'object',
        required: ['firing', 'items'],
        properties: {
          firing: { type: 'array', items: alertNoticeSchema },
          items: { type: 'array', items: alertNoticeSchema },
        },
      },
    },
  },
  syncLogs: {
    method: 'get',
    path: '/api/sync-logs',
    summary: 'Logs of sync passes run by connector actions (ctx.sync), newest first',
    access: 'viewer',
    query: {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 200, description: 'Only the passes of this sync' },
        limit: { type: 'integer', minimum: 1, maximum: 500 },
      },
    },
    responses: { 200: listOf(syncLogSchema) },
  },
  ...RUN_FILE_ROUTES,
} as const satisfies Record<string, RouteContract>;

export type Api = typeof API;
export type RouteName = keyof Api;
