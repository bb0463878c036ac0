// `ctx.http`: the request pipeline of one step. Per attempt: apply auth → wait for the rate limiter → ask the
// circuit breaker → send (guarded transport, timeout) → classify. Retries network errors and retryable
// statuses with core's full-jitter backoff or the server's Retry-After — unless the step owns the retries
// (its own policy), then one request per step attempt; refreshes an OAuth2 token once on 401.
import { retryDelay, type Clock } from '@weft/core';
import type { AuthSession } from '../auth/auth-session.js';
import type { ConnectorDefinition } from '../define/connector.js';
import type { LogFn } from '../define/context.js';
import { ConnectorError } from '../errors.js';
import type { CircuitBreakers } from './circuit-breaker.js';
import type { StepFiles } from '../files/file-port.js';
import { fileBody, responseFileName, spillsToFile } from './file-body.js';
import { describeUrl, httpError } from './http-errors.js';
import type { HttpClient, HttpRequest, HttpResponse, RetryOptions } from './http-types.js';
import { tell, type HttpObserver, type RequestOutcome } from './http-observer.js';
import { paginate } from './paginate.js';
import type { RateLimiter } from './rate-limiter.js';
import { buildUrl, decodeBody, encodeBody, lowerCaseHeaders } from './request-encoding.js';
import {
  isIdempotentMethod,
  isRetryableStatus,
  notProcessed,
  parseRetryAfter,
  resolveRetry,
  stepOwnsRetries,
} from './retry-policy.js';
import { TransportFailure, type Transport } from './transport.js';

/** Shared by every step of a registry. */
export interface HttpRuntime {
  transport: Transport;
  limiter: RateLimiter;
  breakers: CircuitBreakers;
  clock: Clock;
  random: () => number;
  /** Whole-request timeout in ms. */
  timeout: number;
  maxResponseBytes: number;
  retry?: RetryOptions;
  userAgent: string;
  /** Hears every attempt, retry and rate-limit wait (metrics, connector health). */
  observer?: HttpObserver;
}

/** One step's identity and policies. */
export interface HttpScope {
  connector: ConnectorDefinition;
  credentialId: string | undefined;
  auth: AuthSession;
  log: LogFn;
  signal: AbortSignal;
  idempotencyKey?: string;
  retry?: RetryOptions | false;
  /** The step's attempt budget; above 1 the step retries and each of its attempts sends one request. */
  stepAttempts?: number;
  /** The connection's own base URL (its `baseUrl` value: GitHub Enterprise, a local fake); wins over the
   * connector's. Requests to it pass the same SSRF guard as any other. */
  baseUrl?: string;
  /** The action running (for the observer's labels); absent for triggers and polls. */
  action?: string;
  /** The step's files (`ctx.files`): request bodies read from them, binary responses written to them. */
  files?: StepFiles;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sent when the connector names no header of its own (the de-facto standard, IETF draft and Stripe's). */
export const DEFAULT_IDEMPOTENCY_HEADER = 'Idempotency-Key';

export function createActionHttp(runtime: HttpRuntime, scope: HttpScope): HttpClient {
  const { connector } = scope;
  let unsafeRequests = 0;
  // The first non-GET request of a step carries the step's key; later ones `key:2`, `key:3`... Connector code
  // is deterministic, so a retry or resume of the step sends the same keys in the same order.
  const nextIdempotencyKey = (): string | undefined => {
    if (scope.idempotencyKey === undefined) return undefined;
    unsafeRequests += 1;
    return unsafeRequests === 1 ? scope.idempotencyKey : `${scope.idempotencyKey}:${unsafeRequests}`;
  };

  async function request<Body>(req: HttpRequest): Promise<HttpResponse<Body>> {
    const method = req.method ?? 'GET';
    const baseUrl = buildUrl(req, scope.baseUrl ?? connector.baseUrl);
    const baseHeaders: Record<string, string> = { 'user-agent': runtime.userAgent, ...lowerCaseHeaders(req.headers) };
    const body = (await fileBody(req, baseHeaders, scope.files)) ?? encodeBody(req, baseHeaders);
    const maxBytes = req.maxResponseBytes ?? runtime.maxResponseBytes;
    const files = scope.files;
    if (req.responseType === 'file' && !files) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'connector_file_not_found',
        message: 'A response can be kept as a file only in a flow step (this request has no run)',
      });
    }
    const spill = files && {
      when: (status: number, headers: Record<string, string>) => spillsToFile(req, status, headers, maxBytes),
      write: (source: AsyncIterable<Uint8Array>, headers: Record<string, string>, url: string) =>
        files.create({
          name: responseFileName(headers, url),
          type: headers['content-type']?.split(';')[0]?.trim() || 'application/octet-stream',
          source,
        }),
    };
    let idempotent = isIdempotentMethod(method);
    const header = connector.idempotencyHeader === false ? undefined : connector.idempotencyHeader;
    const headerName = (header ?? DEFAULT_IDEMPOTENCY_HEADER).toLowerCase();
    if (
      connector.idempotencyHeader !== false &&
      !BODYLESS.has(method) &&
      req.idempotencyKey !== false &&
      // A key the action chose itself (an event id, say) is the one the API must see.
      baseHeaders[headerName] === undefined
    ) {
      const key = req.idempotencyKey ?? nextIdempotencyKey();
      if (key !== undefined) {
        baseHeaders[headerName] = key;
        // Only an API that declares the header is known to honour it; others may apply a repeated write twice.
        if (header !== undefined) idempotent = true;
      }
    }
    const policy = resolveRetry(runtime.retry, scope.retry, req.retry, stepOwnsRetries(scope.stepAttempts));
    const mayRepeat = idempotent || policy.unsafe;
    const host = baseUrl.host;
    const where = describeUrl(method, baseUrl.toString());
    const timeout = req.timeout ?? runtime.timeout;
    let refreshedAfter401 = false;

    for (let attempt = 1; ; attempt++) {
      const url = new URL(baseUrl);
      const headers = { ...baseHeaders };
      const applied = req.auth === false ? { sensitiveHeaders: [] } : await scope.auth.apply(url, headers);
      await rateLimit();
      try {
        runtime.breakers.before(connector.name, host);
      } catch (error) {
        observe('circuit_open', runtime.clock.now());
        throw error;
      }
      const sentAt = runtime.clock.now();

      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('timeout'));
      }, timeout);
      const onAbort = () => controller.abort(scope.signal.reason);
      if (scope.signal.aborted) onAbort();
      else scope.signal.addEventListener('abort', onAbort, { once: true });

      let raw;
      try {
        raw = await runtime.transport.send(
          { method, url, headers, ...(body === undefined ? {} : { body }), sensitiveHeaders: applied.sensitiveHeaders },
          { signal: controller.signal, maxBytes, timedOut: () => timedOut, ...(spill ? { spill } : {}) },
        );
      } catch (error) {
        if (!(error instanceof TransportFailure)) {
          runtime.breakers.neutral(connector.name, host);
          throw error;
        }
        runtime.breakers.failure(connector.name, host);
        observe(error.kind === 'timeout' ? 'timeout' : 'network', sentAt);
        const canRetry =
          policy.network && !error.permanent && (!error.maybeSent || mayRepeat) && attempt < policy.attempts;
        if (!canRetry) throw failureError(error, host, timeout, attempt);
        await pause(
          retryDelay(policy, attempt, runtime.random),
          `${error.kind === 'timeout' ? 'a timeout' : 'a network error'}`,
          attempt,
          policy.attempts,
        );
        continue;
      } finally {
        clearTimeout(timer);
        scope.signal.removeEventListener('abort', onAbort);
      }

      if (raw.status >= 500) runtime.breakers.failure(connector.name, host);
      else runtime.breakers.success(connector.name, host);
      observe(raw.status, sentAt);
      const ok = raw.status < 400;
      if (raw.file) return { status: raw.status, headers: raw.headers, body: raw.file as Body, url: raw.url };
      const decoded = decodeBody(raw.body, raw.headers['content-type'], req.responseType, ok, host);
      if (ok) return { status: raw.status, headers: raw.headers, body: decoded as Body, url: raw.url };

      if (raw.status === 401 && !refreshedAfter401 && (await scope.auth.refreshAfter401(applied))) {
        refreshedAfter401 = true;
        scope.log('info', `${where} answered 401; retrying once with a refreshed access token`);
        attempt -= 1;
        continue;
      }
      const retryAfter = parseRetryAfter(raw.headers['retry-after'], runtime.clock.now());
      const retryable =
        isRetryableStatus(raw.status, policy) &&
        (mayRepeat || notProcessed(raw.status)) &&
        attempt < policy.attempts &&
        (retryAfter === undefined || retryAfter <= policy.maxRetryAfter);
      if (retryable) {
        await pause(
          retryAfter ?? retryDelay(policy, attempt, runtime.random),
          `status ${raw.status}`,
          attempt,
          policy.attempts,
        );
        continue;
      }
      if (req.throwHttpErrors === false || req.allowStatuses?.includes(raw.status))
        return { status: raw.status, headers: raw.headers, body: decoded as Body, url: raw.url };
      throw httpError(
        connector.title,
        {
          status: raw.status,
          headers: raw.headers,
          body: decoded,
          method,
          url: raw.url,
          ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
        },
        { hook: connector.errors, now: runtime.clock.now() },
      );
    }

    function observe(outcome: RequestOutcome, since: number): void {
      const durationMs = Math.max(0, runtime.clock.now() - since);
      tell(runtime.observer, 'request', {
        connector: connector.name,
        action: scope.action,
        credentialId: scope.credentialId,
        outcome,
        durationMs,
      });
    }

    async function pause(ms: number, why: string, attempt: number, attempts: number): Promise<void> {
      const reason = why.startsWith('status') ? 'status' : why === 'a timeout' ? 'timeout' : 'network';
      tell(runtime.observer, 'retry', { connector: connector.name, action: scope.action, reason });
      scope.log('warn', `${where} failed with ${why}; retrying in ${ms} ms (attempt ${attempt + 1} of ${attempts})`);
      await runtime.clock.sleep(ms, scope.signal);
    }
  }

  async function rateLimit(): Promise<void> {
    const limits = connector.rateLimits ?? [];
    const groups = [
      { key: `${connector.name}`, limits: limits.filter((l) => l.per === 'connector') },
      { key: `${connector.name}#${scope.credentialId ?? '-'}`, limits: limits.filter((l) => l.per === 'credential') },
    ];
    for (const group of groups) {
      if (group.limits.length === 0) continue;
      const waited = await runtime.limiter.acquire(group.key, group.limits, scope.signal);
      if (waited > 0) {
        tell(runtime.observer, 'rateLimitWait', {
          connector: connector.name,
          per: group.limits[0]!.per,
          waitedMs: waited,
        });
        const rule = group.limits.map((l) => `${l.limit} per ${l.interval} ms`).join(', ');
        scope.log(
          'info',
          `Waited ${waited} ms for the ${connector.title} rate limit (${rule} per ${group.limits[0]!.per})`,
        );
      }
    }
  }

  return {
    request,
    paginate: (first, options) => paginate(request, (message) => scope.log('warn', message), first, options),
  };
}

function failureError(error: TransportFailure, host: string, timeout: number, attempts: number): ConnectorError {
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  if (error.kind === 'timeout') {
    return new ConnectorError({
      kind: 'timeout',
      message:
        error.errorCode === 'timeout'
          ? `${host} did not answer within ${timeout} ms${tries}`
          : `${host}: ${error.message}${tries}`,
    });
  }
  return new ConnectorError({
    kind: 'network',
    retryable: !error.permanent,
    message: `Could not reach ${host}: ${error.message}${tries}`,
    ...(error.errorCode ? { details: { errorCode: error.errorCode } } : {}),
  });
}
