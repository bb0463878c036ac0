// Every table is either copied or left out with a reason: a table added to schema.ts or by a migration fails
// here until copy-tables.ts says what the copy does with it, and the copy order respects foreign keys.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { plannedTables, TABLE_PLAN } from './copy-tables.js';
import { migrateContext, openStoreContext } from './open-store.js';
import { DIALECTS, openTestStore } from './test-support.js';

/** The tables the `Database` interface of schema.ts declares, read from its source text. */
function schemaTables(): string[] {
  const text = readFileSync(new URL('./schema.ts', import.meta.url), 'utf8');
  const body = /export interface Database \{([^}]*)\}/.exec(text)?.[1] ?? '';
  return [...body.matchAll(/^\s*(\w+)\s*:/gm)].map((match) => match[1]!);
}

function groupOf(table: string): string | undefined {
  return plannedTables().find((t) => t.table === table)?.plan.group;
}

describe('the copy plan', () => {
  test('classifies every table schema.ts declares, and no other', () => {
    const tables = schemaTables();
    expect(tables.length).toBeGreaterThan(10);
    expect(Object.keys(TABLE_PLAN).sort()).toEqual([...tables].sort());
  });

  test('gives every table it leaves out a reason', () => {
    for (const { table, plan } of plannedTables()) {
      if (plan.group === 'never') expect(plan.reason.length, table).toBeGreaterThan(20);
      else expect(plan.key.length, table).toBeGreaterThan(0);
    }
  });

  test.each(DIALECTS)('classifies every table a migrated %s database has', async (dialect) => {
    const { location, schema } = await openTestStore(dialect);
    const ctx = await openStoreContext({ url: location, ...(schema ? { schema } : {}) });
    try {
      await migrateContext(ctx);
      const { rows } =
        dialect === 'sqlite'
          ? await sql<{ name: string }>`select name from sqlite_master
              where type = 'table' and name not like 'sqlite_%'`.execute(ctx.db)
          : await sql<{ name: string }>`select table_name as name from information_schema.tables
              where table_schema = current_schema()`.execute(ctx.db);
      expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(TABLE_PLAN).sort());
    } finally {
      await ctx.db.destroy();
    }
  });

  test('copies a table only after the tables its foreign keys name', async () => {
    const { location } = await openTestStore('sqlite');
    const ctx = await openStoreContext({ url: location });
    try {
      const order: string[] = plannedTables().map((t) => t.table);
      for (const [index, table] of order.entries()) {
        const { rows } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(
          ctx.db,
        );
        for (const { table: parent } of rows) {
          if (parent === table) continue;
          expect(order.indexOf(parent), `${table} -> ${parent}`).toBeGreaterThanOrEqual(0);
          expect(order.indexOf(parent), `${table} -> ${parent}`).toBeLessThan(index);
          // What a copy writes never needs what it leaves out: setup needs setup, history needs either.
          const needs = groupOf(parent);
          if (groupOf(table) === 'setup') expect(needs, `${table} -> ${parent}`).toBe('setup');
          if (groupOf(table) === 'history') expect(needs, `${table} -> ${parent}`).not.toBe('never');
        }
      }
    } finally {
      await ctx.db.destroy();
    }
  });
});
