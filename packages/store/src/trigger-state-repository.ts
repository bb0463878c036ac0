// Per (flow, trigger) state for schedules and pollers: a JSON cursor and a lease so that only one process
// fires a given trigger at a time, however many servers share the database.
import type { JsonValue } from '@weft/core';
import type { StoreContext } from './context.js';
import { decodeJson } from './payload.js';

export interface TriggerStateRow {
  flowId: string;
  triggerKey: string;
  cursor?: JsonValue;
  leasedBy?: string;
  leaseUntil?: number;
  lastFiredAt?: number;
}

export interface TriggerKey {
  flowId: string;
  triggerKey: string;
}

export interface AcquireTriggerLeaseInput extends TriggerKey {
  owner: string;
  leaseMs: number;
}

export interface SetTriggerCursorInput extends TriggerKey {
  cursor: JsonValue;
  lastFiredAt?: number;
  /** When given, the write only happens while `owner` holds an unexpired lease (fencing a stale process). */
  owner?: string;
}

export interface TriggerStateRepository {
  get(key: TriggerKey): Promise<TriggerStateRow | undefined>;
  /** Takes (or extends) the lease when it is free, expired or already ours; true when we hold it now. */
  acquireLease(input: AcquireTriggerLeaseInput): Promise<boolean>;
  /** Gives the lease up early (e.g. at shutdown); does nothing unless `owner` holds it. */
  releaseLease(input: TriggerKey & { owner: string }): Promise<void>;
  /** Stores the cursor; false when `owner` was given and no longer holds the lease. */
  setCursor(input: SetTriggerCursorInput): Promise<boolean>;
}

export function createTriggerStateRepository(ctx: StoreContext): TriggerStateRepository {
  const { db } = ctx;
  return {
    async get(key) {
      const row = await db
        .selectFrom('trigger_state')
        .selectAll()
        .where('flow_id', '=', key.flowId)
        .where('trigger_key', '=', key.triggerKey)
        .executeTakeFirst();
      if (!row) return undefined;
      const state: TriggerStateRow = { flowId: row.flow_id, triggerKey: row.trigger_key };
      const cursor = decodeJson(row.cursor);
      if (cursor !== undefined) state.cursor = cursor;
      if (row.leased_by !== null) state.leasedBy = row.leased_by;
      if (row.lease_until !== null) state.leaseUntil = row.lease_until;
      if (row.last_fired_at !== null) state.lastFiredAt = row.last_fired_at;
      return state;
    },

    async acquireLease(input) {
      const now = ctx.now();
      // One statement: a concurrent acquirer either inserts first (we then see its lease in the WHERE) or
      // waits on the conflicting row; either way exactly one of us gets a row back.
      const row = await db
        .insertInto('trigger_state')
        .values({
          flow_id: input.flowId,
          trigger_key: input.triggerKey,
          leased_by: input.owner,
          lease_until: now + input.leaseMs,
        })
        .onConflict((oc) =>
          oc
            .columns(['flow_id', 'trigger_key'])
            .doUpdateSet({ leased_by: input.owner, lease_until: now + input.leaseMs })
            .where((eb) =>
              eb.or([
                eb('trigger_state.leased_by', 'is', null),
                eb('trigger_state.lease_until', 'is', null),
                eb('trigger_state.lease_until', '<=', now),
                eb('trigger_state.leased_by', '=', input.owner),
              ]),
            ),
        )
        .returning('flow_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async releaseLease(input) {
      await db
        .updateTable('trigger_state')
        .set({ leased_by: null, lease_until: null })
        .where('flow_id', '=', input.flowId)
        .where('trigger_key', '=', input.triggerKey)
        .where('leased_by', '=', input.owner)
        .execute();
    },

    async setCursor(input) {
      const cursor = JSON.stringify(input.cursor);
      const fired = input.lastFiredAt ?? null;
      if (input.owner !== undefined) {
        const result = await db
          .updateTable('trigger_state')
          .set((eb) => ({ cursor, last_fired_at: eb.fn.coalesce(eb.val(fired), 'last_fired_at') }))
          .where('flow_id', '=', input.flowId)
          .where('trigger_key', '=', input.triggerKey)
          .where('leased_by', '=', input.owner)
          .where('lease_until', '>', ctx.now())
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }
      await db
        .insertInto('trigger_state')
        .values({ flow_id: input.flowId, trigger_key: input.triggerKey, cursor, last_fired_at: fired })
        .onConflict((oc) =>
          oc.columns(['flow_id', 'trigger_key']).doUpdateSet((eb) => ({
            cursor,
            last_fired_at: eb.fn.coalesce(eb.val(fired), eb.ref('trigger_state.last_fired_at')),
          })),
        )
        .execute();
      return true;
    },
  };
}
