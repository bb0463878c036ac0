// Live state of a run, folded from RunEvents (socket.io) or rebuilt from a run's stored steps: the status of each
// node on the canvas and the run's overall status.
import type { RunEvent, RunStatus, StepStatus } from '@weft/core';
import type { JsonValue } from './flow-types.js';

export type { RunEvent, RunStatus, StepStatus };

export type NodeRunStatus = StepStatus | 'waiting';

export interface StepView {
  key: string;
  nodeId: string;
  status: StepStatus;
  attempt: number;
  input?: JsonValue;
  output?: JsonValue;
  error?: { code?: string; message: string };
  port?: string;
  startedAt: number;
  endedAt?: number;
}

export interface RunView {
  runId: string;
  status: RunStatus;
  startedAt?: number;
  endedAt?: number;
  error?: { code?: string; message: string };
  steps: Map<string, StepView>;
}

export function emptyRun(runId: string, status: RunStatus = 'queued'): RunView {
  return { runId, status, steps: new Map() };
}

export function applyRunEvent(view: RunView, event: RunEvent): RunView {
  if (event.runId !== view.runId) return view;
  switch (event.type) {
    case 'run.started':
      return { ...view, status: 'running', startedAt: event.at };
    case 'step.started': {
      const steps = new Map(view.steps);
      steps.set(event.key, {
        key: event.key,
        nodeId: event.nodeId,
        status: 'running',
        attempt: event.attempt,
        startedAt: event.at,
      });
      return { ...view, status: view.status === 'queued' ? 'running' : view.status, steps };
    }
    case 'step.finished': {
      const steps = new Map(view.steps);
      const previous = steps.get(event.key);
      const step: StepView = {
        key: event.key,
        nodeId: event.nodeId,
        status: event.status,
        attempt: event.attempt,
        startedAt: previous?.startedAt ?? event.at - event.durationMs,
        endedAt: event.at,
      };
      if (previous?.input !== undefined) step.input = previous.input;
      if (event.output !== undefined) step.output = event.output;
      if (event.error) step.error = event.error as unknown as StepView['error'];
      if (event.port) step.port = event.port;
      steps.set(event.key, step);
      return { ...view, steps };
    }
    case 'run.finished': {
      const next: RunView = { ...view, status: event.status, endedAt: event.at };
      if (event.error) next.error = event.error as unknown as RunView['error'];
      return next;
    }
    default:
      return view;
  }
}

/** One status per node (loop iterations folded: running wins, then failed, then the latest). */
export function nodeStatuses(view: RunView): Map<string, StepStatus> {
  const rank: Record<StepStatus, number> = { running: 4, failed: 3, cancelled: 2, succeeded: 1, skipped: 0 };
  const byNode = new Map<string, StepStatus>();
  for (const step of view.steps.values()) {
    const current = byNode.get(step.nodeId);
    if (current === undefined || rank[step.status] > rank[current]) byNode.set(step.nodeId, step.status);
  }
  return byNode;
}

export function isFinished(status: RunStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** Rebuilds the view from the REST representation of a run. */
export function runViewFrom(run: {
  id: string;
  status: RunStatus;
  startedAt?: number | null;
  endedAt?: number | null;
  error?: RunView['error'] | null;
  steps?: StepView[];
}): RunView {
  const view: RunView = { runId: run.id, status: run.status, steps: new Map((run.steps ?? []).map((s) => [s.key, s])) };
  if (run.startedAt != null) view.startedAt = run.startedAt;
  if (run.endedAt != null) view.endedAt = run.endedAt;
  if (run.error) view.error = run.error;
  return view;
}
