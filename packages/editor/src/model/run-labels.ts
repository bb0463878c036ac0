// How runs and their steps are named for people: a run id shown by its random tail (the head is a time prefix,
// so two runs of one second would look the same), durations only from real start and end times, and steps by
// their name in the flow rather than their key.
import type { FlowDefinition } from './flow-types.js';

/** The distinguishing part of a run id (`run_01a22a96…4afe7` → `4afe7…`): its last 8 characters. */
export function shortRunId(id: string): string {
  return id.length > 12 ? id.slice(-8) : id;
}

/** How long a run took: from its own start to its own end, or undefined while either is unknown. */
export function runDuration(run: { startedAt?: number; endedAt?: number }): number | undefined {
  if (run.startedAt === undefined || run.endedAt === undefined || run.endedAt < run.startedAt) return undefined;
  return run.endedAt - run.startedAt;
}

/** A step's name as the flow calls it (`Look up the customer`), with its loop position (`[2]`) when inside one. */
export function stepLabel(key: string, nodeId: string, flow: FlowDefinition | undefined): string {
  const step = flow?.steps.find((s) => s.id === nodeId);
  const name = step?.name ?? (flow?.trigger.id === nodeId ? 'Trigger' : nodeId);
  const loops = [...key.matchAll(/\[(\d+)\]/g)].map((m) => `#${Number(m[1]) + 1}`);
  return loops.length ? `${name} (${loops.join(', ')})` : name;
}
