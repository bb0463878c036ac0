// Credentials: connection metadata plus the sealed secret blob. The store never sees plaintext — the SDK's
// vault encrypts before `create`/`update` and decrypts after `get` — so a database dump alone reveals nothing.
import type { StoreContext } from './context.js';
import { newId } from './ids.js';
import type { CredentialsTable } from './schema.js';

/** `needs_reconnect`: the provider revoked or expired the grant; a user must authorize again. */
export type CredentialStatus = 'active' | 'needs_reconnect';

export interface CredentialRow {
  id: string;
  /** Connector name without major, e.g. `stripe`. */
  connector: string;
  /** Auth kind: `apiKey`, `basic`, `bearer`, `oauth2`... */
  kind: string;
  name: string;
  /** The sealed values (AES-256-GCM blob from the SDK vault). */
  encrypted: Uint8Array;
  status: CredentialStatus;
  /** When the OAuth2 access token expires. */
  expiresAt?: number;
  lastUsedAt?: number;
  createdAt: number;
  updatedAt: number;
}

export interface CreateCredentialInput {
  /** Generated when absent; the vault binds the blob to the id, so callers that seal first choose it. */
  id?: string;
  connector: string;
  kind: string;
  name: string;
  encrypted: Uint8Array;
  status?: CredentialStatus;
  expiresAt?: number;
}

export interface UpdateCredentialInput {
  name?: string;
  encrypted?: Uint8Array;
  status?: CredentialStatus;
  /** `null` clears it. */
  expiresAt?: number | null;
}

export interface ListCredentialsQuery {
  connector?: string;
  status?: CredentialStatus;
}

export interface CredentialRepository {
  /** Oldest first. */
  list(query?: ListCredentialsQuery): Promise<CredentialRow[]>;
  get(id: string): Promise<CredentialRow | undefined>;
  create(input: CreateCredentialInput): Promise<CredentialRow>;
  /** The updated row, or undefined when it does not exist. */
  update(id: string, input: UpdateCredentialInput): Promise<CredentialRow | undefined>;
  /** False when it did not exist. */
  delete(id: string): Promise<boolean>;
  /** False when it does not exist. */
  setStatus(id: string, status: CredentialStatus): Promise<boolean>;
  markUsed(id: string, at?: number): Promise<void>;
  /** Active credentials whose token expires at or before `before`, soonest first (for a background refresher). */
  listExpiring(before: number): Promise<CredentialRow[]>;
}

export function createCredentialRepository(ctx: StoreContext): CredentialRepository {
  const { db } = ctx;

  const get = async (id: string): Promise<CredentialRow | undefined> => {
    const row = await db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCredentialRow(row);
  };

  return {
    async list(query = {}) {
      let select = db.selectFrom('credentials').selectAll();
      if (query.connector !== undefined) select = select.where('connector', '=', query.connector);
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      const rows = await select.orderBy('created_at').orderBy('id').execute();
      return rows.map(toCredentialRow);
    },

    get,

    async create(input) {
      const now = ctx.now();
      const row: CredentialsTable = {
        id: input.id ?? newId('cred', now),
        connector: input.connector,
        kind: input.kind,
        name: input.name,
        encrypted: Buffer.from(input.encrypted),
        status: input.status ?? 'active',
        expires_at: input.expiresAt ?? null,
        last_used_at: null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('credentials').values(row).execute();
      return toCredentialRow(row);
    },

    async update(id, input) {
      const changes: Partial<CredentialsTable> = { updated_at: ctx.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.encrypted !== undefined) changes.encrypted = Buffer.from(input.encrypted);
      if (input.status !== undefined) changes.status = input.status;
      if (input.expiresAt !== undefined) changes.expires_at = input.expiresAt;
      const result = await db.updateTable('credentials').set(changes).where('id', '=', id).executeTakeFirst();
      return result.numUpdatedRows > 0n ? get(id) : undefined;
    },

    async delete(id) {
      const result = await db.deleteFrom('credentials').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async setStatus(id, status) {
      const result = await db
        .updateTable('credentials')
        .set({ status, updated_at: ctx.now() })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async markUsed(id, at) {
      await db
        .updateTable('credentials')
        .set({ last_used_at: at ?? ctx.now() })
        .where('id', '=', id)
        .execute();
    },

    async listExpiring(before) {
      const rows = await db
        .selectFrom('credentials')
        .selectAll()
        .where('status', '=', 'active')
        .where('expires_at', 'is not', null)
        .where('expires_at', '<=', before)
        .orderBy('expires_at')
        .execute();
      return rows.map(toCredentialRow);
    },
  };
}

function toCredentialRow(row: CredentialsTable): CredentialRow {
  const credential: CredentialRow = {
    id: row.id,
    connector: row.connector,
    kind: row.kind,
    name: row.name,
    encrypted: new Uint8Array(row.encrypted),
    status: row.status as CredentialStatus,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
  if (row.expires_at !== null) credential.expiresAt = Number(row.expires_at);
  if (row.last_used_at !== null) credential.lastUsedAt = Number(row.last_used_at);
  return credential;
}
