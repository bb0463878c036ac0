// Dead letters: runs that failed for good (their steps exhausted their retries) and that nobody has retried yet —
// a retry that fails again is the dead letter then, not its original. Test runs from the editor are left out.
// Newest first, with the same opaque cursor as the run list.
import type { StoreContext } from './context.js';
import { decodeCursor, encodeCursor } from './run-cursor.js';
import { toRunRow } from './run-row.js';
import type { RunPage } from './runs-repository.js';

export interface DeadLetterQuery {
  flowId?: string;
  cursor?: string;
  /** 1..500 (default 50). */
  limit?: number;
}

export interface DeadLetterRepository {
  list(query?: DeadLetterQuery): Promise<RunPage>;
  /** Whether a run is a dead letter now (failed, not a test run, not retried). */
  isDeadLetter(runId: string): Promise<boolean>;
}

export function createDeadLetterRepository(ctx: StoreContext): DeadLetterRepository {
  const { db } = ctx;
  const deadLetters = () =>
    db
      .selectFrom('runs')
      .selectAll('runs')
      .where('runs.status', '=', 'failed')
      .where('runs.trigger_kind', '!=', 'test')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('runs as later').select('later.id').whereRef('later.retry_of', '=', 'runs.id'))),
      );
  return {
    async list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const rows = await deadLetters()
        .$if(query.flowId !== undefined, (qb) => qb.where('runs.flow_id', '=', query.flowId!))
        .$if(after !== undefined, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb('runs.created_at', '<', after!.createdAt),
              eb.and([eb('runs.created_at', '=', after!.createdAt), eb('runs.id', '<', after!.id)]),
            ]),
          ),
        )
        .orderBy('runs.created_at', 'desc')
        .orderBy('runs.id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toRunRow);
      const last = items.at(-1);
      return rows.length > limit && last ? { items, nextCursor: encodeCursor(last) } : { items };
    },

    async isDeadLetter(runId) {
      return (await deadLetters().where('runs.id', '=', runId).executeTakeFirst()) !== undefined;
    },
  };
}
