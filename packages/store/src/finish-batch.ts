// PostgreSQL: runs finishing together are finished by ONE statement (pg-groups.ts) — their final status, and the
// steps and logs of those that kept their journal in memory (pure flows) — instead of BEGIN, 1-3 statements per run
// and COMMIT. Only a run still held by the worker finishing it changes; the steps of one that does not are dropped.
import type { LogRow } from './journal-rows.js';
import { columns, statementGroup } from './pg-groups.js';
import type { PostgresQueries } from './postgres-connection.js';
import type { StepsTable } from './schema.js';

export interface Finish {
  runId: string;
  workerId: string;
  status: string;
  output: string | null;
  error: string | null;
  endedAt: number;
  steps: readonly StepsTable[];
  logs: readonly LogRow[];
}

/** Finishes a run held by `workerId`: true, or false when it was finished already or is held by another. */
export function finishRun(pool: PostgresQueries, finish: Finish): Promise<boolean> {
  return statementGroup(pool, finishRuns)(finish);
}

async function finishRuns(pool: PostgresQueries, finishes: readonly Finish[]): Promise<boolean[]> {
  const steps = finishes.flatMap((f) => f.steps);
  const logs = finishes.flatMap((f) => f.logs);
  const values = [
    ...columns(finishes, ['runId', 'workerId', 'status', 'output', 'error', 'endedAt']),
    ...columns(steps, ['run_id', 'key', 'node_id', 'status', 'attempt', 'input', 'output', 'error', 'port']),
    ...columns(steps, ['started_at', 'ended_at', 'resumed']),
    ...columns(logs, ['run_id', 'step_key', 'level', 'message', 'at']),
  ];
  const { rows } = await pool.query<{ id: string }>({ name: STATEMENT_NAME, text: STATEMENT, values });
  const finished = new Set(rows.map((row) => row.id));
  return finishes.map((f) => finished.has(f.runId));
}

const STATEMENT_NAME = 'weft_finishes_1';

// A journal kept in memory replaces what an earlier execution of the run journaled (as writeJournalBuffer does).
const STATEMENT = `with done as (
    update runs set status = f.status, output = f.output, error = f.error, ended_at = f.ended_at, lease_until = null
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[])
      as f(id, worker, status, output, error, ended_at)
    where runs.id = f.id and runs.status in ('queued', 'running') and runs.claimed_by = f.worker
    returning runs.id
  ), new_steps as (
    insert into steps (run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at,
      resumed)
    select s.* from unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::int4[], $12::text[],
      $13::text[], $14::text[], $15::text[], $16::int8[], $17::int8[], $18::int4[])
      as s(run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at, resumed)
    where s.run_id in (select id from done)
    on conflict (run_id, key) do update set node_id = excluded.node_id, status = excluded.status,
      attempt = excluded.attempt, input = excluded.input, output = excluded.output, error = excluded.error,
      port = excluded.port, started_at = excluded.started_at, ended_at = excluded.ended_at,
      resumed = excluded.resumed
  ), new_logs as (
    insert into logs (run_id, step_key, level, message, at)
    select l.run_id, l.step_key, l.level, l.message, l.at
    from unnest($19::text[], $20::text[], $21::text[], $22::text[], $23::int8[])
      with ordinality as l(run_id, step_key, level, message, at, n)
    where l.run_id in (select id from done)
    order by l.n
  )
  select id from done`;
