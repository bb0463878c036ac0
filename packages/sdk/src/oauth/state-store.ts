// Pending OAuth2 authorizations, keyed by the `state` parameter: single use (take = read and delete) and
// expiring. The in-memory store suits one process; a scale-out implements the same two methods on its database.
import { systemClock, type Clock, type JsonObject } from '@weft/core';

export interface OAuthStateEntry {
  /** `name@major` of the connector being connected. */
  connector: string;
  redirectUri: string;
  scopes: string[];
  /** PKCE verifier, kept server-side until the code comes back. */
  codeVerifier?: string;
  expiresAt: number;
  /** Whatever the caller wants back on completion (user id, credential name, credential to reconnect...). */
  data?: JsonObject;
}

export interface OAuthStateStore {
  save(state: string, entry: OAuthStateEntry): Promise<void>;
  /** Returns the entry and forgets it, so that a state works once. Expired entries are not returned. */
  take(state: string): Promise<OAuthStateEntry | undefined>;
}

export function createMemoryOAuthStateStore(options: { clock?: Clock } = {}): OAuthStateStore {
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, OAuthStateEntry>();
  const purge = () => {
    const now = clock.now();
    for (const [state, entry] of entries) if (entry.expiresAt <= now) entries.delete(state);
  };
  return {
    async save(state, entry) {
      purge();
      entries.set(state, structuredClone(entry));
    },
    async take(state) {
      const entry = entries.get(state);
      entries.delete(state);
      if (!entry || entry.expiresAt <= clock.now()) return undefined;
      return entry;
    },
  };
}
