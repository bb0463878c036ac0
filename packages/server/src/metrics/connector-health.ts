// Connector health over a sliding window (5 minutes), per connector and per connection (credential id), from
// the outcome of each request attempt: `healthy` below 1% errors, `degraded` below 10%, `down` at 10% or more —
// or while one of the connector's circuit breakers is open. Errors are what says the upstream is failing:
// 5xx, timeouts, network errors and requests a breaker refused; 4xx answers are the caller's business. The
// window is kept in 10-second buckets, so memory is bounded by connectors × connections × 30. Per process.
import type { BreakerStatus, RequestObservation } from '@weft/sdk/runtime';

export type HealthStatus = 'healthy' | 'degraded' | 'down';

export const HEALTH_WINDOW_MS = 5 * 60_000;
const BUCKET_MS = 10_000;
export const DEGRADED_AT = 0.01;
export const DOWN_AT = 0.1;

export interface HealthFigures {
  status: HealthStatus;
  requests: number;
  errors: number;
  /** errors / requests over the window (0 without requests). */
  errorRate: number;
}

export interface ConnectionHealth extends HealthFigures {
  credentialId: string;
}

export interface ConnectorHealth extends HealthFigures {
  connector: string;
  /** One of the connector's circuits is open: requests fail fast. */
  breakerOpen: boolean;
  connections: ConnectionHealth[];
}

interface Bucket {
  start: number;
  requests: number;
  errors: number;
}

export function isUpstreamError(outcome: RequestObservation['outcome']): boolean {
  return typeof outcome === 'number' ? outcome >= 500 : true;
}

export function statusOf(requests: number, errors: number, breakerOpen = false): HealthStatus {
  const rate = requests === 0 ? 0 : errors / requests;
  if (breakerOpen || rate >= DOWN_AT) return 'down';
  return rate >= DEGRADED_AT ? 'degraded' : 'healthy';
}

export class ConnectorHealthWindow {
  /** `connector` and `connector#credentialId` → buckets, oldest first. */
  private readonly series = new Map<string, Bucket[]>();

  constructor(private readonly now: () => number) {}

  record(observation: RequestObservation): void {
    const error = isUpstreamError(observation.outcome);
    this.add(observation.connector, error);
    if (observation.credentialId !== undefined) this.add(`${observation.connector}#${observation.credentialId}`, error);
  }

  /** Every connector named (installed ones) or seen in the window, with its connections. */
  report(installed: readonly string[], breakers: readonly BreakerStatus[]): ConnectorHealth[] {
    const open = new Set(breakers.filter((b) => b.state === 'open').map((b) => b.connector));
    const names = new Set(installed);
    const connections = new Map<string, ConnectionHealth[]>();
    for (const key of [...this.series.keys()]) {
      const figures = this.figures(key);
      if (!figures) continue;
      const hash = key.indexOf('#');
      if (hash < 0) {
        names.add(key);
        continue;
      }
      const connector = key.slice(0, hash);
      const list = connections.get(connector) ?? [];
      list.push({ credentialId: key.slice(hash + 1), ...this.judge(figures, open.has(connector)) });
      connections.set(connector, list);
    }
    for (const name of open) names.add(name);
    return [...names].sort().map((connector) => ({
      connector,
      breakerOpen: open.has(connector),
      ...this.judge(this.figures(connector) ?? { requests: 0, errors: 0 }, open.has(connector)),
      connections: (connections.get(connector) ?? []).sort((a, b) => a.credentialId.localeCompare(b.credentialId)),
    }));
  }

  private judge(figures: { requests: number; errors: number }, breakerOpen: boolean): HealthFigures {
    const { requests, errors } = figures;
    return {
      status: statusOf(requests, errors, breakerOpen),
      requests,
      errors,
      errorRate: requests === 0 ? 0 : errors / requests,
    };
  }

  private add(key: string, error: boolean): void {
    const start = Math.floor(this.now() / BUCKET_MS) * BUCKET_MS;
    let buckets = this.series.get(key);
    if (!buckets) this.series.set(key, (buckets = []));
    let last = buckets.at(-1);
    if (!last || last.start !== start) buckets.push((last = { start, requests: 0, errors: 0 }));
    last.requests++;
    if (error) last.errors++;
    this.prune(key, buckets);
  }

  /** The window's totals of one key; undefined (and forgotten) when nothing is left in the window. */
  private figures(key: string): { requests: number; errors: number } | undefined {
    const buckets = this.series.get(key);
    if (!buckets || !this.prune(key, buckets)) return undefined;
    let requests = 0;
    let errors = 0;
    for (const bucket of buckets) {
      requests += bucket.requests;
      errors += bucket.errors;
    }
    return { requests, errors };
  }

  /** Drops buckets that left the window; false when none is left (the key is dropped too). */
  private prune(key: string, buckets: Bucket[]): boolean {
    const oldest = this.now() - HEALTH_WINDOW_MS;
    let drop = 0;
    while (drop < buckets.length && buckets[drop]!.start + BUCKET_MS <= oldest) drop++;
    if (drop > 0) buckets.splice(0, drop);
    if (buckets.length > 0) return true;
    this.series.delete(key);
    return false;
  }
}
