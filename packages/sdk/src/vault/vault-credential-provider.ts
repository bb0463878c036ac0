// The CredentialProvider the server uses: credentials live in the store as sealed blobs; values are opened
// only in memory, when a step needs them.
import { randomBytes } from 'node:crypto';
import type { JsonObject } from '@weft/core';
import type { AuthKind } from '../auth/auth-spec.js';
import type { Credential, CredentialProvider, CredentialValues } from '../credentials/credential-provider.js';
import type { CredentialRecord, CredentialRecords } from './credential-records.js';
import { VaultError, type Vault } from './vault.js';

export interface NewCredential {
  connector: string;
  kind: AuthKind;
  name: string;
  values: CredentialValues;
  expiresAt?: number;
}

export interface VaultCredentialProvider extends CredentialProvider {
  /** Seals and stores a new credential; returns it with its id. */
  create(input: NewCredential): Promise<Credential>;
  /** Replaces the values of a credential (e.g. after a reconnect), marking it active again. */
  replaceValues(id: string, values: CredentialValues, expiresAt?: number): Promise<void>;
}

export function newCredentialId(): string {
  return `cred_${randomBytes(12).toString('hex')}`;
}

export function sealValues(vault: Vault, id: string, values: CredentialValues): Uint8Array {
  return vault.seal({ values: { ...values } }, id);
}

export function openValues(vault: Vault, record: Pick<CredentialRecord, 'id' | 'encrypted'>): CredentialValues {
  const opened = vault.open(record.encrypted, record.id) as JsonObject;
  const values = opened.values;
  if (!values || typeof values !== 'object' || Array.isArray(values)) {
    throw new VaultError('vault_bad_format', `The credential ${record.id} holds no values`);
  }
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

export function createVaultCredentialProvider(options: {
  records: CredentialRecords;
  vault: Vault;
}): VaultCredentialProvider {
  const { records, vault } = options;
  const toCredential = (record: CredentialRecord): Credential => {
    const credential: Credential = {
      id: record.id,
      connector: record.connector,
      kind: record.kind as AuthKind,
      name: record.name,
      status: record.status,
      values: openValues(vault, record),
    };
    if (record.expiresAt !== undefined) credential.expiresAt = record.expiresAt;
    return credential;
  };
  return {
    async get(id) {
      const record = await records.get(id);
      if (!record) return undefined;
      const credential = toCredential(record);
      await records.markUsed(id);
      return credential;
    },
    async update(id, patch) {
      await records.update(id, {
        ...(patch.values ? { encrypted: sealValues(vault, id, patch.values) } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.expiresAt === undefined ? {} : { expiresAt: patch.expiresAt }),
      });
    },
    async create(input) {
      const id = newCredentialId();
      await records.create({
        id,
        connector: input.connector,
        kind: input.kind,
        name: input.name,
        encrypted: sealValues(vault, id, input.values),
        status: 'active',
        ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
      });
      const credential: Credential = {
        id,
        connector: input.connector,
        kind: input.kind,
        name: input.name,
        status: 'active',
        values: { ...input.values },
      };
      if (input.expiresAt !== undefined) credential.expiresAt = input.expiresAt;
      return credential;
    },
    async replaceValues(id, values, expiresAt) {
      await records.update(id, {
        encrypted: sealValues(vault, id, values),
        status: 'active',
        expiresAt: expiresAt ?? null,
      });
    },
  };
}
