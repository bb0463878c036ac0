// A large list kept out of line, a page at a time: a forEach over more than a page of items writes its outputs in
// pages as iterations finish (and its items, when it got them in memory), and holds only this small marker. Steps
// that read the list get it materialised within the run's memory budget; a forEach over it reads it page by page.
import { WeftError } from './errors.js';
import type { JsonObject, JsonValue } from './json.js';

/** Items per page; a list of at most one page stays an ordinary array. */
export const LIST_PAGE_SIZE = 1000;

/** Default per-run memory budget: what a run may hold of paged lists at once (approximate JSON bytes). */
export const DEFAULT_RUN_MEMORY_BUDGET_BYTES = 64 * 1024 * 1024;

/** Stands for a paged list in step outputs, inputs and the journal. Pages are `<$pages>:<n>` of the run's pages. */
export interface PagedList {
  $pages: string;
  length: number;
  pageSize: number;
}

export function isPagedList(value: unknown): value is PagedList & JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $pages?: unknown }).$pages === 'string' &&
    typeof (value as { length?: unknown }).length === 'number' &&
    typeof (value as { pageSize?: unknown }).pageSize === 'number'
  );
}

export function pagedList(slot: string, length: number): PagedList & JsonObject {
  return { $pages: slot, length, pageSize: LIST_PAGE_SIZE };
}

/** Where pages are kept: the journal's page store, or memory when the journal has none. */
export interface PageStore {
  write(slot: string, page: number, text: string): Promise<void>;
  read(slot: string, page: number): Promise<string | undefined>;
}

/**
 * Bytes a run holds of paged lists (pages buffered or read, lists materialised), against its budget. Going over
 * stops the run with `run_memory_budget` instead of letting the process run out of memory.
 */
export class MemoryBudget {
  private held = 0;

  constructor(readonly limit: number) {}

  take(bytes: number, what: string): void {
    if (this.held + bytes > this.limit) {
      const mb = (n: number) => Math.ceil(n / (1024 * 1024));
      throw new WeftError(
        'run_memory_budget',
        `The run would hold about ${mb(this.held + bytes)} MB to get the ${what}, over its memory budget of ` +
          `${mb(this.limit)} MB (WEFT_RUN_MEMORY_BUDGET_MB). Read less of the list at once (a forEach over it reads ` +
          'it a page at a time), or raise the budget.',
        {
          fault: 'user',
          retryable: false,
          details: { heldBytes: this.held, neededBytes: bytes, budgetBytes: this.limit },
        },
      );
    }
    this.held += bytes;
  }

  give(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}

/** Reads page `n` of a paged list; a missing page means the store lost it (the run cannot go on). */
export async function readPage(
  pages: PageStore,
  list: PagedList,
  n: number,
): Promise<{ items: JsonValue[]; bytes: number }> {
  const text = await pages.read(list.$pages, n);
  if (text === undefined) {
    throw new WeftError(
      'payload_lost',
      `Page ${n} of the list "${list.$pages}" is missing, so the run cannot continue.`,
      {
        fault: 'system',
        retryable: false,
      },
    );
  }
  return { items: JSON.parse(text) as JsonValue[], bytes: text.length };
}

/** The whole list as an array, its pages held against the budget until `release` gives them back. */
export async function materialise(
  pages: PageStore,
  list: PagedList,
  budget: MemoryBudget,
  what: string,
): Promise<{ value: JsonValue[]; bytes: number }> {
  const value: JsonValue[] = [];
  let bytes = 0;
  try {
    for (let n = 0; n * list.pageSize < list.length; n++) {
      const page = await readPage(pages, list, n);
      budget.take(page.bytes, what);
      bytes += page.bytes;
      for (const item of page.items) value.push(item);
    }
  } catch (error) {
    budget.give(bytes);
    throw error;
  }
  return { value, bytes };
}

/** Pages kept in memory, for journals without a page store (tests, one-off executions). */
export function memoryPages(): PageStore {
  const pages = new Map<string, string>();
  return {
    write: (slot, page, text) => {
      pages.set(`${slot}:${page}`, text);
      return Promise.resolve();
    },
    read: (slot, page) => Promise.resolve(pages.get(`${slot}:${page}`)),
  };
}
