// Flows API: drafts, validation, publish (immutable versions), activation, test runs.
import {
  checkFlowScripts,
  validateFlow,
  WeftError,
  type FlowDefinition,
  type JsonValue,
  type Problem,
} from '@weft/core';
import type { Context } from 'koa';
import type { Services } from '../context.js';
import { readJsonObject } from '../http/body.js';
import { writeNeeds } from '../auth/roles.js';
import { HttpProblem } from '../http/problem.js';
import { securedRouter } from '../http/routers.js';
import { testStep } from '../runs/step-test.js';

export function flowRoutes(services: Services) {
  const { store, worker } = services;
  const router = securedRouter(store);
  router.use(writeNeeds('editor'));

  const flowOr404 = async (id: string) => {
    const flow = await store.flows.get(id);
    if (!flow) throw new HttpProblem(404, 'flow_not_found', `There is no flow with id "${id}".`);
    return flow;
  };

  router.get('/api/flows', async (ctx) => {
    const flows = await store.flows.list();
    ctx.body = {
      items: await Promise.all(
        flows.map(async (flow) => {
          const last = (await store.runs.list({ flowId: flow.id, limit: 1 })).items[0];
          return {
            ...summary(flow),
            lastRun: last ? { id: last.id, status: last.status, createdAt: last.createdAt } : null,
          };
        }),
      ),
    };
  });

  router.post('/api/flows', async (ctx) => {
    const definition = await definitionFromBody(ctx, services);
    const flow = await store.flows.create({ definition });
    ctx.status = 201;
    ctx.set('Location', `/api/flows/${flow.id}`);
    ctx.body = flow;
  });

  router.post('/api/flows/validate', async (ctx) => {
    const body = await readJsonObject(ctx, services.config.bodyLimit);
    const wrapped = 'definition' in body;
    const problems = await problemsOf(services, wrapped ? body.definition : body);
    ctx.body = { problems: wrapped ? problems.map((p) => ({ ...p, pointer: `/definition${p.pointer}` })) : problems };
  });

  router.get('/api/flows/:id', async (ctx) => {
    ctx.body = await flowOr404(ctx.params.id!);
  });

  router.put('/api/flows/:id', async (ctx) => {
    await flowOr404(ctx.params.id!);
    const definition = await definitionFromBody(ctx, services);
    ctx.body = await store.flows.updateDraft(ctx.params.id!, { definition, name: definition.name });
  });

  router.delete('/api/flows/:id', async (ctx) => {
    if (!(await store.flows.delete(ctx.params.id!)))
      throw new HttpProblem(404, 'flow_not_found', `There is no flow with id "${ctx.params.id}".`);
    await services.triggers?.refresh(ctx.params.id!);
    ctx.status = 204;
  });

  router.post('/api/flows/:id/validate', async (ctx) => {
    const flow = await flowOr404(ctx.params.id!);
    ctx.body = { problems: await problemsOf(services, flow.definition) };
  });

  router.post('/api/flows/:id/publish', async (ctx) => {
    const flow = await flowOr404(ctx.params.id!);
    await validDefinition(services, flow.definition, '/definition');
    const version = await store.flows.publish(flow.id);
    await services.triggers?.refresh(flow.id);
    ctx.status = 201;
    ctx.body = version;
  });

  router.get('/api/flows/:id/versions', async (ctx) => {
    await flowOr404(ctx.params.id!);
    ctx.body = { items: await store.flows.listVersions(ctx.params.id!) };
  });

  for (const [action, active] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    router.post(`/api/flows/:id/${action}`, async (ctx) => {
      const flow = await flowOr404(ctx.params.id!);
      if (active && flow.activeVersion === undefined) {
        throw new HttpProblem(409, 'not_published', 'Publish the flow before activating it.');
      }
      ctx.body = await store.flows.setActive(flow.id, { active });
      await services.triggers?.refresh(flow.id);
    });
  }

  router.post('/api/flows/:id/test', async (ctx) => {
    const flow = await flowOr404(ctx.params.id!);
    await validDefinition(services, flow.definition, '/definition');
    const body = await readJsonObject(ctx, services.config.bodyLimit).catch((error: unknown) => {
      if (error instanceof HttpProblem && error.code === 'body_not_object') return {} as Record<string, unknown>;
      throw error;
    });
    // A test run executes the draft: no flowVersion pinned.
    const run = await store.runs.create({
      flowId: flow.id,
      triggerKind: 'test',
      input: (body.input ?? null) as JsonValue,
      draft: true,
    });
    worker.wake();
    ctx.status = 202;
    ctx.body = { runId: run.id };
  });

  // The editor sends its unsaved draft as `definition`: a step can be tested while other steps are incomplete.
  router.post('/api/flows/:id/steps/:nodeId/test', async (ctx) => {
    const flow = await flowOr404(ctx.params.id!);
    const body = await readJsonObject(ctx, services.config.bodyLimit);
    const definition = body.definition === undefined ? flow.definition : draftShape(body.definition);
    const node = definition.steps.find((s) => s.id === ctx.params.nodeId);
    if (!node) throw new HttpProblem(404, 'node_not_found', `Flow ${flow.id} has no step "${ctx.params.nodeId}".`);
    ctx.body = await testStep(services, definition, node, body.input);
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

export async function problemsOf(services: Services, input: unknown): Promise<Problem[]> {
  const result = validateFlow(input, { catalog: services.catalog });
  const scripts = await checkFlowScripts(input, services.sandbox);
  if (result.ok) return scripts;
  // Every independent problem at once; a spot validation already flagged is not reported twice.
  const flagged = new Set(result.problems.map((p) => p.pointer));
  return [...result.problems, ...scripts.filter((p) => !flagged.has(p.pointer))];
}

/** The definition when valid; otherwise a 422 listing every problem (pointers relative to the body). */
async function validDefinition(services: Services, input: unknown, prefix: string): Promise<FlowDefinition> {
  const problems = await problemsOf(services, input);
  if (problems.length) {
    throw new WeftError(
      'invalid_flow',
      `The flow has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0]!.message}${problems.length > 1 ? ' (and more)' : ''}.`,
      {
        fault: 'user',
        details: { problems: problems.map((p) => ({ ...p, pointer: prefix + p.pointer })) as never },
      },
    );
  }
  return input as FlowDefinition;
}

/** Just enough of a definition to test one step: a trigger and a list of steps with ids and kinds. */
function draftShape(value: unknown): FlowDefinition {
  const draft = value as Partial<FlowDefinition> | null;
  const ok =
    typeof draft === 'object' &&
    draft !== null &&
    typeof draft.trigger?.id === 'string' &&
    Array.isArray(draft.steps) &&
    draft.steps.every((s) => typeof s?.id === 'string' && typeof s.use === 'string');
  if (!ok)
    throw new HttpProblem(400, 'invalid_body', '"definition" must have a trigger and steps with "id" and "use".', {
      pointer: '/definition',
    });
  return draft as FlowDefinition;
}

/** Accepts `{ "definition": {...} }` or the definition itself as the body. */
async function definitionFromBody(ctx: Context, services: Services): Promise<FlowDefinition> {
  const body = await readJsonObject(ctx, services.config.bodyLimit);
  const wrapped = 'definition' in body;
  return validDefinition(services, wrapped ? body.definition : body, wrapped ? '/definition' : '');
}
