// How CLI commands that change a live installation reach it: through the running server's HTTP API with an API
// token, never by opening the database themselves. The API is the one path that validates definitions (including
// scripts, in the sandbox), checks the caller's role, and tells the server's caches, triggers and workers what
// changed; a CLI writing the database behind a running server's back would skip all of it. The server is found at
// --url, else WEFT_PUBLIC_URL, else http://localhost:$PORT; the token is --token, else WEFT_API_TOKEN.
import { loadConfig } from '@weft/server';
import { CliError, EXIT } from './exit-codes.js';

export interface ApiOptions {
  url?: string;
  token?: string;
}

export interface ApiClient {
  readonly url: string;
  call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

export function apiClient(options: ApiOptions): ApiClient {
  const config = loadConfig();
  const url = (options.url ?? config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  const token = options.token ?? config.apiToken;
  return {
    url,
    async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(
          `cannot reach the Weft server at ${url} (${cause?.code ?? cause?.message ?? (error as Error).message}); ` +
            'start it (weft start) or pass --url',
          EXIT.io,
        );
      }
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (response.ok) return parsed as T;
      throw refusal(response.status, parsed, token !== undefined);
    },
  };
}

/** A problem+json answer as a message for people, with the exit code of its kind. */
function refusal(status: number, body: unknown, hadToken: boolean): CliError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as {
    detail?: string;
    title?: string;
    code?: string;
    problems?: { pointer?: string; message?: string }[];
  };
  const lines = [`the server answered ${status}: ${problem.detail ?? problem.title ?? 'no detail'}`];
  for (const p of problem.problems ?? []) lines.push(`  ${p.pointer ?? ''}: ${p.message ?? ''}`);
  if (status === 401)
    lines.push(hadToken ? 'the API token is not valid here' : 'set WEFT_API_TOKEN or pass --token <token>');
  if (status === 401 || status === 403) return new CliError(lines.join('\n'), EXIT.noPermission);
  if (status >= 400 && status < 500) return new CliError(lines.join('\n'), EXIT.invalidFlow);
  return new CliError(lines.join('\n'), EXIT.io);
}
