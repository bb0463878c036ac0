// PostgreSQL: finished pure runs (webhookEvents.receiveFinished) that arrive together are written in ONE
// statement — the events, runs, steps and logs of the whole group as unnest() arrays, a named statement that each
// connection prepares once — so a group pays one round trip and one commit instead of BEGIN, 3-4 statements per
// run and COMMIT. The statement is its own transaction, committed as the server's synchronous_commit says before
// any caller hears back. A redelivery (its provider event id already stored) keeps nothing: only the runs whose
// event went in are written. A failing group is written again run by run, so one bad run fails alone.
import type { LogRow } from './journal-rows.js';
import type { PostgresQueries } from './postgres-connection.js';
import type { RunsTable, StepsTable, WebhookEventsTable } from './schema.js';

export interface FinishedRun {
  run: RunsTable;
  event: WebhookEventsTable;
  steps: readonly StepsTable[];
  logs: readonly LogRow[];
}

/** Stores a finished run with its delivery: true, or false when the delivery was seen before (nothing stored). */
export type FinishedRunWriter = (run: FinishedRun) => Promise<boolean>;

interface Job {
  run: FinishedRun;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

/** Groups being written at once: a group gathers while the ones before it are on the wire. */
const MAX_IN_FLIGHT = 2;

const writers = new WeakMap<PostgresQueries, FinishedRunWriter>();

/** The writer of this pool (one per pool, so that every repository's runs join the same groups). */
export function finishedRunWriter(pool: PostgresQueries): FinishedRunWriter {
  let writer = writers.get(pool);
  if (!writer) {
    writer = createWriter(pool);
    writers.set(pool, writer);
  }
  return writer;
}

function createWriter(pool: PostgresQueries): FinishedRunWriter {
  let queue: Job[] = [];
  let inFlight = 0;
  let scheduled = false;
  const schedule = () => {
    if (scheduled || inFlight >= MAX_IN_FLIGHT || queue.length === 0) return;
    scheduled = true;
    // The runs finishing in this turn of the event loop join the group.
    setImmediate(() => {
      scheduled = false;
      if (inFlight >= MAX_IN_FLIGHT || queue.length === 0) return;
      const group = queue;
      queue = [];
      inFlight++;
      void writeGroup(pool, group).finally(() => {
        inFlight--;
        schedule();
      });
    });
  };
  return (run) =>
    new Promise<boolean>((resolve, reject) => {
      queue.push({ run, resolve, reject });
      schedule();
    });
}

async function writeGroup(pool: PostgresQueries, group: Job[]): Promise<void> {
  try {
    const stored = await insertGroup(
      pool,
      group.map((job) => job.run),
    );
    for (const job of group) job.resolve(stored.has(job.run.run.id));
    return;
  } catch (error) {
    if (group.length === 1) return group[0]!.reject(error);
  }
  for (const job of group) {
    try {
      job.resolve((await insertGroup(pool, [job.run])).has(job.run.run.id));
    } catch (error) {
      job.reject(error);
    }
  }
}

/** The ids of the runs stored (those whose event was not a redelivery). */
async function insertGroup(pool: PostgresQueries, runs: readonly FinishedRun[]): Promise<Set<string>> {
  const events = runs.map((r) => r.event);
  const rows = runs.map((r) => r.run);
  const steps = runs.flatMap((r) => r.steps);
  const logs = runs.flatMap((r) => r.logs);
  const values = [
    ...columns(events, ['id', 'flow_id', 'provider_event_id', 'received_at', 'run_id', 'headers', 'body']),
    events.map((e) => e.body_encoding),
    ...columns(rows, ['id', 'flow_id', 'flow_version', 'trigger_kind', 'status', 'input', 'output', 'error']),
    ...columns(rows, ['created_at', 'started_at', 'ended_at']),
    ...columns(steps, ['run_id', 'key', 'node_id', 'status', 'attempt', 'input', 'output', 'error', 'port']),
    ...columns(steps, ['started_at', 'ended_at', 'resumed']),
    ...columns(logs, ['run_id', 'step_key', 'level', 'message', 'at']),
  ];
  const { rows: stored } = await pool.query<{ run_id: string }>({ name: STATEMENT_NAME, text: STATEMENT, values });
  return new Set(stored.map((row) => row.run_id));
}

function columns<T, K extends keyof T>(rows: readonly T[], keys: readonly K[]): T[K][][] {
  return keys.map((key) => rows.map((row) => row[key]));
}

/** Named after its shape: a changed statement needs a new name (connections keep what they prepared). */
const STATEMENT_NAME = 'weft_finished_runs_1';

// Every check (foreign keys included) runs at the end of the statement, when the runs are in.
const STATEMENT = `with events as (
    insert into webhook_events (id, flow_id, provider_event_id, received_at, run_id, headers, body, body_encoding)
    select * from unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::text[], $7::text[],
      $8::text[])
    on conflict (flow_id, provider_event_id) do nothing
    returning run_id
  ), new_runs as (
    insert into runs (id, flow_id, flow_version, trigger_kind, status, input, output, error, created_at, started_at,
      ended_at)
    select r.* from unnest($9::text[], $10::text[], $11::int4[], $12::text[], $13::text[], $14::text[], $15::text[],
      $16::text[], $17::int8[], $18::int8[], $19::int8[])
      as r(id, flow_id, flow_version, trigger_kind, status, input, output, error, created_at, started_at, ended_at)
    where r.id in (select run_id from events)
  ), new_steps as (
    insert into steps (run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at,
      resumed)
    select s.* from unnest($20::text[], $21::text[], $22::text[], $23::text[], $24::int4[], $25::text[],
      $26::text[], $27::text[], $28::text[], $29::int8[], $30::int8[], $31::int4[])
      as s(run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at, resumed)
    where s.run_id in (select run_id from events)
  ), new_logs as (
    insert into logs (run_id, step_key, level, message, at)
    select l.run_id, l.step_key, l.level, l.message, l.at
    from unnest($32::text[], $33::text[], $34::text[], $35::text[], $36::int8[])
      with ordinality as l(run_id, step_key, level, message, at, n)
    where l.run_id in (select run_id from events)
    order by l.n
  )
  select run_id from events`;
