// Turns an unsuccessful response into a ConnectorError a user can act on, quoting the API's own message. The
// status ladder lives here once; a connector's `errors` hook (define/error-hook.ts) refines it.
import type { ErrorHook, FailedCall } from '../define/error-hook.js';
import { ConnectorError, type ConnectorErrorKind } from '../errors.js';

export interface FailedResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  method: string;
  url: string;
  retryAfterMs?: number;
}

export function httpError(
  service: string,
  response: FailedResponse,
  refine?: { hook: ErrorHook | undefined; now: number },
): ConnectorError {
  const { status } = response;
  const said = upstreamMessage(response.body);
  const where = describeUrl(response.method, response.url);
  const failure: FailedCall = {
    status,
    headers: response.headers ?? {},
    body: response.body,
    request: where,
    upstreamMessage: said,
    retryAfterMs: response.retryAfterMs,
    kind: defaultKind(status),
    now: refine?.now ?? Date.now(),
  };
  const refined = refine?.hook?.(failure) ?? {};
  const kind = refined.kind ?? failure.kind;
  const retryAfterMs = 'retryAfterMs' in refined ? refined.retryAfterMs : response.retryAfterMs;
  return new ConnectorError({
    kind,
    status,
    message: refined.message ?? defaultMessage(kind, status, service, said ? `: ${said}` : ''),
    ...(refined.code === undefined ? {} : { code: refined.code }),
    ...(refined.retryable === undefined ? {} : { retryable: refined.retryable }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    details: { request: where, ...(said ? { upstreamMessage: said } : {}), ...refined.details },
  });
}

function defaultKind(status: number): ConnectorErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rateLimited';
  if (status >= 500 || status < 400) return 'upstream';
  return 'validation';
}

function defaultMessage(kind: ConnectorErrorKind, status: number, service: string, quote: string): string {
  switch (kind) {
    case 'auth':
      return status === 403
        ? `The connection is not allowed to do this in ${service} (403)${quote}`
        : `${service} rejected the connection's credentials (${status})${quote}. Check or reconnect the connection.`;
    case 'notFound':
      return `${service} could not find what was asked for (${status})${quote}`;
    case 'timeout':
      return `${service} timed out waiting for the request (${status})${quote}`;
    case 'rateLimited':
      return `${service} is rate limiting requests (${status})${quote}`;
    case 'validation':
      return `${service} rejected the request (${status})${quote}`;
    default:
      return status >= 500
        ? `${service} failed to handle the request (${status})${quote}`
        : `${service} answered with an unexpected status ${status}${quote}`;
  }
}
/** The first human message found in common error shapes (`{error:{message}}`, `{message}`, OAuth, RFC 9457). */
export function upstreamMessage(body: unknown): string | undefined {
  const pick = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() ? value.trim() : undefined;
  let found: string | undefined;
  if (typeof body === 'string') found = pick(body.startsWith('<') ? undefined : body);
  else if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const error = b.error;
    const errors = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined) : undefined;
    found =
      pick((error as Record<string, unknown> | undefined)?.message) ??
      pick(b.message) ??
      pick(b.error_description) ??
      pick(error) ??
      pick(b.detail) ??
      pick(errors?.message) ??
      pick(b.title);
  }
  return found && found.length > 300 ? `${found.slice(0, 297)}...` : found;
}

/** Method, host and path — never the query, which may carry keys. */
export function describeUrl(method: string, url: string): string {
  try {
    const parsed = new URL(url);
    return `${method} ${parsed.host}${parsed.pathname}`;
  } catch {
    return method;
  }
}
