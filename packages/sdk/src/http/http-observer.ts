// What the request pipeline tells an observer (the server's metrics and connector health): each attempt's
// outcome and latency, each retry, each rate-limit wait. The SDK depends on no metrics library; an observer
// that throws is ignored, so it can never break a connector's request.

/** How one attempt ended: the HTTP status, or why there was none. */
export type RequestOutcome = number | 'timeout' | 'network' | 'circuit_open';

export interface RequestObservation {
  connector: string;
  /** The action the request belongs to; undefined for triggers, polls and other steps. */
  action: string | undefined;
  /** The connection (credential id) used; undefined without one. */
  credentialId: string | undefined;
  outcome: RequestOutcome;
  /** From send to answer, by the runtime's clock (0 for a circuit that refused at once). */
  durationMs: number;
}

export interface HttpObserver {
  request?(observation: RequestObservation): void;
  retry?(observation: {
    connector: string;
    action: string | undefined;
    reason: 'status' | 'timeout' | 'network';
  }): void;
  rateLimitWait?(observation: { connector: string; per: 'connector' | 'credential'; waitedMs: number }): void;
}

/** Calls an observer's method, never letting it throw into the request. */
export function tell<K extends keyof HttpObserver>(
  observer: HttpObserver | undefined,
  what: K,
  observation: Parameters<NonNullable<HttpObserver[K]>>[0],
): void {
  const method = observer?.[what] as ((o: typeof observation) => void) | undefined;
  if (!method) return;
  try {
    method.call(observer, observation);
  } catch {
    // an observer's failure is not the request's
  }
}
