// The one way the editor talks to the server: JSON over fetch with the session cookie, the CSRF header on
// state-changing requests, and RFC 9457 problems turned into ApiError with their field-level problems.
import { API, type Body, type Params, type Query, type Reply, type RouteName } from '@weft/core/contract';
import type { Problem } from './types.js';
import { plainError } from '../model/plain-error.js';

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  problems?: Problem[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody,
  ) {
    super(problem.detail || problem.title || `Request failed with status ${status}`);
    this.name = 'ApiError';
  }

  get problems(): Problem[] {
    return this.problem.problems ?? [];
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401 (the session expired): the app goes back to the login page. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { quiet401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-Weft-Request'] = '1';
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'The Weft server could not be reached. Check that it is running.',
    });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401) for (const listener of unauthorizedListeners) listener();
    const problem: ProblemBody =
      typeof data === 'object' && data !== null
        ? (data as ProblemBody)
        : { title: response.statusText, detail: text.slice(0, 200) };
    if (response.status === 404 && !problem.detail)
      problem.detail = `${method} ${path} is not available on this server.`;
    throw new ApiError(response.status, problem);
  }
  return data as T;
}

/** What a route takes, as the contract declares it; parts a route does not declare are left out. */
export type CallInput<N extends RouteName> = {
  params?: Params<N>;
  query?: Query<N>;
  body?: Body<N>;
};

/**
 * Calls a route of the contract by name: the path, method, input and reply are typed by its declaration. Path
 * params are percent-encoded; `quiet401` leaves a 401 to the caller (the session check) instead of signing out.
 */
export function call<N extends RouteName>(
  name: N,
  input: CallInput<N> = {},
  options: { quiet401?: boolean } = {},
): Promise<Reply<N>> {
  const route = API[name];
  const values: Record<string, unknown> = { ...input.params };
  const path = route.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(values[key])));
  const search: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(input.query ?? {}))
    if (typeof value === 'string' || typeof value === 'number') search[key] = value;
  const method = route.method.toUpperCase();
  const body = input.body ?? (method === 'POST' ? {} : undefined);
  return request<Reply<N>>(method, path + query(search), body, options);
}

/** What went wrong, written for people (no code prefixes, schema wording turned into sentences). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return plainError(error.message);
  return plainError(String(error));
}

/** Query string from defined values only. */
function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
