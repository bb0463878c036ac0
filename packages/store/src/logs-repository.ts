// Reading a run's logs (writing goes through the journal), in order, with an id to tail from.
import type { LogRecord } from '@weft/core';
import type { StoreContext } from './context.js';

export interface LogRow extends LogRecord {
  /** Increases with every appended log: pass the last one seen as `afterId` to tail. */
  id: number;
}

export interface ListLogsOptions {
  afterId?: number;
  /** 1..10000 (default 1000). */
  limit?: number;
}

export interface LogRepository {
  list(runId: string, options?: ListLogsOptions): Promise<LogRow[]>;
}

export function createLogRepository(ctx: StoreContext): LogRepository {
  return {
    async list(runId, options = {}) {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 1000), 1), 10_000);
      const rows = await ctx.db
        .selectFrom('logs')
        .selectAll()
        .where('run_id', '=', runId)
        .$if(options.afterId !== undefined, (qb) => qb.where('id', '>', options.afterId!))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => {
        const log: LogRow = {
          id: row.id,
          runId: row.run_id,
          level: row.level as LogRecord['level'],
          message: row.message,
          at: row.at,
        };
        if (row.step_key !== null) log.stepKey = row.step_key;
        return log;
      });
    },
  };
}
