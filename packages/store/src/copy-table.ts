// Copies one table from a source database to a target, in batches, each written in its own target transaction.
// Rows are matched by primary key: a missing row is inserted, a present identical row is left alone, a present
// different row is overwritten with the source's values — so copying again changes nothing, and an interrupted
// copy resumes. Values pass through as the drivers give them (text, integers, bytes): ids, timestamps and JSON
// text arrive exactly as stored. Reads are sized by the length of the large columns so that a batch of big
// payloads does not sit in memory at once.
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { inTransaction } from './context.js';
import type { StoreContext } from './context.js';
import type { CopiedTable, TableName } from './copy-tables.js';

export type Row = Record<string, unknown>;

export interface TableCount {
  table: TableName;
  /** Inserted by this copy. */
  copied: number;
  /** Present on the target with other values, overwritten with the source's. */
  updated: number;
  /** Present on the target already, identical. */
  present: number;
}

export interface CopyTableInput {
  table: TableName;
  plan: CopiedTable;
  /** The source, inside its read snapshot. */
  source: StoreContext;
  target: StoreContext;
  /** At most this many rows per read and per target transaction. */
  batchSize: number;
  /** A batch is cut when the large columns of its rows add up to more than this (one row always fits). */
  batchBytes: number;
}

/** A row written with a self-reference left out because the row it names comes later. */
interface Deferred {
  row: Row;
  outcome: 'copied' | 'updated' | 'present';
}

const WEIGHT = 'weft_copy_weight';

export async function copyTable(input: CopyTableInput): Promise<TableCount> {
  const { table, plan, source, target } = input;
  const count: TableCount = { table, copied: 0, updated: 0, present: 0 };
  const deferred: Deferred[] = [];
  let after: Row | undefined;
  for (;;) {
    const page = await readKeys(source, table, plan, after, input.batchSize);
    const last = page.at(-1);
    if (last === undefined) break;
    after = last;
    for (const chunk of byWeight(page, input.batchBytes)) {
      const rows = await readRows(source, table, plan, chunk);
      await inTransaction(target, (tx) => writeRows(tx, table, plan, rows, count, deferred));
    }
    if (page.length < input.batchSize) break;
  }
  for (let i = 0; i < deferred.length; i += input.batchSize) {
    const slice = deferred.slice(i, i + input.batchSize);
    await inTransaction(target, (tx) => writeSelfRefs(tx, table, plan, slice, count));
  }
  if (plan.identity !== undefined && target.dialect === 'postgres') {
    await advanceIdentity(target, table, plan.identity);
  }
  return count;
}

/** The next page of keys in key order, each with the summed length of its large columns. */
async function readKeys(
  source: StoreContext,
  table: TableName,
  plan: CopiedTable,
  after: Row | undefined,
  limit: number,
): Promise<Row[]> {
  const weight =
    plan.heavy && plan.heavy.length > 0
      ? sql.join(
          plan.heavy.map((column) => sql`coalesce(length(${sql.ref(column)}), 0)`),
          sql` + `,
        )
      : sql`0`;
  const where = after === undefined ? sql`` : sql`where ${keyTuple(plan)} > ${valueTuple(plan, after)}`;
  const { rows } = await sql<Row>`select ${sql.join(plan.key.map((c) => sql.ref(c)))}, ${weight} as ${sql.ref(WEIGHT)}
    from ${sql.table(table)} ${where} order by ${orderBy(plan)} limit ${limit}`.execute(source.db);
  return rows;
}

/** Consecutive runs of keys whose weights add up to at most `budget` (at least one key each). */
function* byWeight(page: Row[], budget: number): Generator<Row[]> {
  let chunk: Row[] = [];
  let weight = 0;
  for (const row of page) {
    const own = Number(row[WEIGHT] ?? 0);
    if (chunk.length > 0 && weight + own > budget) {
      yield chunk;
      chunk = [];
      weight = 0;
    }
    chunk.push(row);
    weight += own;
  }
  if (chunk.length > 0) yield chunk;
}

/** The whole rows of a run of consecutive keys: a key range in the source's own order. */
async function readRows(source: StoreContext, table: TableName, plan: CopiedTable, keys: Row[]): Promise<Row[]> {
  const first = keys[0]!;
  const last = keys.at(-1)!;
  const { rows } = await sql<Row>`select * from ${sql.table(table)}
    where ${keyTuple(plan)} >= ${valueTuple(plan, first)} and ${keyTuple(plan)} <= ${valueTuple(plan, last)}
    order by ${orderBy(plan)}`.execute(source.db);
  // Rows written between the two reads are not ours to copy in this batch (the read runs in one snapshot).
  const wanted = new Set(keys.map((row) => keyOf(plan, row)));
  return rows.filter((row) => wanted.has(keyOf(plan, row)));
}

async function writeRows(
  tx: StoreContext,
  table: TableName,
  plan: CopiedTable,
  rows: Row[],
  count: TableCount,
  deferred: Deferred[],
): Promise<void> {
  const existing = await targetRows(tx, table, plan, rows);
  const known = await knownSelfRefs(tx, table, plan, rows);
  const inserts: Row[] = [];
  const updates: Row[] = [];
  for (const row of rows) {
    const { written, later } = withoutMissingRefs(plan, row, known);
    const current = existing.get(keyOf(plan, row));
    let outcome: Deferred['outcome'];
    if (current === undefined) {
      inserts.push(written);
      outcome = 'copied';
    } else if (sameRow(written, current)) {
      outcome = 'present';
    } else {
      updates.push(written);
      outcome = 'updated';
    }
    count[outcome] += 1;
    if (later) deferred.push({ row, outcome });
  }
  if (inserts.length > 0) await insertRows(tx, table, plan, inserts);
  for (const row of updates) await updateRow(tx, table, plan, row);
}

/** The target's rows with the keys of `rows`, by key. */
async function targetRows(
  tx: StoreContext,
  table: TableName,
  plan: CopiedTable,
  rows: Row[],
): Promise<Map<string, Row>> {
  // Each key column among the batch's values: exact for one column, a superset for two, filtered below.
  const conditions = plan.key.map((column) => {
    const values = [...new Set(rows.map((row) => row[column]))];
    return sql`${sql.ref(column)} in (${sql.join(values)})`;
  });
  const { rows: found } = await sql<Row>`select * from ${sql.table(table)}
    where ${sql.join(conditions, sql` and `)}`.execute(tx.db);
  const wanted = new Set(rows.map((row) => keyOf(plan, row)));
  return new Map(found.filter((row) => wanted.has(keyOf(plan, row))).map((row) => [keyOf(plan, row), row]));
}

/** Which of the rows named by the batch's self-references exist: in the batch itself or on the target. */
async function knownSelfRefs(
  tx: StoreContext,
  table: TableName,
  plan: CopiedTable,
  rows: Row[],
): Promise<Set<unknown>> {
  const refs = plan.selfRefs ?? [];
  const [id] = plan.key;
  if (refs.length === 0 || id === undefined) return new Set();
  const known = new Set(rows.map((row) => row[id]));
  const named = [...new Set(rows.flatMap((row) => refs.map((ref) => row[ref])))].filter(
    (value) => value !== null && value !== undefined && !known.has(value),
  );
  if (named.length > 0) {
    const { rows: found } = await sql<Row>`select ${sql.ref(id)} from ${sql.table(table)}
      where ${sql.ref(id)} in (${sql.join(named)})`.execute(tx.db);
    for (const row of found) known.add(row[id]);
  }
  return known;
}

/** The row to write now: self-references to rows not yet on the target are left empty and written later. */
function withoutMissingRefs(plan: CopiedTable, row: Row, known: Set<unknown>): { written: Row; later: boolean } {
  let written = row;
  for (const ref of plan.selfRefs ?? []) {
    const value = row[ref];
    if (value === null || value === undefined || known.has(value)) continue;
    written = { ...written, [ref]: null };
  }
  return { written, later: written !== row };
}

async function writeSelfRefs(
  tx: StoreContext,
  table: TableName,
  plan: CopiedTable,
  deferred: Deferred[],
  count: TableCount,
): Promise<void> {
  const refs = plan.selfRefs ?? [];
  for (const { row, outcome } of deferred) {
    const assignments = sql.join(refs.map((ref) => sql`${sql.ref(ref)} = ${row[ref]}`));
    await sql`update ${sql.table(table)} set ${assignments} where ${keyMatch(plan, row)}`.execute(tx.db);
    // The row matched the target only without its references: with them, it was an update after all.
    if (outcome === 'present') {
      count.present -= 1;
      count.updated += 1;
    }
  }
}

async function insertRows(tx: StoreContext, table: TableName, plan: CopiedTable, rows: Row[]): Promise<void> {
  const columns = Object.keys(rows[0]!);
  const overriding = plan.identity !== undefined && tx.dialect === 'postgres' ? sql`overriding system value` : sql``;
  const values = rows.map((row) => sql`(${sql.join(columns.map((column) => row[column] ?? null))})`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${overriding}
    values ${sql.join(values)}`.execute(tx.db);
}

async function updateRow(tx: StoreContext, table: TableName, plan: CopiedTable, row: Row): Promise<void> {
  const columns = Object.keys(row).filter((column) => !plan.key.includes(column));
  const assignments = sql.join(columns.map((column) => sql`${sql.ref(column)} = ${row[column] ?? null}`));
  await sql`update ${sql.table(table)} set ${assignments} where ${keyMatch(plan, row)}`.execute(tx.db);
}

/** New rows on PostgreSQL must not be given ids the copy has just used. */
async function advanceIdentity(target: StoreContext, table: TableName, column: string): Promise<void> {
  await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
    (select coalesce(max(${sql.ref(column)}), 0) + 1 from ${sql.table(table)}), false)`.execute(target.db);
}

function keyTuple(plan: CopiedTable): RawBuilder<unknown> {
  const refs = plan.key.map((column) => sql.ref(column));
  return refs.length === 1 ? sql`${refs[0]}` : sql`(${sql.join(refs)})`;
}

function valueTuple(plan: CopiedTable, row: Row): RawBuilder<unknown> {
  const values = plan.key.map((column) => row[column]);
  return values.length === 1 ? sql`${values[0]}` : sql`(${sql.join(values)})`;
}

function orderBy(plan: CopiedTable): RawBuilder<unknown> {
  return sql.join(plan.key.map((column) => sql.ref(column)));
}

function keyMatch(plan: CopiedTable, row: Row): RawBuilder<unknown> {
  return sql.join(
    plan.key.map((column) => sql`${sql.ref(column)} = ${row[column]}`),
    sql` and `,
  );
}

function keyOf(plan: CopiedTable, row: Row): string {
  return JSON.stringify(plan.key.map((column) => row[column]));
}

/** Equal as stored: the same text, the same number, the same bytes, both empty. */
export function sameRow(source: Row, target: Row): boolean {
  return Object.keys(source).every((column) => sameValue(source[column], target[column]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  return (a ?? null) === (b ?? null);
}
