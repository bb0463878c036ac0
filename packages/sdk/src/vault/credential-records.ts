// The few methods of the store's credentials repository the SDK needs (structural: the SDK does not import
// @weft/store; `store.credentials` satisfies this interface).
import type { AuthKind } from '../auth/auth-spec.js';
import type { CredentialStatus } from '../credentials/credential-provider.js';

export interface CredentialRecord {
  id: string;
  connector: string;
  kind: string;
  name: string;
  encrypted: Uint8Array;
  status: CredentialStatus;
  expiresAt?: number;
}

export interface NewCredentialRecord {
  id?: string;
  connector: string;
  kind: AuthKind;
  name: string;
  encrypted: Uint8Array;
  status?: CredentialStatus;
  expiresAt?: number;
}

export interface CredentialRecordPatch {
  name?: string;
  encrypted?: Uint8Array;
  status?: CredentialStatus;
  expiresAt?: number | null;
}

export interface CredentialRecords {
  get(id: string): Promise<CredentialRecord | undefined>;
  list(): Promise<CredentialRecord[]>;
  create(input: NewCredentialRecord): Promise<CredentialRecord>;
  update(id: string, patch: CredentialRecordPatch): Promise<unknown>;
  markUsed(id: string): Promise<unknown>;
}
