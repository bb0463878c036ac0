// Alert rules as edited through the API (none stored: the caller's defaults apply) and the alert history
// (bounded: the newest MAX_ALERT_ROWS notices are kept). Notices and rules are stored as JSON: the server owns
// their shape.
import type { JsonObject } from '@weft/core';
import { inTransaction, type StoreContext } from './context.js';

export const MAX_ALERT_ROWS = 10_000;

export interface StoredNotice extends JsonObject {
  ruleId: string;
  subject: string;
  state: string;
}

export interface AlertRepository {
  /** The stored rules in order; undefined when none were ever saved. */
  rules(): Promise<JsonObject[] | undefined>;
  saveRules(rules: readonly (JsonObject & { id: string })[]): Promise<void>;
  record(notice: StoredNotice, at: number): Promise<void>;
  /** Newest first. */
  history(limit: number): Promise<JsonObject[]>;
  /** The latest notice of each rule and subject whose state is `firing` (alerts still open). */
  firing(): Promise<JsonObject[]>;
}

const parse = (text: string): JsonObject => JSON.parse(text) as JsonObject;

export function createAlertRepository(ctx: StoreContext): AlertRepository {
  const { db } = ctx;
  return {
    async rules() {
      const rows = await db.selectFrom('alert_rules').select(['id', 'definition']).orderBy('position').execute();
      if (rows.length === 0) return undefined;
      return rows.filter((r) => r.id !== '').map((r) => parse(r.definition));
    },

    saveRules: (rules) =>
      inTransaction(ctx, async (tx) => {
        await tx.db.deleteFrom('alert_rules').execute();
        // An empty set is stored as a marker row, so "no rules" differs from "never edited" (the defaults).
        const rows = rules.length
          ? rules.map((rule, position) => ({ id: rule.id, position, definition: JSON.stringify(rule) }))
          : [{ id: '', position: 0, definition: '{"none":true}' }];
        await tx.db.insertInto('alert_rules').values(rows).execute();
      }),

    async record(notice, at) {
      await inTransaction(ctx, async (tx) => {
        const inserted = await tx.db
          .insertInto('alert_history')
          .values({
            rule_id: notice.ruleId,
            subject: notice.subject,
            state: notice.state,
            notice: JSON.stringify(notice),
            at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.db
          .deleteFrom('alert_history')
          .where('id', '<=', Number(inserted.id) - MAX_ALERT_ROWS)
          .execute();
      });
    },

    async history(limit) {
      const rows = await db.selectFrom('alert_history').select('notice').orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => parse(r.notice));
    },

    async firing() {
      const latest = db
        .selectFrom('alert_history')
        .select((eb) => eb.fn.max('id').as('id'))
        .groupBy(['rule_id', 'subject']);
      const rows = await db
        .selectFrom('alert_history')
        .select('notice')
        .where('id', 'in', latest)
        .where('state', '=', 'firing')
        .orderBy('id')
        .execute();
      return rows.map((r) => parse(r.notice));
    },
  };
}
