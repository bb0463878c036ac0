// Rows of the files kept under the data directory: which run each belongs to, its name, type, size and digest.
// The bytes are not here (the server's file storage writes and deletes them); a file whose run is gone (deleted
// by retention, by its flow's deletion, or never created because the process died first) is "sweepable" once it
// is older than a grace period that covers a webhook storing its files just before its run. A row is written
// before its file, so a file whose write was cut short by a crash is found and swept like the others.
import { sql } from 'kysely';
import type { StoreContext } from './context.js';

export interface FileRow {
  id: string;
  runId: string | null;
  name: string;
  type: string;
  size: number;
  sha256: string;
  /** Relative to the data directory. */
  path: string;
  createdAt: number;
}

export interface FileRepository {
  /** A file about to be written is recorded first (size 0, no digest), so a crash mid-write leaves a row to sweep. */
  record(file: FileRow): Promise<void>;
  /** The file is written: its name, type, size and digest. */
  complete(id: string, file: Pick<FileRow, 'name' | 'type' | 'size' | 'sha256'>): Promise<void>;
  get(id: string): Promise<FileRow | undefined>;
  /** Up to `limit` files whose run no longer exists (or never did), created before `before`. */
  sweepable(before: number, limit: number): Promise<Pick<FileRow, 'id' | 'path'>[]>;
  remove(ids: readonly string[]): Promise<void>;
}

export function createFileRepository(ctx: StoreContext): FileRepository {
  const { db } = ctx;
  return {
    async record(file) {
      await db
        .insertInto('files')
        .values({
          id: file.id,
          run_id: file.runId,
          name: file.name,
          type: file.type,
          size: file.size,
          sha256: file.sha256,
          path: file.path,
          created_at: file.createdAt,
        })
        .execute();
    },

    async complete(id, file) {
      await db
        .updateTable('files')
        .set({ name: file.name, type: file.type, size: file.size, sha256: file.sha256 })
        .where('id', '=', id)
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          id: row.id,
          runId: row.run_id,
          name: row.name,
          type: row.type,
          size: Number(row.size),
          sha256: row.sha256,
          path: row.path,
          createdAt: Number(row.created_at),
        }
      );
    },

    async sweepable(before, limit) {
      const rows = await db
        .selectFrom('files')
        .select(['id', 'path'])
        .where('created_at', '<', before)
        .where((eb) =>
          eb.or([
            eb('run_id', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('runs')
                  .select(sql`1`.as('one'))
                  .whereRef('runs.id', '=', 'files.run_id'),
              ),
            ),
          ]),
        )
        .limit(limit)
        .execute();
      return rows;
    },

    async remove(ids) {
      if (ids.length === 0) return;
      await db
        .deleteFrom('files')
        .where('id', 'in', [...ids])
        .execute();
    },
  };
}

/** Links a delivery's files to the run just created for it (inside the run's transaction). */
export async function linkFiles(ctx: StoreContext, fileIds: readonly string[], runId: string): Promise<void> {
  if (fileIds.length === 0) return;
  await ctx.db
    .updateTable('files')
    .set({ run_id: runId })
    .where('id', 'in', [...fileIds])
    .execute();
}
