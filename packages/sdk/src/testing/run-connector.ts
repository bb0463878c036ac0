// Running a connector's action or trigger in a test exactly as the runtime does (validation, auth, ctx.http,
// redaction), against a local fake API. Outbound requests may only reach loopback unless `outbound` says
// otherwise, so a test that forgot its `baseUrl` fails instead of calling the real API.
import type { JsonValue, ScriptLog } from '@weft/core';
import type { Credential, CredentialValues } from '../credentials/credential-provider.js';
import { createMemoryCredentialProvider } from '../credentials/credential-provider.js';
import type { ActionCallInput, ActionOutput } from '../define/action.js';
import type { ActionKeyOf, ActionOf, ConnectorDefinition } from '../define/connector.js';
import type { WebhookRequest } from '../define/webhook-request.js';
import { createConnectorRegistry, type ConnectorRegistryOptions } from '../registry/registry.js';
import type { PollState, WebhookOutcome } from '../registry/trigger-runtime.js';

export const TEST_CREDENTIAL_ID = 'test-credential';
type LogSink = (level: ScriptLog['level'], message: string) => void;
const LOOPBACK_ONLY = { allowOnly: true, allow: ['127.0.0.0/8', '::1', 'localhost'] };

/** Outbound requests default to loopback only (`allowOnly` 127.0.0.0/8, ::1, localhost); `outbound` adds to that. */
export interface RunOptions extends Omit<ConnectorRegistryOptions, 'credentials'> {
  /** Credential values (`{ apiKey }`, `{ accessToken, refreshToken, clientId }`...) or a whole credential. */
  credentials?: CredentialValues | Partial<Credential>;
  /** Replaces the connector's `baseUrl` (point it at a fake API). */
  baseUrl?: string;
  /** Collects log lines as well as returning them. */
  onLog?: (log: ScriptLog) => void;
}

export interface RunActionOptions<Input> extends RunOptions {
  input: Input;
  idempotencyKey?: string;
  /** `false`: the step opted out of idempotency headers (`"idempotencyKey": false` in a flow). */
  sendIdempotencyKey?: boolean;
  attempt?: number;
  /** The step's `retry.attempts`: above 1 the step owns the retries and `ctx.http` sends one request. */
  stepAttempts?: number;
  signal?: AbortSignal;
  runId?: string;
  nodeId?: string;
}

export interface TestRun<Output> {
  output: Output;
  logs: ScriptLog[];
  /** The credential after the run (refreshed tokens, status). */
  credential: Credential | undefined;
}

export async function runAction<C extends ConnectorDefinition, K extends ActionKeyOf<C> & string>(
  connector: C,
  key: K,
  options: RunActionOptions<ActionCallInput<ActionOf<C, K>>>,
): Promise<TestRun<ActionOutput<ActionOf<C, K>>>> {
  return withRegistry(connector, options, async (registry, ref, log, credentialId) => {
    const handler = registry.resolve(`${ref}.${key}`);
    if (!handler) throw new Error(`${connector.name} has no action "${key}"`);
    return (await handler({
      runId: options.runId ?? 'test-run',
      nodeId: options.nodeId ?? key,
      input: options.input as never,
      credentialId,
      idempotencyKey: options.idempotencyKey ?? 'test-run:step',
      ...(options.sendIdempotencyKey === undefined ? {} : { sendIdempotencyKey: options.sendIdempotencyKey }),
      attempt: options.attempt ?? 1,
      ...(options.stepAttempts === undefined ? {} : { stepAttempts: options.stepAttempts }),
      signal: options.signal ?? new AbortController().signal,
      log,
    })) as ActionOutput<ActionOf<C, K>>;
  });
}

export interface RunPollOptions extends RunOptions {
  config?: JsonValue;
  /** The state a previous runPoll returned. */
  state?: PollState;
}

export async function runPoll(
  connector: ConnectorDefinition,
  key: string,
  options: RunPollOptions = {},
): Promise<TestRun<JsonValue[]> & { state: PollState; cursor: JsonValue }> {
  let state: PollState | undefined;
  const run = await withRegistry(connector, options, async (registry, ref, log, credentialId) => {
    const outcome = await registry.poll(ref, key, {
      ...(credentialId === undefined ? {} : { credentialId }),
      ...(options.config === undefined ? {} : { config: options.config }),
      ...(options.state ? { state: options.state } : {}),
      log,
    });
    state = outcome.state;
    return outcome.events;
  });
  return { ...run, state: state!, cursor: state!.cursor };
}

/** Delivers a webhook to a trigger. `body` may be an object (sent as JSON) or the raw string/bytes. */
export async function runWebhook(
  connector: ConnectorDefinition,
  key: string,
  options: { body: unknown; headers?: Record<string, string>; secret?: string; method?: string; config?: JsonValue },
): Promise<WebhookOutcome> {
  const raw =
    options.body instanceof Uint8Array
      ? options.body
      : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const request: WebhookRequest = { method: options.method ?? 'POST', headers, rawBody: new Uint8Array(raw) };
  try {
    request.body = JSON.parse(Buffer.from(raw).toString('utf8')) as JsonValue;
  } catch {
    // not JSON
  }
  const registry = createConnectorRegistry({ outbound: LOOPBACK_ONLY });
  try {
    const manifest = registry.register(connector, 'test');
    return await registry.receiveWebhook(`${manifest.name}@${manifest.version.split('.')[0]}`, key, {
      request,
      ...(options.secret === undefined ? {} : { secret: options.secret }),
      ...(options.config === undefined ? {} : { config: options.config }),
    });
  } finally {
    await registry.close();
  }
}

async function withRegistry<T>(
  connector: ConnectorDefinition,
  options: RunOptions,
  body: (
    registry: ReturnType<typeof createConnectorRegistry>,
    ref: string,
    log: LogSink,
    credentialId: string | undefined,
  ) => Promise<T>,
): Promise<TestRun<T>> {
  const { credentials, baseUrl, onLog, ...registryOptions } = options;
  const kind = connector.auth?.kind ?? 'none';
  const credential = credentials === undefined ? undefined : toCredential(connector, credentials);
  const provider = createMemoryCredentialProvider(credential ? [credential] : []);
  const registry = createConnectorRegistry({
    ...registryOptions,
    outbound: { ...LOOPBACK_ONLY, ...registryOptions.outbound },
    credentials: provider,
  });
  const logs: ScriptLog[] = [];
  const log: LogSink = (level, message) => {
    logs.push({ level, message });
    onLog?.({ level, message });
  };
  try {
    const manifest = registry.register(baseUrl === undefined ? connector : { ...connector, baseUrl }, 'test');
    const ref = `${manifest.name}@${manifest.version.split('.')[0]}`;
    const credentialId = kind === 'none' ? undefined : credential?.id;
    const output = await body(registry, ref, log, credentialId);
    return { output, logs, credential: credential ? await provider.get(credential.id) : undefined };
  } finally {
    await registry.close();
  }
}

function toCredential(connector: ConnectorDefinition, given: CredentialValues | Partial<Credential>): Credential {
  const whole = typeof (given as Partial<Credential>).values === 'object';
  const partial: Partial<Credential> = whole ? (given as Partial<Credential>) : { values: given as CredentialValues };
  return {
    id: TEST_CREDENTIAL_ID,
    connector: connector.name,
    kind: connector.auth?.kind ?? 'none',
    values: {},
    status: 'active',
    ...partial,
  };
}
