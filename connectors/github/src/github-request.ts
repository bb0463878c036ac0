// Requests to the GitHub REST API with its media type and API version, and what its failures mean beyond the
// SDK's status ladder (the `errors` hook): GitHub answers an exhausted rate limit with 403 (or 429) and
// `x-ratelimit-remaining: 0` or `retry-after`, which is throttling, not a permission problem; 422 carries a
// list of field errors worth quoting.
import type { ErrorHook, HttpClient, HttpRequest, HttpResponse } from '@weft/sdk';

export const GITHUB_HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
} as const;

interface GithubErrorBody {
  message?: string;
  errors?: ({ resource?: string; field?: string; code?: string; message?: string } | string)[];
}

export function githubRequest<T>(http: HttpClient, request: HttpRequest): Promise<HttpResponse<T>> {
  return http.request<T>({ ...request, headers: { ...GITHUB_HEADERS, ...request.headers } });
}

export const githubErrors: ErrorHook = ({ status, headers, body: raw, request, retryAfterMs, now }) => {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as GithubErrorBody;
  const said = [body.message, ...(body.errors ?? []).map(describeFieldError)].filter(Boolean).join('; ');
  const quote = said ? `: ${said}` : '';
  const details = said ? { details: { upstreamMessage: said } } : {};
  if ((status === 403 || status === 429) && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'])) {
    const wait = retryAfterMs ?? Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now);
    return {
      kind: 'rateLimited',
      message: `GitHub rate limit reached${quote}. Retrying after ${Math.ceil(wait / 1000)} s.`,
      ...(Number.isFinite(wait) ? { retryAfterMs: wait } : {}),
      ...details,
    };
  }
  const message =
    status === 401
      ? `GitHub rejected the token (401)${quote}. Reconnect the GitHub connection.`
      : status === 403
        ? `The GitHub token may not do this (403)${quote}. Check its scopes or the app’s permissions.`
        : status === 404 || status === 410
          ? `GitHub found nothing at ${request} (${status})${quote}. Private repositories look missing to tokens that cannot see them.`
          : status >= 500
            ? `GitHub failed to handle ${request} (${status})${quote}`
            : `GitHub rejected ${request} (${status})${quote}`;
  return { message, ...details };
};

function describeFieldError(error: NonNullable<GithubErrorBody['errors']>[number]): string {
  if (typeof error === 'string') return error;
  if (error.message) return error.message;
  return [error.resource, error.field, error.code].filter(Boolean).join(' ');
}

/** Owner and repository names as GitHub allows them; keeps `..` and slashes out of request paths. */
export const repoInput = {
  owner: { type: 'string', title: 'Owner', pattern: '^(?!\\.\\.?$)[A-Za-z0-9_.-]{1,100}$' },
  repo: { type: 'string', title: 'Repository', pattern: '^(?!\\.\\.?$)[A-Za-z0-9_.-]{1,100}$' },
} as const;

export const repoPath = (input: { owner: string; repo: string }) =>
  `/repos/${encodeURIComponent(input.owner)}/${encodeURIComponent(input.repo)}`;
