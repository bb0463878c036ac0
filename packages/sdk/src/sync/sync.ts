// Data sync as a building block, so a connector author or a code step does not hand-write cursor logic:
// - full sync: every record, upserted; with `target.ids`, records the source no longer lists are deleted
//   (diffing the full id set) — only when the listing was complete;
// - incremental sync: records changed since the cursor (an `updated_since` stamp or an opaque API cursor),
//   upserted, tombstones deleted; the cursor advances to the newest stamp applied, never past a page that failed;
// - reconcile: a full listing that deletes what the source no longer lists but leaves the cursor alone, the
//   periodic pass beside an incremental or real-time sync;
// - real-time: `applyChange` applies one webhook event the same way, and a periodic reconcile pass catches misses.
// Each pass returns a sync log: mode, times, cursor before and after, records created/updated/deleted/failed.
// Pages are applied one at a time (oldest first), so memory holds one page (plus the id set of a full sync).

export interface SyncPage<T> {
  items: T[];
  /** The source's cursor for the next page; absent on the last page. */
  nextCursor?: string;
  /**
   * An opaque change cursor the source reports (a sync token): once this page is applied it becomes the pass's
   * cursor, instead of the newest record stamp.
   */
  syncCursor?: string;
}

export interface SyncSource<T> {
  /** One page: `since` is the stamp to fetch changes after (undefined: everything), `cursor` the page cursor. */
  fetch(request: { since: string | undefined; cursor: string | undefined }): Promise<SyncPage<T>>;
}

export interface SyncTarget<T> {
  /** Writes live records; says how many were created and updated (and failed, if it skips bad ones). */
  upsert(items: T[]): Promise<{ created: number; updated: number; failed?: number }>;
  /** Deletes (or marks deleted) records by id; returns how many were there. */
  remove(ids: string[]): Promise<number>;
  /** Every id the target holds: enables deletion by diffing on a complete full sync. */
  ids?(): Promise<string[]>;
}

export type SyncMode = 'full' | 'incremental' | 'reconcile';

export interface SyncOptions<T> {
  mode: SyncMode;
  idOf(item: T): string;
  /** The record's change stamp (e.g. updatedAt as ISO text; compared as text): the cursor is the newest one. */
  stampOf?(item: T): string | undefined;
  /** A tombstone: the source reports the record deleted. */
  isDeleted?(item: T): boolean;
  /** The cursor saved by the previous pass (undefined: none yet, so an incremental pass fetches everything). */
  cursor?: string;
  /** Stop after this many pages (the next pass continues from the cursor); default 1000. */
  maxPages?: number;
  now?: () => number;
}

export interface SyncLog {
  mode: SyncMode;
  startedAt: string;
  finishedAt: string;
  cursorBefore: string | undefined;
  cursorAfter: string | undefined;
  /** Every page was read (false: stopped at maxPages or on an error). */
  complete: boolean;
  pages: number;
  created: number;
  updated: number;
  deleted: number;
  failed: number;
  error?: string;
}

const newer = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined || a >= b ? a : b;

export async function runSync<T>(
  source: SyncSource<T>,
  target: SyncTarget<T>,
  options: SyncOptions<T>,
): Promise<SyncLog> {
  const now = options.now ?? Date.now;
  const log: SyncLog = {
    mode: options.mode,
    startedAt: new Date(now()).toISOString(),
    finishedAt: '',
    cursorBefore: options.cursor,
    cursorAfter: options.cursor,
    complete: false,
    pages: 0,
    created: 0,
    updated: 0,
    deleted: 0,
    failed: 0,
  };
  const since = options.mode === 'incremental' ? options.cursor : undefined;
  const seen = options.mode !== 'incremental' && target.ids ? new Set<string>() : undefined;
  const movesCursor = options.mode !== 'reconcile';
  const maxPages = options.maxPages ?? 1000;
  let pageCursor: string | undefined;
  try {
    for (;;) {
      const page = await source.fetch({ since, cursor: pageCursor });
      log.pages++;
      const live = page.items.filter((item) => !options.isDeleted?.(item));
      const gone = page.items.filter((item) => options.isDeleted?.(item)).map(options.idOf);
      if (live.length) {
        const written = await target.upsert(live);
        log.created += written.created;
        log.updated += written.updated;
        log.failed += written.failed ?? 0;
      }
      if (gone.length) log.deleted += await target.remove(gone);
      for (const item of live) seen?.add(options.idOf(item));
      // Applied: the cursor may move past this page now.
      if (!movesCursor) {
        // A reconcile pass leaves the cursor to the incremental or real-time sync it backs up.
      } else if (page.syncCursor !== undefined) log.cursorAfter = page.syncCursor;
      else for (const item of page.items) log.cursorAfter = newer(log.cursorAfter, options.stampOf?.(item));
      pageCursor = page.nextCursor;
      if (pageCursor === undefined) {
        log.complete = true;
        break;
      }
      if (log.pages >= maxPages) break;
    }
    if (seen && log.complete && target.ids) {
      const missing = (await target.ids()).filter((id) => !seen.has(id));
      if (missing.length) log.deleted += await target.remove(missing);
    }
  } catch (error) {
    log.error = error instanceof Error ? error.message : String(error);
  }
  log.finishedAt = new Date(now()).toISOString();
  return log;
}

/** One change pushed by the source (a webhook): upserted, or deleted when it is a tombstone. */
export async function applyChange<T>(
  target: SyncTarget<T>,
  options: Pick<SyncOptions<T>, 'idOf' | 'isDeleted'>,
  item: T,
): Promise<'created' | 'updated' | 'deleted' | 'unchanged'> {
  if (options.isDeleted?.(item)) return (await target.remove([options.idOf(item)])) > 0 ? 'deleted' : 'unchanged';
  const written = await target.upsert([item]);
  return written.created > 0 ? 'created' : written.updated > 0 ? 'updated' : 'unchanged';
}

/** A sync log as the runtime keeps it: which connector action of which run wrote it, under what name. */
export interface SyncLogEntry extends SyncLog {
  name: string;
  connector: string;
  action: string;
  runId: string;
}

/** Where the runtime keeps sync logs (the server: its database). */
export interface SyncLogSink {
  record(entry: SyncLogEntry): Promise<void>;
}
