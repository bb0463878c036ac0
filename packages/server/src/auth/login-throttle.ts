// Sign-in throttling: failed passwords are counted per account and per client address in a sliding window;
// past the limit, sign-in answers 429 with Retry-After (before any password is checked, so refused attempts
// neither cost a hash nor extend the lock). Only failures count: a lock on one account or address never
// blocks another, and a successful sign-in clears its account's failures. The counts sit behind
// `FailureLog`, a port that a shared store (e.g. a Redis sorted set per key) can implement for several
// processes; the in-memory one serves a single process.

export interface FailureLog {
  /** Times (epoch ms) of the key's failures after `since`, oldest first. */
  since(key: string, since: number): Promise<number[]>;
  /** Records one failure at `at`; entries older than `at - keepMs` may be dropped. */
  record(key: string, at: number, keepMs: number): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface Limit {
  /** Failures allowed within the window; the next attempt is refused. */
  max: number;
  windowMs: number;
}

export interface LoginLimits {
  perAccount: Limit;
  perAddress: Limit;
}

/** Documented in the README (sign-in throttling). */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: { max: 10, windowMs: 15 * 60_000 },
  perAddress: { max: 50, windowMs: 15 * 60_000 },
};

export interface LoginAttempt {
  /** The email as typed; compared case-insensitively. */
  account: string;
  address: string;
}

export class LoginThrottle {
  private readonly log: FailureLog;
  private readonly limits: LoginLimits;
  private readonly now: () => number;
  /** Attempts being checked right now, per key (this process only). */
  private readonly pending = new Map<string, number>();

  constructor(options: { log?: FailureLog; limits?: LoginLimits; now?: () => number } = {}) {
    this.log = options.log ?? new MemoryFailureLog();
    this.limits = options.limits ?? DEFAULT_LOGIN_LIMITS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Milliseconds until this attempt may be made, or 0: then the attempt is reserved until `failed` or
   * `succeeded` settles it, so a burst of parallel attempts cannot all pass before the first failure is counted.
   */
  async begin(attempt: LoginAttempt): Promise<number> {
    const keys = this.keys(attempt);
    const now = this.now();
    const recent = await Promise.all(keys.map(([key, limit]) => this.log.since(key, now - limit.windowMs)));
    // From here on synchronous: the check and the reservation happen in one turn.
    const waits = keys.map(([key, limit], i) => {
      const failures = recent[i]!;
      if (failures.length + (this.pending.get(key) ?? 0) < limit.max) return 0;
      // Allowed again once enough failures have left the window to be under the limit (at least a second while
      // other attempts are still being checked).
      const oldest = failures[failures.length - limit.max];
      return oldest === undefined ? 1000 : Math.max(1, oldest + limit.windowMs - now);
    });
    const wait = Math.max(...waits);
    if (wait === 0) for (const [key] of keys) this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    return wait;
  }

  async failed(attempt: LoginAttempt): Promise<void> {
    this.release(attempt);
    const now = this.now();
    await Promise.all(this.keys(attempt).map(([key, limit]) => this.log.record(key, now, limit.windowMs)));
  }

  async succeeded(attempt: LoginAttempt): Promise<void> {
    this.release(attempt);
    await this.log.clear(this.keys(attempt)[0]![0]);
  }

  private release(attempt: LoginAttempt): void {
    for (const [key] of this.keys(attempt)) {
      const left = (this.pending.get(key) ?? 1) - 1;
      if (left > 0) this.pending.set(key, left);
      else this.pending.delete(key);
    }
  }

  private keys({ account, address }: LoginAttempt): [string, Limit][] {
    return [
      [`account:${account.trim().toLowerCase()}`, this.limits.perAccount],
      [`address:${address}`, this.limits.perAddress],
    ];
  }
}

/** One process's failures; bounded, so a flood of made-up emails cannot grow it without limit. */
export class MemoryFailureLog implements FailureLog {
  private readonly entries = new Map<string, number[]>();

  constructor(private readonly maxKeys = 100_000) {}

  since(key: string, since: number): Promise<number[]> {
    return Promise.resolve((this.entries.get(key) ?? []).filter((at) => at > since));
  }

  record(key: string, at: number, keepMs: number): Promise<void> {
    const kept = (this.entries.get(key) ?? []).filter((time) => time > at - keepMs);
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, [...kept, at]);
    return Promise.resolve();
  }

  clear(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }
}
