// What a committed write survives, as the database connection in use reports it. A run is acknowledged (a
// webhook's 202) only after its commit returns, so these settings are the whole durability promise: SQLite
// in WAL mode with synchronous=FULL syncs the WAL on every commit; PostgreSQL with synchronous_commit on (or
// stricter) and fsync on waits for the WAL flush. Group commit (group-commit.ts) spreads that flush over the
// writes that arrive together.
import { sql } from 'kysely';
import type { StoreContext, StoreDialect } from './context.js';

export interface StoreDurability {
  dialect: StoreDialect;
  /** The settings that decide it, by their database names (`synchronous`, `synchronous_commit`, ...). */
  settings: Record<string, string>;
  /** True when a commit that returned survives a crash of the process and of the machine. */
  durable: boolean;
}

/** `pragma synchronous` answers with a number. */
const SQLITE_SYNCHRONOUS = ['off', 'normal', 'full', 'extra'];

export async function readDurability(ctx: StoreContext): Promise<StoreDurability> {
  if (ctx.dialect === 'postgres') {
    const { rows } = await sql<{ synchronous_commit: string; fsync: string }>`
      select current_setting('synchronous_commit') as synchronous_commit, current_setting('fsync') as fsync`.execute(
      ctx.db,
    );
    const settings = { synchronous_commit: rows[0]?.synchronous_commit ?? '', fsync: rows[0]?.fsync ?? '' };
    return {
      dialect: ctx.dialect,
      settings,
      durable: settings.synchronous_commit !== 'off' && settings.fsync === 'on',
    };
  }
  const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(ctx.db);
  const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(ctx.db);
  const settings = {
    journal_mode: String(journal.rows[0]?.journal_mode ?? ''),
    synchronous: SQLITE_SYNCHRONOUS[synchronous.rows[0]?.synchronous ?? -1] ?? 'unknown',
  };
  // In memory nothing survives anyway; on disk, WAL needs FULL (NORMAL may lose the last commits on power loss).
  const durable =
    settings.journal_mode === 'wal'
      ? settings.synchronous === 'full' || settings.synchronous === 'extra'
      : settings.synchronous !== 'off' && settings.journal_mode !== 'memory';
  return { dialect: ctx.dialect, settings, durable };
}
