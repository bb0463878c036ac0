// Everything one step (action run, poll, schedule fire) of a connector gets: its credential checked and
// loaded, an auth session, `ctx.http`, `ctx.outbound`, a redacting log — and the redaction applied to whatever leaves it.
import { WeftError, type AbortSignalLike, type JsonObject, type JsonValue } from '@weft/core';
import { createAuthSession } from '../auth/auth-session.js';
import type { Credential } from '../credentials/credential-provider.js';
import type { ConnectorDefinition } from '../define/connector.js';
import type { ConnectionAccess, LogFn, LogLevel, OutboundGuard } from '../define/context.js';
import { ConnectorError } from '../errors.js';
import { createActionHttp } from '../http/action-http.js';
import type { HttpClient, RetryOptions } from '../http/http-types.js';
import { needsReconnectError } from '../oauth/token-manager.js';
import type { SecretSet } from '../redact.js';
import type { SharedRuntime } from './runtime.js';
import type { StepFiles } from '../files/file-port.js';
import { stepFiles } from '../files/step-files.js';

export interface StepScopeInput {
  connector: ConnectorDefinition;
  credentialId: string | undefined;
  log: (level: LogLevel, message: string) => void;
  signal: AbortSignalLike | undefined;
  /** The key to send with write requests; absent when the step opted out. */
  idempotencyKey?: string;
  retry?: RetryOptions | false;
  /** The step's attempt budget (core's `stepAttempts`). */
  stepAttempts?: number;
  /** The action's key, when the step runs one (observers label requests with it). */
  action?: string;
  /** The run the step belongs to (actions): `ctx.files` and the HTTP client's file bodies and responses use it. */
  runId?: string;
}

export interface StepScope {
  http: HttpClient;
  auth: ConnectionAccess;
  log: LogFn;
  signal: AbortSignal;
  outbound: OutboundGuard;
  secrets: SecretSet;
  files: StepFiles;
}

export async function openStepScope(
  runtime: SharedRuntime,
  input: StepScopeInput,
  secrets: SecretSet,
): Promise<StepScope> {
  const { connector } = input;
  const declared = connector.auth ?? { kind: 'none' as const };
  const withoutConnection = declared.kind !== 'none' && declared.optional === true && !input.credentialId;
  const spec = withoutConnection ? { kind: 'none' as const } : declared;
  const credential = spec.kind === 'none' ? undefined : await loadCredential(runtime, connector, input.credentialId);
  const log: LogFn = (level, message) => input.log(level, secrets.redact(String(message)));
  const signal = toAbortSignal(input.signal);
  const auth = createAuthSession({ spec, credential, tokens: runtime.tokens, secrets });
  const baseUrl = credentialBaseUrl(credential);
  const files = stepFiles(runtime.files, input.runId ?? '');
  const http = createActionHttp(runtime.http, {
    connector,
    credentialId: credential?.id,
    auth,
    log,
    signal,
    ...(connector.idempotencyHeader !== false && input.idempotencyKey !== undefined
      ? { idempotencyKey: input.idempotencyKey }
      : {}),
    ...(input.retry === undefined ? {} : { retry: input.retry }),
    ...(input.stepAttempts === undefined ? {} : { stepAttempts: input.stepAttempts }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(input.action === undefined ? {} : { action: input.action }),
    ...(runtime.files && input.runId !== undefined ? { files } : {}),
  });
  return { http, auth: auth.access, log, signal, outbound: runtime.outbound, secrets, files };
}

/** A connection may point the connector elsewhere (self-hosted GitHub Enterprise, a fake API in tests). */
function credentialBaseUrl(credential: Credential | undefined): string | undefined {
  const value = credential?.values.baseUrl?.trim();
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConnectorError({
      kind: 'validation',
      code: 'connector_bad_base_url',
      message: `The connection's base URL "${value}" is not an http(s) URL. Edit the connection and fix it.`,
    });
  }
  return value;
}

async function loadCredential(
  runtime: SharedRuntime,
  connector: ConnectorDefinition,
  credentialId: string | undefined,
): Promise<Credential> {
  if (credentialId === undefined || credentialId === '') {
    throw new ConnectorError({
      kind: 'auth',
      code: 'connector_credential_missing',
      message: `This step needs a ${connector.title} connection. Choose one in the step's settings.`,
    });
  }
  if (!runtime.credentials) {
    throw new WeftError('credentials_unavailable', 'No credential store is configured in this runtime', {
      fault: 'system',
    });
  }
  const credential = await runtime.credentials.get(credentialId);
  if (!credential) {
    throw new ConnectorError({
      kind: 'auth',
      code: 'connector_credential_not_found',
      message: `The connection ${credentialId} does not exist (it may have been deleted). Choose another one.`,
    });
  }
  if (credential.connector !== connector.name) {
    throw new ConnectorError({
      kind: 'auth',
      code: 'connector_credential_mismatch',
      message: `The connection ${credential.name ?? credentialId} belongs to ${credential.connector}, not ${connector.title}.`,
    });
  }
  if (credential.status === 'needs_reconnect') throw needsReconnectError(credential, 'needs to be reconnected');
  return credential;
}

/** JSON-only copy of what connector code returned, secrets redacted. */
export function sanitizeOutput(value: unknown, secrets: SecretSet): JsonValue {
  const json = value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
  return secrets.redact(json);
}

/** The error to hand to the engine: secrets redacted, the original (which may quote them) not attached. */
export function sanitizeError(
  error: unknown,
  secrets: SecretSet,
  signal: AbortSignal | undefined,
  context: string,
): Error {
  if (signal?.aborted && error === signal.reason) return error instanceof Error ? error : new Error(String(error));
  if (error instanceof ConnectorError) {
    return error.withMessage(secrets.redact(error.message), secrets.redact(error.details) as JsonObject | undefined);
  }
  if (error instanceof WeftError) {
    return new WeftError(error.code, secrets.redact(error.message), {
      fault: error.fault,
      retryable: error.retryable,
      ...(error.nodeId ? { nodeId: error.nodeId } : {}),
      ...(error.details ? { details: secrets.redact(error.details) } : {}),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WeftError('connector_failed', `${context} failed: ${secrets.redact(message)}`, {
    fault: 'system',
    retryable: false,
  });
}

function toAbortSignal(signal: AbortSignalLike | undefined): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}
