// Run events (the run event bus) turned into metrics: starts, finishes and durations by flow, step durations,
// queue wait, resumed steps. Only events published by this process count: a cluster's processes each count
// their own runs, so that summing them over instances counts every run once.
import type { RunEvent } from '@weft/core';
import { RunEventBus } from '../runs/event-bus.js';
import type { MetricSet } from './registry.js';

/** When a run id was minted (ids begin with the creation time in hex: store/ids.ts); undefined if not one. */
export function createdAtOfRunId(runId: string): number | undefined {
  const match = /^run_([0-9a-f]{12})/.exec(runId);
  return match ? parseInt(match[1]!, 16) : undefined;
}

export function countRunEvent(metrics: MetricSet, flowId: string, event: RunEvent): void {
  switch (event.type) {
    case 'run.started': {
      metrics.runsStarted.inc({ flow: flowId });
      const created = createdAtOfRunId(event.runId);
      if (created !== undefined) metrics.queueWait.observe({ flow: flowId }, Math.max(0, event.at - created) / 1000);
      return;
    }
    case 'run.finished':
      metrics.runsFinished.inc({ flow: flowId, status: event.status });
      metrics.runDuration.observe({ flow: flowId, status: event.status }, event.durationMs / 1000);
      return;
    case 'step.finished':
      metrics.stepDuration.observe({ flow: flowId, status: event.status }, event.durationMs / 1000);
      return;
    case 'step.resumed':
      metrics.stepsResumed.inc({ flow: flowId });
      return;
    default:
      return;
  }
}

/**
 * The run event bus, also telling `hear` about each event published here (not those relayed from other
 * processes, which a '*' subscriber cannot tell apart). Everything else is RunEventBus's own behaviour.
 */
export class ObservedRunEventBus extends RunEventBus {
  constructor(private readonly hear: (flowId: string, event: RunEvent) => void) {
    super();
  }

  override publish(flowId: string, event: RunEvent, options: { waiterHere?: boolean } = {}): void {
    try {
      this.hear(flowId, event);
    } catch {
      // metrics never stop a run's events
    }
    super.publish(flowId, event, options);
  }
}
