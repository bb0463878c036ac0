// The public shape of a run and its mapping from the `runs` table.
import type { ErrorInfo, JsonValue, RunStatus } from '@weft/core';
import { decodeError, decodeJson } from './payload.js';
import type { RunsTable } from './schema.js';

export interface RunRow {
  id: string;
  flowId: string;
  /** The pinned published version; absent when the run executes the draft (an editor test run). */
  flowVersion?: number;
  /** What started the run: `webhook`, `schedule`, `poll`, `manual`, `subflow`, `retry`, ... */
  triggerKind: string;
  status: RunStatus;
  input?: JsonValue;
  output?: JsonValue;
  error?: ErrorInfo;
  /** The worker holding (or last holding) the run. */
  claimedBy?: string;
  leaseUntil?: number;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  parentRunId?: string;
  /** `<step key>#<attempt>` of the parent's subflow step that started this run. */
  parentStep?: string;
  retryOf?: string;
}

export function toRunRow(row: RunsTable): RunRow {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version ?? undefined,
    triggerKind: row.trigger_kind,
    status: row.status,
    input: decodeJson(row.input),
    output: decodeJson(row.output),
    error: decodeError(row.error),
    claimedBy: row.claimed_by ?? undefined,
    leaseUntil: row.lease_until ?? undefined,
    createdAt: row.created_at,
    startedAt: row.started_at ?? undefined,
    endedAt: row.ended_at ?? undefined,
    parentRunId: row.parent_run_id ?? undefined,
    parentStep: row.parent_step ?? undefined,
    retryOf: row.retry_of ?? undefined,
  };
}
