// When and how long to wait before retrying a request: retryable statuses, exponential backoff with full
// jitter, and the server's Retry-After (delta seconds or an HTTP date) when it sends one.
import type { RetryOptions } from './http-types.js';

export interface RetryPolicy {
  attempts: number;
  baseDelay: number;
  maxDelay: number;
  statuses: readonly (number | '5xx')[];
  network: boolean;
  maxRetryAfter: number;
  unsafe: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelay: 500,
  maxDelay: 30_000,
  statuses: [408, 425, 429, '5xx'],
  network: true,
  maxRetryAfter: 60_000,
  unsafe: false,
};

/** Later layers win: runtime defaults, then the action's policy, then the request's. `false` disables retries. */
export function resolveRetry(...layers: (RetryOptions | false | undefined)[]): RetryPolicy {
  let policy = DEFAULT_RETRY;
  for (const layer of layers) {
    if (layer === undefined) continue;
    policy = layer === false ? { ...policy, attempts: 1 } : { ...policy, ...definedOnly(layer) };
  }
  return policy;
}

function definedOnly(options: RetryOptions): Partial<RetryPolicy> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<RetryPolicy>;
}

export function isRetryableStatus(status: number, policy: RetryPolicy): boolean {
  return policy.statuses.some((s) => (s === '5xx' ? status >= 500 && status <= 599 : s === status));
}

/** Statuses with which the server tells us it did not act on the request, so any method may be retried. */
export function notProcessed(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status === 503;
}

/** Full jitter: a random delay in [0, min(maxDelay, baseDelay * 2^(attempt-1))). `attempt` is 1-based. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelay, policy.baseDelay * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as ms from `now`: `120` (seconds) or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** GET, HEAD, OPTIONS, PUT and DELETE are idempotent by definition; POST and PATCH are not. */
export function isIdempotentMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}
