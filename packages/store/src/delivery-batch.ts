// PostgreSQL: webhook deliveries stored together go in ONE statement (pg-groups.ts) — the events, their runs and,
// for runs already executed in memory (webhookEvents.receiveFinished), their steps and logs, as unnest() arrays in
// a named statement each connection prepares once — instead of BEGIN, 2-4 statements per delivery and COMMIT.
// A redelivery (its provider event id already stored) keeps nothing: only the runs whose event went in are written.
import type { LogRow } from './journal-rows.js';
import { columns, statementGroup } from './pg-groups.js';
import type { PostgresQueries } from './postgres-connection.js';
import type { RunsTable, StepsTable, WebhookEventsTable } from './schema.js';

export interface Delivery {
  run: RunsTable;
  event: WebhookEventsTable;
  steps: readonly StepsTable[];
  logs: readonly LogRow[];
}

/** Stores a delivery with its run: true, or false when the delivery was seen before (nothing stored). */
export function storeDelivery(pool: PostgresQueries, delivery: Delivery): Promise<boolean> {
  return statementGroup(pool, insertDeliveries)(delivery);
}

async function insertDeliveries(pool: PostgresQueries, deliveries: readonly Delivery[]): Promise<boolean[]> {
  const events = deliveries.map((r) => r.event);
  const runs = deliveries.map((r) => r.run);
  const steps = deliveries.flatMap((r) => r.steps);
  const logs = deliveries.flatMap((r) => r.logs);
  const values = [
    ...columns(events, ['id', 'flow_id', 'provider_event_id', 'received_at', 'run_id', 'headers', 'body']),
    events.map((e) => e.body_encoding),
    ...columns(runs, ['id', 'flow_id', 'flow_version', 'trigger_kind', 'status', 'input', 'output', 'error']),
    ...columns(runs, ['created_at', 'started_at', 'ended_at', 'claimed_by', 'lease_until']),
    ...columns(steps, ['run_id', 'key', 'node_id', 'status', 'attempt', 'input', 'output', 'error', 'port']),
    ...columns(steps, ['started_at', 'ended_at', 'resumed']),
    ...columns(logs, ['run_id', 'step_key', 'level', 'message', 'at']),
  ];
  const { rows } = await pool.query<{ run_id: string }>({ name: STATEMENT_NAME, text: STATEMENT, values });
  const stored = new Set(rows.map((row) => row.run_id));
  return runs.map((run) => stored.has(run.id));
}

/** Named after its shape: a changed statement needs a new name (connections keep what they prepared). */
const STATEMENT_NAME = 'weft_deliveries_1';

// Every check (foreign keys included) runs at the end of the statement, when the runs are in.
const STATEMENT = `with events as (
    insert into webhook_events (id, flow_id, provider_event_id, received_at, run_id, headers, body, body_encoding)
    select * from unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::text[], $7::text[],
      $8::text[])
    on conflict (flow_id, provider_event_id) do nothing
    returning run_id
  ), new_runs as (
    insert into runs (id, flow_id, flow_version, trigger_kind, status, input, output, error, created_at, started_at,
      ended_at, claimed_by, lease_until)
    select r.* from unnest($9::text[], $10::text[], $11::int4[], $12::text[], $13::text[], $14::text[], $15::text[],
      $16::text[], $17::int8[], $18::int8[], $19::int8[], $20::text[], $21::int8[])
      as r(id, flow_id, flow_version, trigger_kind, status, input, output, error, created_at, started_at, ended_at,
        claimed_by, lease_until)
    where r.id in (select run_id from events)
  ), new_steps as (
    insert into steps (run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at,
      resumed)
    select s.* from unnest($22::text[], $23::text[], $24::text[], $25::text[], $26::int4[], $27::text[],
      $28::text[], $29::text[], $30::text[], $31::int8[], $32::int8[], $33::int4[])
      as s(run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at, resumed)
    where s.run_id in (select run_id from events)
  ), new_logs as (
    insert into logs (run_id, step_key, level, message, at)
    select l.run_id, l.step_key, l.level, l.message, l.at
    from unnest($34::text[], $35::text[], $36::text[], $37::text[], $38::int8[])
      with ordinality as l(run_id, step_key, level, message, at, n)
    where l.run_id in (select run_id from events)
    order by l.n
  )
  select run_id from events`;
