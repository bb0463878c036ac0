// What Google API failures mean beyond the SDK's status ladder (the connector's `errors` hook). Google reports
// quota exhaustion as 403 with reason `rateLimitExceeded` or `userRateLimitExceeded` (as well as 429): that is
// throttling, to retry later, not a permission problem.
import type { ErrorHook } from '@weft/sdk';

export const GMAIL = '/gmail/v1/users/me';
export const CALENDAR = '/calendar/v3';

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; message?: string }[] };
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

export const googleErrors: ErrorHook = ({ status, body, request }) => {
  const error = (body as GoogleErrorBody | null)?.error;
  const said = error?.message ?? (typeof body === 'string' ? body.slice(0, 300) : undefined);
  const quote = said ? `: ${said}` : '';
  const reasons = (error?.errors ?? []).map((e) => e.reason ?? '');
  const details = { ...(said ? { upstreamMessage: said } : {}), ...(reasons.length ? { reasons } : {}) };
  if (status === 429 || (status === 403 && reasons.some((r) => RATE_REASONS.has(r)))) {
    return { kind: 'rateLimited', message: `Google is rate limiting requests${quote}`, details };
  }
  const message =
    status === 401
      ? `Google rejected the connection (401)${quote}. Reconnect the Google connection.`
      : status === 403
        ? `The Google connection may not do this (403)${quote}. Reconnect it to grant the scope.`
        : status === 404 || status === 410
          ? `Google found nothing at ${request} (${status})${quote}`
          : status >= 500
            ? `Google failed to handle ${request} (${status})${quote}`
            : `Google rejected ${request} (${status})${quote}`;
  return { message, details };
};
