// The outputs of a large forEach, collected a page at a time: iterations finish in any order (concurrency), and a
// page is written and released as soon as all its iterations are done, so a loop holds a page or two of outputs
// whatever its length. Its items, when they came in memory, are written the same way, once. The iteration that
// completes a page waits for its write, so pages never queue up in memory behind a slow database.
import type { JsonObject, JsonValue } from './json.js';
import { LIST_PAGE_SIZE, pagedList, type MemoryBudget, type PageStore, type PagedList } from './paged-list.js';

export class LoopOutputs {
  private readonly open = new Map<number, { values: JsonValue[]; left: number }>();

  constructor(
    private readonly pages: PageStore,
    private readonly budget: MemoryBudget,
    private readonly slot: string,
    private readonly length: number,
    private readonly nodeId: string,
  ) {}

  /** Records iteration `index`'s output; writes its page when it was the last one missing. */
  async add(index: number, value: JsonValue): Promise<void> {
    const n = Math.floor(index / LIST_PAGE_SIZE);
    let page = this.open.get(n);
    if (!page) {
      const size = Math.min(LIST_PAGE_SIZE, this.length - n * LIST_PAGE_SIZE);
      page = { values: new Array<JsonValue>(size), left: size };
      this.open.set(n, page);
    }
    page.values[index - n * LIST_PAGE_SIZE] = value;
    if (--page.left > 0) return;
    this.open.delete(n);
    await writePage(this.pages, this.budget, this.slot, n, page.values, this.nodeId);
  }

  /** The marker that stands for the outputs once every page is written. */
  list(): PagedList & JsonObject {
    return pagedList(this.slot, this.length);
  }
}

/** Writes `items` (a large list held in memory) once, in pages; the marker stands for it from then on. */
export async function writeList(
  pages: PageStore,
  budget: MemoryBudget,
  slot: string,
  items: readonly JsonValue[],
  nodeId: string,
): Promise<PagedList & JsonObject> {
  // Ten pages at a time: they meet in one transaction, and the budget sees ten pages held, not the whole list.
  const pageCount = Math.ceil(items.length / LIST_PAGE_SIZE);
  for (let first = 0; first < pageCount; first += 10) {
    const writes: Promise<void>[] = [];
    for (let n = first; n < Math.min(first + 10, pageCount); n++) {
      const page = items.slice(n * LIST_PAGE_SIZE, (n + 1) * LIST_PAGE_SIZE);
      writes.push(writePage(pages, budget, slot, n, page, nodeId));
      writes.at(-1)!.catch(() => undefined);
    }
    await Promise.all(writes);
  }
  return pagedList(slot, items.length);
}

async function writePage(
  pages: PageStore,
  budget: MemoryBudget,
  slot: string,
  n: number,
  values: JsonValue[],
  nodeId: string,
): Promise<void> {
  const text = JSON.stringify(values);
  budget.take(text.length, `page ${n} of the list of "${nodeId}"`);
  try {
    await pages.write(slot, n, text);
  } finally {
    budget.give(text.length);
  }
}
