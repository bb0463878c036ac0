// Replay from a step: which nodes of a finished run execute again. Step N and every node after it (along forward
// edges, into loop bodies too) run again; so does every forEach holding one of them, with what follows it, since a
// loop's output is made of its iterations. Everything else keeps its recorded outcome: the replayed run's journal is
// seeded with those records, and the engine resumes from them as it resumes any run (engine.ts). An edited input for
// N is seeded as a prepared record: never attempted (attempt 0), holding the input the step runs with (step-runner.ts).
import { buildGraph, forwardEdges } from './graph.js';
import { portOf, type FlowDefinition } from './flow.js';
import type { JsonValue } from './json.js';
import type { StepRecord } from './ports.js';

/** Ids of the nodes that run again when replaying from `from` (including it). */
export function replayedNodes(flow: FlowDefinition, from: string): Set<string> {
  const graph = buildGraph(flow);
  const again = new Set<string>();
  // A node reached along an edge runs again whole (a forEach: all its body); a forEach that only holds a node
  // running again runs its iterations again, whose other body steps keep their records, and what follows it.
  const whole = new Set<string>();
  const queue: [string, boolean][] = [[from, true]];
  while (queue.length) {
    const [id, reached] = queue.pop()!;
    if (reached ? whole.has(id) : again.has(id)) continue;
    again.add(id);
    if (reached) whole.add(id);
    for (const edge of forwardEdges(graph, id)) if (reached || portOf(edge) !== 'each') queue.push([edge.to, true]);
    const loop = graph.loopOf.get(id);
    if (loop !== undefined) queue.push([loop, false]);
  }
  return again;
}

/** Whether a recorded step of the original run is carried into the replay: it finished and does not run again. */
export function keptByReplay(record: Pick<StepRecord, 'nodeId' | 'status' | 'port'>, again: Set<string>): boolean {
  if (again.has(record.nodeId)) return false;
  return (
    record.status === 'succeeded' ||
    record.status === 'skipped' ||
    (record.status === 'failed' && record.port !== undefined)
  );
}

/** A seeded record that gives a step the input it runs with, instead of resolving its config. */
export function preparedStep(runId: string, nodeId: string, input: JsonValue, at: number): StepRecord {
  return { runId, key: nodeId, nodeId, status: 'running', attempt: 0, input, startedAt: at };
}

/** Whether a journal record is a prepared input (see preparedStep). */
export function isPrepared(record: StepRecord | undefined): record is StepRecord & { input: JsonValue } {
  return record?.status === 'running' && record.attempt === 0 && record.input !== undefined;
}
