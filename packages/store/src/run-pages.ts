// A large run read a page at a time: its steps (forEach iterations included: each is a step row) in the order
// they started, by keyset over (started_at, key) with an opaque cursor, and how many there are. A page holds
// reader's views of the payloads (large ones as a marker with a preview), so its size stays bounded.
import type { StepRecord } from '@weft/core';
import { WeftError } from '@weft/core';
import type { StoreContext } from './context.js';
import { toStepRecord } from './run-journal.js';

export interface StepPage {
  items: StepRecord[];
  /** Present when more steps follow. */
  nextCursor?: string;
}

export interface RunPageRepository {
  /** Up to `limit` (1..1000) steps after `cursor`, in start order. */
  steps(runId: string, options?: { cursor?: string; limit?: number }): Promise<StepPage>;
  stepCount(runId: string): Promise<number>;
}

function encodeStepCursor(step: { startedAt: number; key: string }): string {
  return Buffer.from(JSON.stringify([step.startedAt, step.key]), 'utf8').toString('base64url');
}

function decodeStepCursor(text: string): { startedAt: number; key: string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 2 || !Number.isSafeInteger(value[0]) || typeof value[1] !== 'string') {
    throw new WeftError('invalid_cursor', 'The pagination cursor is not valid; start again from the first page.', {
      fault: 'user',
    });
  }
  return { startedAt: value[0] as number, key: value[1] as string };
}

export function createRunPageRepository(ctx: StoreContext): RunPageRepository {
  const { db } = ctx;
  return {
    async steps(runId, options = {}) {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 200), 1), 1000);
      const after = options.cursor === undefined ? undefined : decodeStepCursor(options.cursor);
      const rows = await db
        .selectFrom('steps')
        .selectAll()
        .where('run_id', '=', runId)
        .$if(after !== undefined, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb('started_at', '>', after!.startedAt),
              eb.and([eb('started_at', '=', after!.startedAt), eb('key', '>', after!.key)]),
            ]),
          ),
        )
        .orderBy('started_at')
        .orderBy('key')
        .limit(limit + 1)
        .execute();
      const items = await Promise.all(rows.slice(0, limit).map((row) => toStepRecord(ctx, row, false)));
      const last = items.at(-1);
      return rows.length > limit && last ? { items, nextCursor: encodeStepCursor(last) } : { items };
    },

    async stepCount(runId) {
      const row = await db
        .selectFrom('steps')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('run_id', '=', runId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
