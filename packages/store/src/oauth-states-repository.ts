// Pending OAuth2 authorizations shared by every process on the database: the browser may return to another
// process than the one that started the flow. Single use: take deletes and returns in one statement, so two
// processes racing on the same state cannot both get it; expired entries are never returned.
import type { JsonObject } from '@weft/core';
import type { StoreContext } from './context.js';

export interface SaveOAuthStateInput {
  state: string;
  /** The pending authorization, stored as JSON. */
  entry: JsonObject;
  /** ms since epoch; from then on `take` no longer returns it. */
  expiresAt: number;
}

export interface OAuthStateRepository {
  /** Stores (or replaces) the entry under `state`, and forgets expired ones. */
  save(input: SaveOAuthStateInput): Promise<void>;
  /** Returns the entry and deletes it; undefined when unknown, already taken or expired. */
  take(state: string): Promise<JsonObject | undefined>;
}

export function createOAuthStateRepository(ctx: StoreContext): OAuthStateRepository {
  const { db } = ctx;
  return {
    async save(input) {
      const now = ctx.now();
      await db.deleteFrom('oauth_states').where('expires_at', '<=', now).execute();
      const entry = JSON.stringify(input.entry);
      await db
        .insertInto('oauth_states')
        .values({ state: input.state, entry, expires_at: input.expiresAt })
        .onConflict((oc) => oc.column('state').doUpdateSet({ entry, expires_at: input.expiresAt }))
        .execute();
    },

    async take(state) {
      const row = await db
        .deleteFrom('oauth_states')
        .where('state', '=', state)
        .returning(['entry', 'expires_at'])
        .executeTakeFirst();
      if (!row || row.expires_at <= ctx.now()) return undefined;
      const entry: unknown = JSON.parse(row.entry);
      return isJsonObject(entry) ? entry : undefined;
    },
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
