// Turns an unsuccessful response into a ConnectorError a user can act on, quoting the API's own message.
import { ConnectorError, type ConnectorErrorKind } from '../errors.js';

export interface FailedResponse {
  status: number;
  body: unknown;
  method: string;
  url: string;
  retryAfterMs?: number;
}

export function httpError(service: string, response: FailedResponse): ConnectorError {
  const { status } = response;
  const said = upstreamMessage(response.body);
  const quote = said ? `: ${said}` : '';
  const where = describeUrl(response.method, response.url);
  const [kind, message] = classify(status, service, quote);
  return new ConnectorError({
    kind,
    status,
    message,
    ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
    details: { request: where, ...(said ? { upstreamMessage: said } : {}) },
  });
}

function classify(status: number, service: string, quote: string): [ConnectorErrorKind, string] {
  if (status === 401)
    return [
      'auth',
      `${service} rejected the connection's credentials (401)${quote}. Check or reconnect the connection.`,
    ];
  if (status === 403) return ['auth', `The connection is not allowed to do this in ${service} (403)${quote}`];
  if (status === 404 || status === 410)
    return ['notFound', `${service} could not find what was asked for (${status})${quote}`];
  if (status === 408) return ['timeout', `${service} timed out waiting for the request (408)${quote}`];
  if (status === 429) return ['rateLimited', `${service} is rate limiting requests (429)${quote}`];
  if (status >= 500) return ['upstream', `${service} failed to handle the request (${status})${quote}`];
  if (status >= 400) return ['validation', `${service} rejected the request (${status})${quote}`];
  return ['upstream', `${service} answered with an unexpected status ${status}${quote}`];
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
