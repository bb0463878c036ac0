// ConnectorError: the one error connectors and the SDK throw. `kind` says what went wrong in words a user
// understands; `code` is stable (for docs links and problem types); `retryable` tells the engine what to do.
import { WeftError, type Fault, type JsonObject } from '@weft/core';

export type ConnectorErrorKind =
  'auth' | 'validation' | 'rateLimited' | 'notFound' | 'upstream' | 'network' | 'timeout';

export interface ConnectorErrorOptions {
  kind: ConnectorErrorKind;
  message: string;
  /** Defaults by kind: rateLimited, network, timeout and upstream 5xx are retryable. */
  retryable?: boolean;
  /** A more specific stable code than `connector_<kind>` (e.g. `connector_circuit_open`). */
  code?: string;
  /** The upstream HTTP status, when there was one. */
  status?: number;
  /** When the upstream said how long to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  details?: JsonObject;
  nodeId?: string;
}

const FAULTS: Record<ConnectorErrorKind, Fault> = {
  auth: 'user',
  validation: 'user',
  notFound: 'user',
  rateLimited: 'upstream',
  upstream: 'upstream',
  network: 'upstream',
  timeout: 'upstream',
};

const CODES: Record<ConnectorErrorKind, string> = {
  auth: 'connector_auth',
  validation: 'connector_validation',
  notFound: 'connector_not_found',
  rateLimited: 'connector_rate_limited',
  upstream: 'connector_upstream',
  network: 'connector_network',
  timeout: 'connector_timeout',
};

export class ConnectorError extends WeftError {
  readonly kind: ConnectorErrorKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(options: ConnectorErrorOptions) {
    const details: JsonObject = { kind: options.kind, ...options.details };
    if (options.status !== undefined) details.status = options.status;
    if (options.retryAfterMs !== undefined) details.retryAfterMs = options.retryAfterMs;
    super(options.code ?? CODES[options.kind], options.message, {
      fault: FAULTS[options.kind],
      retryable: options.retryable ?? defaultRetryable(options.kind, options.status),
      details,
      ...(options.nodeId === undefined ? {} : { nodeId: options.nodeId }),
    });
    this.name = 'ConnectorError';
    this.kind = options.kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** A copy with another message and details (used by redaction); never carries the original as cause. */
  withMessage(message: string, details: JsonObject | undefined, nodeId?: string): ConnectorError {
    const { kind: _kind, status: _status, retryAfterMs: _retry, ...rest } = details ?? {};
    return new ConnectorError({
      kind: this.kind,
      message,
      retryable: this.retryable,
      code: this.code,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      details: rest,
      ...((nodeId ?? this.nodeId) === undefined ? {} : { nodeId: nodeId ?? this.nodeId }),
    });
  }
}

function defaultRetryable(kind: ConnectorErrorKind, status: number | undefined): boolean {
  switch (kind) {
    case 'rateLimited':
    case 'network':
    case 'timeout':
      return true;
    case 'upstream':
      return status === undefined || status >= 500;
    default:
      return false;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}
