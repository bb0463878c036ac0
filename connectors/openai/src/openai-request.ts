// Requests to the OpenAI API: errors told apart by OpenAI's `error.code` (an exhausted quota is a 429 too, but
// waiting does not help), rate-limit waits read from its headers, and a warning when a token budget runs low.
import { ConnectorError, type HttpClient, type HttpRequest, type HttpResponse, type LogFn } from '@weft/sdk';

interface OpenAIErrorBody {
  error?: { message?: string; type?: string; code?: string | null; param?: string | null };
}

export async function openaiRequest<T>(http: HttpClient, log: LogFn, request: HttpRequest): Promise<HttpResponse<T>> {
  const response = await http.request<T>({ ...request, throwHttpErrors: false });
  warnWhenBudgetLow(response.headers, log);
  if (response.status < 400) return response;
  throw openaiError(response);
}

export function openaiError(response: HttpResponse): ConnectorError {
  const { status, headers } = response;
  const error = (response.body as OpenAIErrorBody | null)?.error;
  const said = error?.message ?? (typeof response.body === 'string' ? response.body.slice(0, 300) : undefined);
  const quote = said ? `: ${said}` : '';
  const details = {
    ...(said ? { upstreamMessage: said } : {}),
    ...(error?.code ? { openaiCode: error.code } : {}),
    ...(error?.param ? { param: error.param } : {}),
  };
  if (status === 429 && error?.code === 'insufficient_quota') {
    return new ConnectorError({
      kind: 'rateLimited',
      code: 'openai_insufficient_quota',
      retryable: false,
      status,
      message: `OpenAI refused the request: the account is out of quota${quote}. Check its plan and billing.`,
      details,
    });
  }
  if (status === 429) {
    const retryAfterMs = retryAfter(headers);
    return new ConnectorError({
      kind: 'rateLimited',
      status,
      message: `OpenAI is rate limiting requests${quote}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      details,
    });
  }
  const [kind, message] =
    status === 401
      ? (['auth', `OpenAI rejected the API key (401)${quote}`] as const)
      : status === 403
        ? (['auth', `OpenAI does not allow this for the key’s project (403)${quote}`] as const)
        : status === 404
          ? (['notFound', `OpenAI found nothing (404)${quote}`] as const)
          : status >= 500
            ? (['upstream', `OpenAI failed to handle the request (${status})${quote}`] as const)
            : (['validation', `OpenAI rejected the request (${status})${quote}`] as const);
  return new ConnectorError({ kind, status, message, details });
}

/** `retry-after-ms`, `retry-after` (seconds), or the reset of the exhausted budget (`6m0s`, `1s`, `20ms`). */
function retryAfter(headers: Record<string, string>): number | undefined {
  if (headers['retry-after-ms'] && Number.isFinite(Number(headers['retry-after-ms'])))
    return Number(headers['retry-after-ms']);
  if (headers['retry-after'] && /^\d+$/.test(headers['retry-after'])) return Number(headers['retry-after']) * 1000;
  const resets = [headers['x-ratelimit-reset-requests'], headers['x-ratelimit-reset-tokens']]
    .map(parseDuration)
    .filter((ms): ms is number => ms !== undefined);
  return resets.length ? Math.max(...resets) : undefined;
}

export function parseDuration(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let matched = '';
  for (const [part, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(amount) * units[unit!]!;
    matched += part;
  }
  return matched === value ? Math.ceil(total) : undefined;
}

function warnWhenBudgetLow(headers: Record<string, string>, log: LogFn): void {
  const limit = Number(headers['x-ratelimit-limit-tokens']);
  const remaining = Number(headers['x-ratelimit-remaining-tokens']);
  if (Number.isFinite(limit) && Number.isFinite(remaining) && limit > 0 && remaining < limit * 0.1) {
    log(
      'warn',
      `OpenAI token budget nearly used: ${remaining} of ${limit} tokens per minute left (resets in ${headers['x-ratelimit-reset-tokens'] ?? '?'})`,
    );
  }
}
