// Requests to Google APIs. Google reports quota exhaustion as 403 with reason `rateLimitExceeded` or
// `userRateLimitExceeded` (as well as 429): that is throttling, to retry later, not a permission problem.
import { ConnectorError, type HttpClient, type HttpRequest, type HttpResponse } from '@weft/sdk';

export const GMAIL = '/gmail/v1/users/me';
export const CALENDAR = '/calendar/v3';

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; message?: string }[] };
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

export async function googleRequest<T>(
  http: HttpClient,
  request: HttpRequest,
  allowStatuses: readonly number[] = [],
): Promise<HttpResponse<T>> {
  const response = await http.request<T>({ ...request, throwHttpErrors: false });
  if (response.status < 400 || allowStatuses.includes(response.status)) return response;
  throw googleError(request.method ?? 'GET', response);
}

export function googleError(method: string, response: HttpResponse): ConnectorError {
  const { status } = response;
  const error = (response.body as GoogleErrorBody | null)?.error;
  const said = error?.message ?? (typeof response.body === 'string' ? response.body.slice(0, 300) : undefined);
  const quote = said ? `: ${said}` : '';
  const where = `${method} ${new URL(response.url).pathname}`;
  const reasons = (error?.errors ?? []).map((e) => e.reason ?? '');
  const details = {
    request: where,
    ...(said ? { upstreamMessage: said } : {}),
    ...(reasons.length ? { reasons } : {}),
  };
  if (status === 429 || (status === 403 && reasons.some((r) => RATE_REASONS.has(r)))) {
    return new ConnectorError({
      kind: 'rateLimited',
      status,
      message: `Google is rate limiting requests${quote}`,
      details,
    });
  }
  const [kind, message] =
    status === 401
      ? (['auth', `Google rejected the connection (401)${quote}. Reconnect the Google connection.`] as const)
      : status === 403
        ? (['auth', `The Google connection may not do this (403)${quote}. Reconnect it to grant the scope.`] as const)
        : status === 404 || status === 410
          ? (['notFound', `Google found nothing at ${where} (${status})${quote}`] as const)
          : status >= 500
            ? (['upstream', `Google failed to handle ${where} (${status})${quote}`] as const)
            : (['validation', `Google rejected ${where} (${status})${quote}`] as const);
  return new ConnectorError({ kind, status, message, details });
}
