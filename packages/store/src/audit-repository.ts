// The audit log: append-only entries (who, when, from where, what, how it went), newest first by id. Entries are
// inserted and read here, and deleted only by retention (`prune`); there is no update (the table refuses one).
import { WeftError } from '@weft/core';
import type { StoreContext } from './context.js';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from './schema.js';

export interface AuditRecord {
  at: number;
  actor: { type: 'user' | 'token' | 'system' | 'anonymous'; id?: string; email?: string; tokenId?: string };
  ip?: string;
  requestId?: string;
  action: string;
  target: { type: string; id?: string; name?: string };
  /** JSON-serializable, never a secret. */
  changes?: unknown;
  outcome: 'success' | 'failure';
  /** The problem code of a failure. */
  error?: string;
}

export interface AuditRow extends AuditRecord {
  id: string;
}

export interface AuditFilter {
  /** A user id or email (lowercased). */
  actor?: string;
  /** An action, or a prefix when it ends with "." */
  action?: string;
  targetType?: string;
  targetId?: string;
  since?: number;
  until?: number;
  /** The id of the last entry of the previous page. */
  cursor?: string;
  limit: number;
}

export interface AuditRepository {
  record(entry: AuditRecord): Promise<string>;
  list(filter: AuditFilter): Promise<{ items: AuditRow[]; nextCursor?: string }>;
  get(id: string): Promise<AuditRow | undefined>;
  /** Deletes up to `limit` entries older than `before`; how many went. */
  prune(before: number, limit: number): Promise<number>;
}

/** A row as read (the table's columns, with its id generated). */
type Row = Selectable<AuditLogTable>;

const ACTOR_TYPES = new Set(['user', 'token', 'system', 'anonymous']);

function toEntry(row: Row): AuditRow {
  const entry: AuditRow = {
    id: String(row.id),
    at: Number(row.at),
    actor: { type: ACTOR_TYPES.has(row.actor_type) ? (row.actor_type as AuditRecord['actor']['type']) : 'system' },
    action: row.action,
    target: { type: row.target_type },
    outcome: row.outcome === 'failure' ? 'failure' : 'success',
  };
  if (row.actor_id !== null) entry.actor.id = row.actor_id;
  if (row.actor_email !== null) entry.actor.email = row.actor_email;
  if (row.token_id !== null) entry.actor.tokenId = row.token_id;
  if (row.ip !== null) entry.ip = row.ip;
  if (row.request_id !== null) entry.requestId = row.request_id;
  if (row.target_id !== null) entry.target.id = row.target_id;
  if (row.target_name !== null) entry.target.name = row.target_name;
  if (row.changes !== null) entry.changes = JSON.parse(row.changes) as unknown;
  if (row.error !== null) entry.error = row.error;
  return entry;
}

const numericId = (id: string): number | undefined => (/^\d{1,15}$/.test(id) ? Number(id) : undefined);

export function createAuditRepository(ctx: StoreContext): AuditRepository {
  const { db } = ctx;
  return {
    async record(entry) {
      const row = await db
        .insertInto('audit_log')
        .values({
          at: entry.at,
          actor_type: entry.actor.type,
          actor_id: entry.actor.id ?? null,
          actor_email: entry.actor.email ?? null,
          token_id: entry.actor.tokenId ?? null,
          ip: entry.ip ?? null,
          request_id: entry.requestId ?? null,
          action: entry.action,
          target_type: entry.target.type,
          target_id: entry.target.id ?? null,
          target_name: entry.target.name ?? null,
          changes: entry.changes === undefined ? null : JSON.stringify(entry.changes),
          outcome: entry.outcome,
          error: entry.error ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return String(row.id);
    },
    async list(filter) {
      let query = db.selectFrom('audit_log').selectAll();
      if (filter.actor !== undefined) {
        const actor = filter.actor.trim();
        query = query.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_email', '=', actor.toLowerCase())]));
      }
      if (filter.action !== undefined) {
        query = filter.action.endsWith('.')
          ? query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '')}%`)
          : query.where('action', '=', filter.action);
      }
      if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
      if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
      if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
      if (filter.until !== undefined) query = query.where('at', '<', filter.until);
      if (filter.cursor !== undefined) {
        const after = numericId(filter.cursor);
        if (after === undefined) {
          throw new WeftError('invalid_cursor', 'The cursor is not one this list returned.', { fault: 'user' });
        }
        query = query.where('id', '<', after);
      }
      const rows = await query
        .orderBy('id', 'desc')
        .limit(filter.limit + 1)
        .execute();
      const items = rows.slice(0, filter.limit).map(toEntry);
      return rows.length > filter.limit ? { items, nextCursor: items[items.length - 1]!.id } : { items };
    },
    async get(id) {
      const n = numericId(id);
      if (n === undefined) return undefined;
      const row = await db.selectFrom('audit_log').selectAll().where('id', '=', n).executeTakeFirst();
      return row && toEntry(row);
    },
    async prune(before, limit) {
      const ids = await db.selectFrom('audit_log').select('id').where('at', '<', before).limit(limit).execute();
      if (ids.length === 0) return 0;
      const result = await db
        .deleteFrom('audit_log')
        .where(
          'id',
          'in',
          ids.map((r) => r.id),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
