// Which failed requests the in-process layer may repeat, and when: retryable statuses and the server's
// Retry-After (delta seconds or an HTTP date). The delay itself is core's `RetryPolicy` and jitter, the same
// as a step's. When the step has a retry policy of its own it owns the budget and this layer makes one
// request per attempt (see `stepOwnsRetries`), so the two never multiply.
import type { RetryPolicy } from '@weft/core';
import type { RetryOptions } from './http-types.js';

/** Core's policy plus what only an HTTP request can know: which failures are worth repeating. */
export interface RequestRetryPolicy extends Required<Pick<RetryPolicy, 'attempts' | 'delay' | 'maxDelay'>> {
  statuses: readonly (number | '5xx')[];
  network: boolean;
  maxRetryAfter: number;
  unsafe: boolean;
}

export const DEFAULT_RETRY: RequestRetryPolicy = {
  attempts: 3,
  delay: 500,
  maxDelay: 30_000,
  statuses: [408, 425, 429, '5xx'],
  network: true,
  maxRetryAfter: 60_000,
  unsafe: false,
};

/** A step whose own policy allows more than one attempt does the retrying: one request per step attempt. */
export function stepOwnsRetries(stepAttempts: number | undefined): RetryOptions | undefined {
  return stepAttempts !== undefined && stepAttempts > 1 ? { attempts: 1 } : undefined;
}

/** Later layers win: runtime defaults, then the action's policy, then the request's. `false` disables retries. */
export function resolveRetry(...layers: (RetryOptions | false | undefined)[]): RequestRetryPolicy {
  let policy = DEFAULT_RETRY;
  for (const layer of layers) {
    if (layer === undefined) continue;
    policy = layer === false ? { ...policy, attempts: 1 } : { ...policy, ...definedOnly(layer) };
  }
  return policy;
}

function definedOnly(options: RetryOptions): Partial<RequestRetryPolicy> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<RequestRetryPolicy>;
}

export function isRetryableStatus(status: number, policy: RequestRetryPolicy): boolean {
  return policy.statuses.some((s) => (s === '5xx' ? status >= 500 && status <= 599 : s === status));
}

/** Statuses with which the server tells us it did not act on the request, so any method may be retried. */
export function notProcessed(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status === 503;
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
