// Why: without Redis, pending OAuth2 authorizations live in the database every process shares (store.oauthStates:
// take is one DELETE … RETURNING, so a state works once even when two processes race for it). Expiry follows the
// store's clock.
import type { OAuthStateStore } from '@weft/sdk/runtime';
import type { Store } from '@weft/store';
import { entryFromJson, entryToJson } from './oauth-state-entry.js';

export function createStoreOAuthStateStore(options: { store: Pick<Store, 'oauthStates'> }): OAuthStateStore {
  const { oauthStates } = options.store;
  return {
    async save(state, entry) {
      await oauthStates.save({ state, entry: entryToJson(entry), expiresAt: entry.expiresAt });
    },
    async take(state) {
      const value = await oauthStates.take(state);
      return value === undefined ? undefined : entryFromJson(value);
    },
  };
}
