// Flows API: drafts, validation, publish (immutable versions), activation, test runs.
import { checkFlowScripts, validateFlow, WeftError, type FlowDefinition, type Problem } from '@weft/core';
import { API } from '@weft/core/contract';
import { noteAudit } from '../audit/audit-trail.js';
import { flowChanges } from '../audit/flow-changes.js';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';
import { testStep } from '../runs/step-test.js';
import { readinessOf, refuseUnready } from '../flow-readiness.js';

export function flowRoutes(services: Services) {
  const { store, wake } = services;
  const router = securedRouter(store);
  const route = routesOn(router, services.config.bodyLimit);

  const flowOr404 = async (id: string) => {
    const flow = await store.flows.get(id);
    if (!flow) throw new HttpProblem(404, 'flow_not_found', `There is no flow with id "${id}".`);
    return flow;
  };

  route(API.listFlows).handle(async () => {
    const flows = await store.flows.list();
    return {
      items: await Promise.all(
        flows.map(async (flow) => {
          // The status of what the trigger started: test runs of the draft are left out.
          const last = (await store.runs.list({ flowId: flow.id, limit: 1, tests: false })).items[0];
          return {
            ...summary(flow),
            lastRun: last ? { id: last.id, status: last.status, createdAt: last.createdAt } : null,
          };
        }),
      ),
    };
  });

  route(API.createFlow).handle(async ({ body }, ctx) => {
    const definition = await definitionFrom(services, body);
    const flow = await store.flows.create({ definition });
    noteAudit(ctx, {
      target: { type: 'flow', id: flow.id, name: flow.name },
      changes: flowChanges(undefined, definition),
    });
    ctx.set('Location', `/api/flows/${flow.id}`);
    return flow;
  });

  route(API.validateDefinition).handle(async ({ body }) => {
    const wrapped = 'definition' in body;
    const problems = await everyProblem(services, wrapped ? body.definition : body);
    return { problems: wrapped ? problems.map((p) => ({ ...p, pointer: `/definition${p.pointer}` })) : problems };
  });

  route(API.getFlow).handle(({ params }) => flowOr404(params.id));

  route(API.saveFlow).handle(async ({ params, body }, ctx) => {
    const before = await flowOr404(params.id);
    const definition = await definitionFrom(services, body);
    const saved = await store.flows.updateDraft(params.id, { definition, name: definition.name });
    noteAudit(ctx, {
      target: { type: 'flow', id: saved.id, name: saved.name },
      changes: flowChanges(before.definition, definition),
    });
    services.flowCache.invalidate(params.id);
    return saved;
  });

  route(API.deleteFlow).handle(async ({ params }, ctx) => {
    const existing = await store.flows.get(params.id);
    if (existing) noteAudit(ctx, { target: { type: 'flow', id: existing.id, name: existing.name } });
    const deleted = await store.flows.delete(params.id);
    services.flowCache.invalidate(params.id);
    if (!deleted) throw new HttpProblem(404, 'flow_not_found', `There is no flow with id "${params.id}".`);
    await services.triggers?.refresh(params.id);
    return undefined;
  });

  route(API.validateFlow).handle(async ({ params }) => {
    const flow = await flowOr404(params.id);
    return { problems: await everyProblem(services, flow.definition) };
  });

  route(API.publishFlow).handle(async ({ params }, ctx) => {
    const flow = await flowOr404(params.id);
    noteAudit(ctx, { target: { type: 'flow', id: flow.id, name: flow.name } });
    const definition = await validDefinition(services, flow.definition, '/definition');
    await refuseUnready(services, definition, '/definition');
    const version = await store.flows.publish(flow.id);
    const previous =
      flow.activeVersion === undefined ? undefined : await store.flows.getVersion(flow.id, flow.activeVersion);
    noteAudit(ctx, {
      changes: { version: version.version, diff: flowChanges(previous?.definition, definition) },
    });
    services.flowCache.invalidate(flow.id);
    await services.triggers?.refresh(flow.id);
    return version;
  });

  route(API.listVersions).handle(async ({ params }) => {
    await flowOr404(params.id);
    return { items: await store.flows.listVersions(params.id) };
  });

  for (const [contract, active] of [
    [API.activateFlow, true],
    [API.deactivateFlow, false],
  ] as const) {
    route(contract).handle(async ({ params }, ctx) => {
      const flow = await flowOr404(params.id);
      noteAudit(ctx, {
        target: { type: 'flow', id: flow.id, name: flow.name },
        changes: { active: { from: flow.active, to: active } },
      });
      if (active && flow.activeVersion === undefined) {
        throw new HttpProblem(409, 'not_published', 'Publish the flow before activating it.');
      }
      // What goes live is the published version; its connections may have been deleted since it was published.
      const live = active ? await store.flows.getVersion(flow.id, flow.activeVersion!) : undefined;
      if (live) await refuseUnready(services, live.definition, '/definition');
      const updated = await store.flows.setActive(flow.id, { active });
      services.flowCache.invalidate(flow.id);
      await services.triggers?.refresh(flow.id);
      return updated;
    });
  }

  route(API.testFlow).handle(async ({ params, body }, ctx) => {
    const flow = await flowOr404(params.id);
    noteAudit(ctx, { target: { type: 'flow', id: flow.id, name: flow.name } });
    await validDefinition(services, flow.definition, '/definition');
    // A test run executes the draft: no flowVersion pinned.
    const run = await store.runs.create({
      flowId: flow.id,
      triggerKind: 'test',
      input: body.input ?? null,
      draft: true,
    });
    wake();
    noteAudit(ctx, { changes: { runId: run.id } });
    return { runId: run.id };
  });

  // The editor sends its unsaved draft as `definition`: a step can be tested while other steps are incomplete.
  route(API.testStep).handle(async ({ params, body }) => {
    const flow = await flowOr404(params.id);
    const definition = body.definition ?? flow.definition;
    const node = definition.steps.find((s) => s.id === params.nodeId);
    if (!node) throw new HttpProblem(404, 'node_not_found', `Flow ${flow.id} has no step "${params.nodeId}".`);
    return testStep(services, definition, node, body.input);
  });

  return router;
}

function summary(flow: {
  id: string;
  name: string;
  active: boolean;
  activeVersion?: number;
  updatedAt: number;
  definition: FlowDefinition;
}) {
  return {
    id: flow.id,
    name: flow.name,
    active: flow.active,
    activeVersion: flow.activeVersion ?? null,
    updatedAt: flow.updatedAt,
    trigger: flow.definition.trigger.connector,
  };
}

/** Every independent problem of a definition at once, and the definition when there are none. */
async function checked(services: Services, input: unknown): Promise<{ flow?: FlowDefinition; problems: Problem[] }> {
  const result = validateFlow(input, { catalog: services.catalog });
  const scripts = await checkFlowScripts(input, services.sandbox);
  if (result.ok) return scripts.length ? { problems: scripts } : { flow: result.flow, problems: [] };
  // A spot validation already flagged is not reported twice.
  const flagged = new Set(result.problems.map((p) => p.pointer));
  return { problems: [...result.problems, ...scripts.filter((p) => !flagged.has(p.pointer))] };
}

/** What stops a definition from being saved, or else what stops it from being published ("valid" = publishable). */
async function everyProblem(services: Services, input: unknown): Promise<Problem[]> {
  const { flow, problems } = await checked(services, input);
  return flow ? readinessOf(services, flow) : problems;
}

/** The definition when valid; otherwise a 422 listing every problem (pointers relative to the body). */
export async function validDefinition(services: Services, input: unknown, prefix: string): Promise<FlowDefinition> {
  const { flow, problems } = await checked(services, input);
  if (flow) return flow;
  throw new WeftError(
    'invalid_flow',
    `The flow has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0]?.message}${problems.length > 1 ? ' (and more)' : ''}.`,
    { fault: 'user', details: { problems: problems.map((p) => ({ ...p, pointer: prefix + p.pointer })) } },
  );
}

/** Accepts `{ "definition": {...} }` or the definition itself as the body. */
function definitionFrom(services: Services, body: object): Promise<FlowDefinition> {
  const wrapped = 'definition' in body;
  return validDefinition(services, wrapped ? body.definition : body, wrapped ? '/definition' : '');
}
