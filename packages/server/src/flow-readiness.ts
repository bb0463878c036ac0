// The publish check on the server, so the API and the CLI enforce it as the editor does: a flow goes live (is
// published or switched on) only when every step and trigger is fully set up — settings its schema accepts, a
// connection that exists wherever the connector needs one, mappings that read fields their source has.
import { readinessProblems, WeftError, type FlowDefinition, type Problem } from '@weft/core';
import type { Services } from './context.js';
import { syncStepProblems } from './sync-node/sync-readiness.js';

/** Every publish problem of a structurally valid definition (pointers relative to the definition). */
export async function readinessOf(services: Services, flow: FlowDefinition): Promise<Problem[]> {
  const problems = readinessProblems(flow, services.catalog);
  const missing = new Set(problems.filter((p) => p.code === 'missing_connection').map((p) => p.nodeId));
  const nodes = [
    { id: flow.trigger.id, at: '/trigger', credential: flow.trigger.credential },
    ...flow.steps.map((s, i) => ({ id: s.id, at: `/steps/${i}`, credential: s.credential })),
  ];
  for (const node of nodes) {
    if (!node.credential || missing.has(node.id)) continue;
    if (await services.store.credentials.get(node.credential)) continue;
    problems.push({
      code: 'missing_connection',
      nodeId: node.id,
      pointer: `${node.at}/credential`,
      field: 'credential',
      message: 'The connection chosen here no longer exists: choose or add another',
    });
  }
  problems.push(...(await syncStepProblems(services, flow)));
  return problems;
}

/** Throws `flow_not_ready` (422) listing every problem, with pointers under `prefix`, when there are any. */
export async function refuseUnready(services: Services, flow: FlowDefinition, prefix: string): Promise<void> {
  const problems = await readinessOf(services, flow);
  if (!problems.length) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new WeftError(
    'flow_not_ready',
    `The flow cannot go live until ${problems.length === 1 ? 'this is' : 'these are'} fixed: ${problems[0]!.message}${more}.`,
    { fault: 'user', details: { problems: problems.map((p) => ({ ...p, pointer: prefix + p.pointer })) } },
  );
}
