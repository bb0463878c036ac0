// Validation problems from the server, attached to what they concern: a node (by nodeId, or by the JSON
// pointer into the definition) and, within its panel, a config field.
import type { Reply } from '@weft/core/contract';
import type { FlowDefinition } from './flow-types.js';

/** A problem as the API sends it (validation replies and problem+json `problems`). */
export type Problem = Reply<'validateFlow'>['problems'][number];

/** The node a problem concerns: its nodeId, else the step or trigger its pointer points into. */
export function nodeOfProblem(flow: FlowDefinition, problem: Pick<Problem, 'nodeId' | 'pointer'>): string | undefined {
  if (problem.nodeId) return problem.nodeId;
  const pointer = problem.pointer.replace(/^\/definition/, '');
  const step = /^\/steps\/(\d+)/.exec(pointer);
  if (step) return flow.steps[Number(step[1])]?.id;
  if (pointer.startsWith('/trigger')) return flow.trigger.id;
  const edge = /^\/edges\/(\d+)/.exec(pointer);
  if (edge) return flow.edges[Number(edge[1])]?.from;
  return undefined;
}

export function problemsByNode(flow: FlowDefinition, problems: readonly Problem[]): Map<string, Problem[]> {
  const byNode = new Map<string, Problem[]>();
  for (const problem of problems) {
    const id = nodeOfProblem(flow, problem);
    if (!id) continue;
    byNode.set(id, [...(byNode.get(id) ?? []), problem]);
  }
  return byNode;
}

/** Problems not tied to any node (shown in the flow-level list). */
export function flowProblems(flow: FlowDefinition, problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => nodeOfProblem(flow, p) === undefined);
}

/** The top-level config key a problem concerns (`config.url` → `url`), from `field` or the pointer. */
export function configKeyOfProblem(
  problem: Pick<Problem, 'field' | 'pointer'> & { message?: string },
): string | undefined {
  if (problem.field) {
    const [head, key] = problem.field.split('.');
    return head === 'config' ? key : undefined;
  }
  const match = /\/(?:steps\/\d+|trigger)\/config\/([^/]+)/.exec(problem.pointer);
  if (match) return match[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
  // A missing required property is reported on the config object itself; it concerns the missing field.
  const missing = /\/config$/.test(problem.pointer) ? /required property "([^"]+)"/.exec(problem.message ?? '') : null;
  return missing ? missing[1] : undefined;
}

export function problemsForField(problems: readonly Problem[], key: string): Problem[] {
  return problems.filter((p) => configKeyOfProblem(p) === key);
}

/** A problem about the node's connection (none chosen, or the chosen one is gone): shown by the connection picker. */
export function isConnectionProblem(problem: Pick<Problem, 'field' | 'pointer'>): boolean {
  return (
    problem.field === 'credential' || /^(?:\/definition)?\/(?:steps\/\d+|trigger)\/credential$/.test(problem.pointer)
  );
}
