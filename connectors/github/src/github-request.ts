// Requests to the GitHub REST API with its media type and API version, and its failures told apart: GitHub
// answers an exhausted rate limit with 403 (or 429) and `x-ratelimit-remaining: 0` or `retry-after`, which is
// throttling, not a permission problem; 422 carries a list of field errors worth quoting.
import { ConnectorError, type HttpClient, type HttpRequest, type HttpResponse } from '@weft/sdk';

export const GITHUB_HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
} as const;

interface GithubErrorBody {
  message?: string;
  errors?: ({ resource?: string; field?: string; code?: string; message?: string } | string)[];
}

export async function githubRequest<T>(http: HttpClient, request: HttpRequest): Promise<HttpResponse<T>> {
  const response = await http.request<T>({
    ...request,
    headers: { ...GITHUB_HEADERS, ...request.headers },
    throwHttpErrors: false,
  });
  if (response.status < 400) return response;
  throw githubError(request.method ?? 'GET', response);
}

export function githubError(method: string, response: HttpResponse): ConnectorError {
  const { status, headers } = response;
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as GithubErrorBody;
  const said = [body.message, ...(body.errors ?? []).map(describeFieldError)].filter(Boolean).join('; ');
  const quote = said ? `: ${said}` : '';
  const where = `${method} ${new URL(response.url).pathname}`;
  const details = { request: where, ...(said ? { upstreamMessage: said } : {}) };
  if ((status === 403 || status === 429) && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'])) {
    const retryAfterMs = headers['retry-after']
      ? Number(headers['retry-after']) * 1000
      : Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - Date.now());
    return new ConnectorError({
      kind: 'rateLimited',
      status,
      message: `GitHub rate limit reached${quote}. Retrying after ${Math.ceil(retryAfterMs / 1000)} s.`,
      ...(Number.isFinite(retryAfterMs) ? { retryAfterMs } : {}),
      details,
    });
  }
  const [kind, message] =
    status === 401
      ? (['auth', `GitHub rejected the token (401)${quote}. Reconnect the GitHub connection.`] as const)
      : status === 403
        ? ([
            'auth',
            `The GitHub token may not do this (403)${quote}. Check its scopes or the app’s permissions.`,
          ] as const)
        : status === 404 || status === 410
          ? ([
              'notFound',
              `GitHub found nothing at ${where} (${status})${quote}. Private repositories look missing to tokens that cannot see them.`,
            ] as const)
          : status >= 500
            ? (['upstream', `GitHub failed to handle ${where} (${status})${quote}`] as const)
            : (['validation', `GitHub rejected ${where} (${status})${quote}`] as const);
  return new ConnectorError({ kind, status, message, details });
}

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
