// Requests to the OpenAI API: what its failures mean beyond the SDK's status ladder (the connector's `errors`
// hook: an exhausted quota is a 429 too, but waiting does not help; rate-limit waits read from its headers),
// and a warning when a token budget runs low.
import type { ErrorHook, HttpClient, HttpRequest, HttpResponse, LogFn } from '@weft/sdk';

interface OpenAIErrorBody {
  error?: { message?: string; type?: string; code?: string | null; param?: string | null };
}

/** `ctx.http.request`, with a warning in the step's log when the token budget runs low. */
export async function openaiRequest<T>(http: HttpClient, log: LogFn, request: HttpRequest): Promise<HttpResponse<T>> {
  const response = await http.request<T>(request);
  warnWhenBudgetLow(response.headers, log);
  return response;
}

export const openaiErrors: ErrorHook = ({ status, headers, body }) => {
  const error = (body as OpenAIErrorBody | null)?.error;
  const said = error?.message ?? (typeof body === 'string' ? body.slice(0, 300) : undefined);
  const quote = said ? `: ${said}` : '';
  const details = {
    ...(said ? { upstreamMessage: said } : {}),
    ...(error?.code ? { openaiCode: error.code } : {}),
    ...(error?.param ? { param: error.param } : {}),
  };
  if (status === 429 && error?.code === 'insufficient_quota') {
    return {
      code: 'openai_insufficient_quota',
      retryable: false,
      message: `OpenAI refused the request: the account is out of quota${quote}. Check its plan and billing.`,
      details,
    };
  }
  if (status === 429) {
    const retryAfterMs = retryAfter(headers);
    return {
      message: `OpenAI is rate limiting requests${quote}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      details,
    };
  }
  const message =
    status === 401
      ? `OpenAI rejected the API key (401)${quote}`
      : status === 403
        ? `OpenAI does not allow this for the key’s project (403)${quote}`
        : status === 404
          ? `OpenAI found nothing (404)${quote}`
          : status >= 500
            ? `OpenAI failed to handle the request (${status})${quote}`
            : `OpenAI rejected the request (${status})${quote}`;
  return { message, details };
};

/** `retry-after-ms`, `retry-after` (seconds), or the reset of the exhausted budget (`6m0s`, `1s`, `20ms`). */
function retryAfter(headers: Readonly<Record<string, string>>): number | undefined {
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
