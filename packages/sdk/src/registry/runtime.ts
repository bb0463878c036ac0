// What the registry shares between all steps: credentials, clock, the guarded transport, rate limiter,
// circuit breakers and OAuth2 token manager. Built once from the registry options.
import { systemClock, type Clock } from '@weft/core';
import type { buildConnector } from 'undici';
import type { CredentialProvider } from '../credentials/credential-provider.js';
import type { OutboundGuard } from '../define/context.js';
import { createCircuitBreakers, type BreakerOptions, type CircuitBreakers } from '../http/circuit-breaker.js';
import type { HttpRuntime } from '../http/action-http.js';
import type { HttpObserver } from '../http/http-observer.js';
import type { SyncLogSink } from '../sync/sync.js';
import type { FileStorage } from '../files/file-port.js';
import type { RetryOptions } from '../http/http-types.js';
import { createMemoryRateLimiter, type RateLimiter } from '../http/rate-limiter.js';
import { createSsrfGuard, type LookupFunction, type SsrfGuard } from '../http/ssrf-guard.js';
import { createTransport, DEFAULT_MAX_RESPONSE_BYTES } from '../http/transport.js';
import type { OAuthClient } from '../oauth/token-endpoint.js';
import { createTokenManager, type TokenManager } from '../oauth/token-manager.js';

export interface OutboundOptions {
  /** CIDRs, addresses or host names reachable despite the SSRF guard (e.g. `10.0.0.0/8`, `*.corp.example`). */
  allow?: readonly string[];
  /** Refuse everything not in `allow`. */
  allowOnly?: boolean;
  /** DNS resolution (tests stub it). */
  lookup?: LookupFunction;
  /** Extra trusted CA certificates (PEM) for self-hosted APIs behind an internal CA. */
  ca?: string | readonly string[];
  /** Replaces the socket factory under the guard (tests). */
  socketFactory?: buildConnector.connector;
  /** Connect timeout in ms (default 10 000). */
  connectTimeout?: number;
  /** Whole-request timeout in ms (default 30 000). */
  timeout?: number;
  /** Response size cap in bytes (default 10 MiB). */
  maxResponseBytes?: number;
  /** Redirects followed per request (default 5). */
  maxRedirects?: number;
}

export interface RuntimeOptions {
  credentials?: CredentialProvider;
  clock?: Clock;
  /** [0, 1), for backoff jitter (tests seed it). */
  random?: () => number;
  outbound?: OutboundOptions;
  rateLimiter?: RateLimiter;
  breaker?: Omit<BreakerOptions, 'clock'>;
  /** Breakers built elsewhere (e.g. shared by a cluster of processes); `breaker` is then ignored. */
  breakers?: CircuitBreakers;
  /** Defaults for every request's retry policy. */
  retry?: RetryOptions;
  /** The OAuth app of a connector when the runtime holds it (otherwise taken from each credential). */
  oauthClient?: (connector: string) => OAuthClient | undefined;
  /** Refresh OAuth2 tokens this long before they expire (default 60 000 ms). */
  refreshSkewMs?: number;
  userAgent?: string;
  /** Hears every outbound request attempt, retry and rate-limit wait (the server's metrics and health). */
  observer?: HttpObserver;
  /** Keeps the logs of sync passes run by actions (`ctx.sync`); absent: the logs are only returned. */
  syncLogs?: SyncLogSink;
  /** Where files of runs live (`ctx.files`, binary HTTP bodies); absent: steps cannot keep or send files. */
  files?: FileStorage;
}

export interface SharedRuntime {
  http: HttpRuntime;
  syncLogs: SyncLogSink | undefined;
  tokens: TokenManager;
  credentials: CredentialProvider | undefined;
  clock: Clock;
  /** The same guard as the transport's, handed to connectors as `ctx.outbound`. */
  outbound: OutboundGuard;
  files: FileStorage | undefined;
  close(): Promise<void>;
}

export function createSharedRuntime(options: RuntimeOptions): SharedRuntime {
  const clock = options.clock ?? systemClock;
  const outbound = options.outbound ?? {};
  const guard = createSsrfGuard({
    ...(outbound.allow ? { allow: outbound.allow } : {}),
    ...(outbound.allowOnly ? { allowOnly: true } : {}),
    ...(outbound.lookup ? { lookup: outbound.lookup } : {}),
  });
  const transport = createTransport({
    guard,
    ...(outbound.connectTimeout === undefined ? {} : { connectTimeout: outbound.connectTimeout }),
    ...(outbound.maxRedirects === undefined ? {} : { maxRedirects: outbound.maxRedirects }),
    ...(outbound.socketFactory ? { socketFactory: outbound.socketFactory } : {}),
    ...(outbound.ca ? { ca: outbound.ca } : {}),
  });
  const credentials = options.credentials;
  const tokens = createTokenManager({
    credentials: credentials ?? { get: async () => undefined, update: async () => undefined },
    transport,
    clock,
    ...(options.refreshSkewMs === undefined ? {} : { refreshSkewMs: options.refreshSkewMs }),
    ...(options.oauthClient ? { oauthClient: options.oauthClient } : {}),
  });
  return {
    http: {
      transport,
      limiter: options.rateLimiter ?? createMemoryRateLimiter({ clock }),
      breakers: options.breakers ?? createCircuitBreakers({ ...options.breaker, clock }),
      clock,
      random: options.random ?? Math.random,
      timeout: outbound.timeout ?? 30_000,
      maxResponseBytes: outbound.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      ...(options.retry ? { retry: options.retry } : {}),
      userAgent: options.userAgent ?? 'Weft (+https://weft.dev)',
      ...(options.observer ? { observer: options.observer } : {}),
    },
    tokens,
    credentials,
    clock,
    syncLogs: options.syncLogs,
    files: options.files,
    outbound: outboundGuard(guard, outbound.allow ?? []),
    close: () => transport.close(),
  };
}

function outboundGuard(guard: SsrfGuard, allow: readonly string[]): OutboundGuard {
  return {
    checkAddress: (address, hostname) => guard.checkAddress(address, hostname),
    lookup: guard.lookup,
    allowsSocket: (path) => allow.includes(path) || allow.includes(path.replace(/\/[^/]*$/, '')),
  };
}
