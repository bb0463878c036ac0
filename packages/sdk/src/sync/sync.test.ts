// The sync building blocks on an in-memory source and target: two incremental passes handle creations,
// updates and tombstones with the right counts and cursors; a full pass deletes by diffing the id set (only
// when complete); a failing page keeps the cursor at the last page applied; a pushed change applies alone.
import { expect, it } from 'vitest';
import { applyChange, runSync, type SyncSource, type SyncTarget } from './sync.js';

interface Contact {
  id: string;
  name: string;
  updatedAt: string;
  deleted?: boolean;
}

function source(records: () => Contact[], pageSize = 2, failAt?: number): SyncSource<Contact> {
  return {
    async fetch({ since, cursor }) {
      const start = Number(cursor ?? 0);
      if (failAt !== undefined && start >= failAt) throw new Error('API down');
      const changed = records()
        .filter((r) => since === undefined || r.updatedAt > since)
        .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
      const items = changed.slice(start, start + pageSize);
      return start + pageSize < changed.length ? { items, nextCursor: String(start + pageSize) } : { items };
    },
  };
}

function target(): SyncTarget<Contact> & { rows: Map<string, Contact> } {
  const rows = new Map<string, Contact>();
  return {
    rows,
    async upsert(items) {
      let created = 0;
      let updated = 0;
      for (const item of items) {
        if (rows.has(item.id)) updated++;
        else created++;
        rows.set(item.id, item);
      }
      return { created, updated };
    },
    async remove(ids) {
      return ids.filter((id) => rows.delete(id)).length;
    },
    async ids() {
      return [...rows.keys()];
    },
  };
}

const options = {
  idOf: (c: Contact) => c.id,
  stampOf: (c: Contact) => c.updatedAt,
  isDeleted: (c: Contact) => c.deleted === true,
  now: () => 0,
};

it('handles creations, updates and deletions across two incremental passes, with the counts and cursors', async () => {
  let api: Contact[] = [
    { id: 'a', name: 'Ada', updatedAt: '2026-01-01T00:00:01Z' },
    { id: 'b', name: 'Bob', updatedAt: '2026-01-01T00:00:02Z' },
    { id: 'c', name: 'Cy', updatedAt: '2026-01-01T00:00:03Z' },
  ];
  const db = target();
  const first = await runSync(
    source(() => api),
    db,
    { ...options, mode: 'incremental' },
  );
  expect(first).toMatchObject({ created: 3, updated: 0, deleted: 0, failed: 0, pages: 2, complete: true });
  expect(first).toMatchObject({ cursorBefore: undefined, cursorAfter: '2026-01-01T00:00:03Z' });

  api = [
    { id: 'a', name: 'Ada', updatedAt: '2026-01-01T00:00:01Z' },
    { id: 'b', name: 'Bobby', updatedAt: '2026-01-02T00:00:00Z' },
    { id: 'c', name: 'Cy', updatedAt: '2026-01-02T00:00:01Z', deleted: true },
    { id: 'd', name: 'Di', updatedAt: '2026-01-02T00:00:02Z' },
  ];
  const second = await runSync(
    source(() => api),
    db,
    { ...options, mode: 'incremental', cursor: first.cursorAfter },
  );
  expect(second).toMatchObject({ created: 1, updated: 1, deleted: 1, cursorAfter: '2026-01-02T00:00:02Z' });
  expect([...db.rows.keys()].sort()).toEqual(['a', 'b', 'd']);
  expect(db.rows.get('b')?.name).toBe('Bobby');
});

it('deletes by diffing the full id set on a complete full pass only', async () => {
  const db = target();
  await db.upsert([{ id: 'gone', name: 'x', updatedAt: '1' }]);
  const api = [{ id: 'a', name: 'Ada', updatedAt: '2' }];
  const partial = await runSync(
    source(() => [...api, { id: 'b', name: 'B', updatedAt: '3' }], 1),
    db,
    {
      ...options,
      mode: 'full',
      maxPages: 1,
    },
  );
  expect(partial).toMatchObject({ complete: false, deleted: 0 });
  const full = await runSync(
    source(() => api),
    db,
    { ...options, mode: 'full' },
  );
  expect(full).toMatchObject({ complete: true, deleted: 1 });
  expect([...db.rows.keys()]).toEqual(['a']);
});

it('keeps the cursor at the last page applied when a page fails', async () => {
  const api: Contact[] = ['1', '2', '3', '4'].map((n) => ({ id: n, name: n, updatedAt: `2026-01-0${n}` }));
  const db = target();
  const log = await runSync(
    source(() => api, 2, 2),
    db,
    { ...options, mode: 'incremental' },
  );
  expect(log).toMatchObject({ error: 'API down', complete: false, created: 2, cursorAfter: '2026-01-02' });
});

it('applies one pushed change: created, updated, deleted', async () => {
  const db = target();
  expect(await applyChange(db, options, { id: 'a', name: 'A', updatedAt: '1' })).toBe('created');
  expect(await applyChange(db, options, { id: 'a', name: 'A2', updatedAt: '2' })).toBe('updated');
  expect(await applyChange(db, options, { id: 'a', name: 'A2', updatedAt: '3', deleted: true })).toBe('deleted');
  expect(await applyChange(db, options, { id: 'a', name: 'A2', updatedAt: '3', deleted: true })).toBe('unchanged');
});

it('reconciles: deletes what a complete listing no longer has, and leaves the cursor to the incremental sync', async () => {
  const rows = target();
  const api: Contact[] = [
    { id: 'a', name: 'Ada', updatedAt: '2026-01-01T00:00:01Z' },
    { id: 'b', name: 'Bob', updatedAt: '2026-01-01T00:00:02Z' },
  ];
  rows.rows.set('gone', { id: 'gone', name: 'Gone', updatedAt: '2025-01-01T00:00:00Z' });
  const log = await runSync(
    source(() => api),
    rows,
    { ...options, mode: 'reconcile', cursor: '2025-06-01' },
  );
  expect(log).toMatchObject({ mode: 'reconcile', created: 2, deleted: 1, complete: true });
  expect(log.cursorAfter).toBe('2025-06-01');
  expect([...rows.rows.keys()].sort()).toEqual(['a', 'b']);
});

it('takes an opaque sync token reported by the source as the cursor, once its page is applied', async () => {
  const pages = [
    { items: [{ id: 'a', name: 'Ada', updatedAt: 'x' }], nextCursor: 'p2', syncCursor: 'token-1' },
    { items: [{ id: 'b', name: 'Bob', updatedAt: 'y' }], syncCursor: 'token-2' },
  ];
  const sinces: (string | undefined)[] = [];
  const log = await runSync(
    { fetch: async ({ since, cursor }) => (sinces.push(since), pages[cursor ? 1 : 0]!) },
    target(),
    { ...options, mode: 'incremental', cursor: 'token-0' },
  );
  expect(sinces).toEqual(['token-0', 'token-0']);
  expect(log).toMatchObject({ cursorBefore: 'token-0', cursorAfter: 'token-2', created: 2 });
});
