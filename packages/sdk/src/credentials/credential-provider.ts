// The runtime's source of credentials. The registry reads a credential when a step runs and writes back what
// changes (refreshed tokens, `needs_reconnect`). The server backs it with the encrypted store (see
// vault/vault-credential-provider.ts); tests use the in-memory one.
import type { AuthKind } from '../auth/auth-spec.js';

/** Field values of a credential (`apiKey`, `username`/`password`, `token`, `accessToken`/`refreshToken`...). */
export type CredentialValues = Readonly<Record<string, string>>;

/** `needs_reconnect`: the grant was revoked or expired; a user must authorize again. */
export type CredentialStatus = 'active' | 'needs_reconnect';

export interface Credential {
  id: string;
  /** Connector name (without major), e.g. `stripe`. */
  connector: string;
  kind: AuthKind;
  values: CredentialValues;
  status?: CredentialStatus;
  /** OAuth2: when the access token expires (ms since epoch). */
  expiresAt?: number;
  name?: string;
}

export interface CredentialPatch {
  /** Replaces all values. */
  values?: CredentialValues;
  status?: CredentialStatus;
  /** `null` clears it. */
  expiresAt?: number | null;
}

export interface CredentialProvider {
  get(credentialId: string): Promise<Credential | undefined>;
  update(credentialId: string, patch: CredentialPatch): Promise<void>;
}

export interface MemoryCredentialProvider extends CredentialProvider {
  /** Current state of every credential (copies). */
  all(): Credential[];
  set(credential: Credential): void;
}

export function createMemoryCredentialProvider(initial: readonly Credential[] = []): MemoryCredentialProvider {
  const credentials = new Map<string, Credential>();
  const copy = (c: Credential): Credential => ({ ...c, values: { ...c.values } });
  for (const credential of initial) credentials.set(credential.id, copy(credential));
  return {
    async get(id) {
      const found = credentials.get(id);
      return found ? copy(found) : undefined;
    },
    async update(id, patch) {
      const found = credentials.get(id);
      if (!found) return;
      const next: Credential = { ...found };
      if (patch.values) next.values = { ...patch.values };
      if (patch.status) next.status = patch.status;
      if (patch.expiresAt === null) delete next.expiresAt;
      else if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
      credentials.set(id, next);
    },
    all: () => [...credentials.values()].map(copy),
    set: (credential) => void credentials.set(credential.id, copy(credential)),
  };
}
