// Flows as code, over HTTP: export every flow as a flow file, import flow files (a plan, applied unless a dry
// run), the diff between two versions of a flow, and restoring a version as the draft (or publishing it again).
// The `weft flows` commands call these routes, so the CLI and the editor share one path with one authorization.
import { diffFlows, flowFileProblems, type FlowDefinition, type FlowFile } from '@weft/core';
import { API } from '@weft/core/contract';
import { noteAudit } from '../audit/audit-trail.js';
import { flowChanges } from '../audit/flow-changes.js';
import type { Services } from '../context.js';
import { applyImport, planImport } from '../flow-files/flow-import.js';
import { exportFlows } from '../flow-files/flow-export.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';
import { validDefinition } from './flows.js';

/** Imports carry many flows: up to this many bytes, or the server's body limit when it is larger. */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

export function flowFileRoutes(services: Services) {
  const { store } = services;
  const router = securedRouter(store);
  const route = routesOn(router, services.config.bodyLimit);
  const importRoute = routesOn(router, Math.max(services.config.bodyLimit, IMPORT_BODY_LIMIT));

  route(API.exportFlows).handle(async () => ({ items: await exportFlows(store) }));

  importRoute(API.importFlows).handle(async ({ body }, ctx) => {
    const seen = new Set<string>();
    const files: FlowFile[] = [];
    for (const [index, file] of body.files.entries()) {
      const problem = flowFileProblems(file)[0];
      if (problem) {
        throw new HttpProblem(400, 'invalid_flow_file', `Flow file ${index} ${problem.message}.`, {
          pointer: `/files/${index}${problem.pointer}`,
        });
      }
      if (seen.has(file.id)) {
        throw new HttpProblem(400, 'invalid_flow_file', `Two flow files have the id "${file.id}".`, {
          pointer: `/files/${index}/id`,
        });
      }
      seen.add(file.id);
      // What is imported is what validation returns, not the request's objects.
      const checked: FlowFile = { ...file, published: null };
      if (file.published)
        checked.published = await validDefinition(services, file.published, `/files/${index}/published`);
      if (file.draft) checked.draft = await validDefinition(services, file.draft, `/files/${index}/draft`);
      files.push(checked);
    }
    const { plan, flows } = await planImport(store, files, body.credentials ?? {});
    const before = new Map(
      await Promise.all(files.map(async (file) => [file.id, (await store.flows.get(file.id))?.definition] as const)),
    );
    noteAudit(ctx, {
      target: { type: 'flow', name: `${files.length} flow file${files.length === 1 ? '' : 's'}` },
      changes: {
        dryRun: body.dryRun === true,
        flows: plan.flows.map((flow) => {
          const file = files.find((f) => f.id === flow.id);
          const after = file?.draft ?? file?.published ?? undefined;
          return {
            id: flow.id,
            name: flow.name,
            action: flow.action,
            changes: flow.changes,
            ...(after && flow.action !== 'unchanged' ? { diff: flowChanges(before.get(flow.id), after) } : {}),
          };
        }),
      },
    });
    if (body.dryRun) return plan;
    const touched = await store.transaction((tx) => applyImport(tx, flows));
    for (const id of touched) {
      services.flowCache.invalidate(id);
      await services.triggers?.refresh(id);
    }
    return { ...plan, applied: true };
  });

  const flowOr404 = async (id: string) => {
    const flow = await store.flows.get(id);
    if (!flow) throw new HttpProblem(404, 'flow_not_found', `There is no flow with id "${id}".`);
    return flow;
  };

  /** A version's definition, or the draft's. */
  const definitionAt = async (id: string, ref: string): Promise<FlowDefinition> => {
    if (ref === 'draft') return (await flowOr404(id)).definition;
    const version = await store.flows.getVersion(id, Number(ref));
    if (!version) {
      await flowOr404(id);
      throw new HttpProblem(404, 'flow_version_not_found', `Flow "${id}" has no version ${ref}.`);
    }
    return version.definition;
  };

  route(API.diffVersions).handle(async ({ params }) => {
    const [a, b] = await Promise.all([definitionAt(params.id, params.a), definitionAt(params.id, params.b)]);
    const versionRef = (ref: string) => (ref === 'draft' ? ref : Number(ref));
    return { from: versionRef(params.a), to: versionRef(params.b), ...diffFlows(a, b) };
  });

  route(API.restoreVersion).handle(async ({ params, body }, ctx) => {
    const definition = await definitionAt(params.id, String(params.version));
    const draft = await flowOr404(params.id);
    noteAudit(ctx, {
      target: { type: 'flow', id: draft.id, name: draft.name },
      changes: {
        version: params.version,
        publish: body.publish === true,
        diff: flowChanges(draft.definition, definition),
      },
    });
    // Connectors installed since (or removed) may make an old version invalid: it is checked like any draft.
    await validDefinition(services, definition, '');
    let flow = await store.flows.updateDraft(params.id, { definition, name: definition.name });
    if (body.publish) {
      await store.flows.publish(params.id);
      flow = (await store.flows.get(params.id)) ?? flow;
      await services.triggers?.refresh(params.id);
    }
    services.flowCache.invalidate(params.id);
    return flow;
  });

  return router;
}
