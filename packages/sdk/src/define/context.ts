// What connector code receives: the typed input or config, an authenticated HTTP client, a redacting log, and
// the runtime's outbound policy for connectors that open their own connections.
import type { ScriptLog } from '@weft/core';
import type { AuthKind } from '../auth/auth-spec.js';
import type { StepFiles } from '../files/file-port.js';
import type { HttpClient } from '../http/http-types.js';
import type { AddressDecision, LookupFunction } from '../http/ssrf-guard.js';
import type { SyncLog, SyncOptions, SyncSource, SyncTarget } from '../sync/sync.js';

export type LogLevel = ScriptLog['level'];
/** Messages pass through secret redaction before they are stored. */
export type LogFn = (level: LogLevel, message: string) => void;

/** The step's connection. Requests through `ctx.http` are authenticated already; use this only when you must. */
export interface ConnectionAccess {
  readonly kind: AuthKind;
  readonly credentialId: string | undefined;
  /** The raw value of a credential field (e.g. `apiKey`), for APIs that want a secret somewhere unusual. */
  reveal(field: string): string | undefined;
  /** OAuth2: a valid access token, refreshed when it is about to expire. */
  accessToken(): Promise<string>;
}

/**
 * The runtime's outbound policy: the SSRF guard `ctx.http` applies, with the operator's allow-list. A connector
 * that connects without `ctx.http` (a database driver, a raw socket) checks its target here, never against its
 * own reading of the environment.
 */
export interface OutboundGuard {
  /** Whether `address` (an IP literal) may be connected to, when reached through `hostname` if given. */
  checkAddress(address: string, hostname?: string): AddressDecision;
  /** A `dns.lookup` for `net.connect`: resolves, then refuses when any resolved address is blocked. */
  readonly lookup: LookupFunction;
  /** Whether a Unix socket (its path, or the directory holding it) is in the allow-list. */
  allowsSocket(path: string): boolean;
}

interface BaseContext {
  readonly http: HttpClient;
  readonly auth: ConnectionAccess;
  readonly log: LogFn;
  readonly signal: AbortSignal;
  readonly outbound: OutboundGuard;
}

export interface ActionRunContext<Input> extends BaseContext {
  readonly input: Input;
  /** Files of this run: create one from a stream, open a file reference (`{ $file }`) for its bytes. */
  readonly files: StepFiles;
  readonly runId: string;
  readonly nodeId: string;
  /** Stable across retries and resumes of this step; `ctx.http` sends it with write requests (see `idempotencyHeader`). */
  readonly idempotencyKey: string;
  /** 1-based engine attempt of this step. */
  readonly attempt: number;
  /**
   * Runs a sync pass (sync/sync.ts `runSync`) and records its log under `name` (the runtime keeps it: the
   * server lists it at GET /api/sync-logs). Save `log.cursorAfter` for the next pass.
   */
  sync<T>(name: string, source: SyncSource<T>, target: SyncTarget<T>, options: SyncOptions<T>): Promise<SyncLog>;
}

export interface PollContext<Config> extends BaseContext {
  readonly config: Config;
  /** What the previous poll returned as `cursor` (undefined on the first poll). */
  readonly cursor: unknown;
  /** ms since epoch, from the runtime clock. */
  readonly now: number;
}

export interface ScheduleContext<Config> extends BaseContext {
  readonly config: Config;
  /** The scheduled fire time (ms since epoch). */
  readonly firedAt: number;
}
