// The hottest SQLite statements (a run's insert, step upserts, all the steps and logs of a run at once, claiming,
// finishing), run as prepared statements: prepared once, reused, with no query builder compiling them each time.
// Each mirrors a kysely/SQL-template statement its caller keeps for PostgreSQL. Call only with `prepared(tx)`,
// i.e. inside a transaction that holds the connection.
import type { SqliteStatements } from './sqlite-connection.js';
import type { LogsTable, RunsTable, StepsTable, WebhookEventsTable } from './schema.js';

const STEP_COLUMNS = `run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at, resumed`;
const STEP_UPDATE = `on conflict (run_id, key) do update set node_id = excluded.node_id, status = excluded.status,
  attempt = excluded.attempt, input = excluded.input, output = excluded.output, error = excluded.error,
  port = excluded.port, started_at = excluded.started_at, ended_at = excluded.ended_at, resumed = excluded.resumed`;

const UPSERT_STEP = `insert into steps (${STEP_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ${STEP_UPDATE}`;

// A run's steps in one multi-row statement, a text per row count up to STEPS_PER_STATEMENT (then in chunks):
// bound values cost SQLite a third less than one JSON parameter taken apart by json_each.
const STEPS_PER_STATEMENT = 64;
const STEP_ROW = `(${Array(12).fill('?').join(', ')})`;
const upsertStepsTexts: string[] = [];
function upsertStepsText(count: number): string {
  return (upsertStepsTexts[count] ??= `insert into steps (${STEP_COLUMNS})
  values ${Array(count).fill(STEP_ROW).join(', ')} ${STEP_UPDATE}`);
}

const INSERT_LOGS = `insert into logs (run_id, step_key, level, message, at)
  select value->>0, value->>1, value->>2, value->>3, value->>4 from json_each(?)`;

const INSERT_RUN = `insert into runs (id, flow_id, flow_version, trigger_kind, status, input, output, error, claimed_by,
  lease_until, created_at, started_at, ended_at, parent_run_id, parent_step, retry_of)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const INSERT_EVENT = `insert into webhook_events (id, flow_id, provider_event_id, received_at, run_id, headers, body,
  body_encoding) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (flow_id, provider_event_id) do nothing returning id`;

const FINISH = `update runs set status = ?, output = ?, error = ?, ended_at = ?, lease_until = null
  where id = ? and status in ('queued', 'running')`;
const FINISH_HELD = `${FINISH} and claimed_by = ?`;

const CLAIM_QUEUED = `update runs set status = 'running', claimed_by = ?, lease_until = ?,
    started_at = coalesce(started_at, ?)
  where id in (select id from runs where status = 'queued' order by created_at, id limit ?) and status = 'queued'
  returning *`;

export function upsertStep(st: SqliteStatements, row: StepsTable): void {
  st.prepare(UPSERT_STEP).run(...stepValues(row));
}

export function upsertSteps(st: SqliteStatements, rows: readonly StepsTable[]): void {
  for (let i = 0; i < rows.length; i += STEPS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + STEPS_PER_STATEMENT);
    st.prepare(upsertStepsText(chunk.length)).run(...chunk.flatMap(stepValues));
  }
}

export function insertLogs(st: SqliteStatements, rows: readonly Omit<LogsTable, 'id'>[]): void {
  if (rows.length)
    st.prepare(INSERT_LOGS).run(JSON.stringify(rows.map((r) => [r.run_id, r.step_key, r.level, r.message, r.at])));
}

export function insertRun(st: SqliteStatements, r: RunsTable): void {
  st.prepare(INSERT_RUN).run(
    r.id,
    r.flow_id,
    r.flow_version,
    r.trigger_kind,
    r.status,
    r.input,
    r.output,
    r.error,
    r.claimed_by,
    r.lease_until,
    r.created_at,
    r.started_at,
    r.ended_at,
    r.parent_run_id,
    r.parent_step,
    r.retry_of,
  );
}

/** The event's id, or undefined when its provider event id was stored already. */
export function insertEvent(st: SqliteStatements, e: WebhookEventsTable): string | undefined {
  const row: unknown = st
    .prepare(INSERT_EVENT)
    .get(e.id, e.flow_id, e.provider_event_id, e.received_at, e.run_id, e.headers, e.body, e.body_encoding);
  return row && typeof row === 'object' && 'id' in row && typeof row.id === 'string' ? row.id : undefined;
}

/** How many runs were finished (0 or 1). */
export function finishRun(
  st: SqliteStatements,
  f: { runId: string; status: string; output: string | null; error: string | null; at: number; workerId?: string },
): number {
  const values = [f.status, f.output, f.error, f.at, f.runId];
  return f.workerId === undefined
    ? st.prepare(FINISH).run(...values).changes
    : st.prepare(FINISH_HELD).run(...values, f.workerId).changes;
}

export function claimQueued(st: SqliteStatements, c: { workerId: string; until: number; now: number; limit: number }) {
  const rows: unknown[] = st.prepare(CLAIM_QUEUED).all(c.workerId, c.until, c.now, c.limit);
  return rows.filter(isRunsRow);
}

function isRunsRow(row: unknown): row is RunsTable {
  return typeof row === 'object' && row !== null && 'id' in row && 'flow_id' in row && 'status' in row;
}

function stepValues(r: StepsTable): (string | number | null)[] {
  return [
    r.run_id,
    r.key,
    r.node_id,
    r.status,
    r.attempt,
    r.input,
    r.output,
    r.error,
    r.port,
    r.started_at,
    r.ended_at,
    r.resumed,
  ];
}
