// Runs API: list with filters and cursor pagination, details with the first page of steps, steps and logs a
// page at a time, retry, cancel.
import { API } from '@weft/core/contract';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

/** Steps in a run's detail; the rest through GET /api/runs/{id}/steps. */
export const FIRST_STEP_PAGE = 200;
const LOG_PAGE = 1000;

export function runRoutes(services: Services) {
  const { store, worker } = services;
  const router = securedRouter(store);
  const route = routesOn(router, services.config.bodyLimit);

  const runOr404 = async (id: string) => {
    const run = await store.runs.get(id);
    if (!run) throw new HttpProblem(404, 'run_not_found', `There is no run with id "${id}".`);
    return run;
  };

  route(API.listRuns).handle(async ({ query: q }) => {
    const time = (name: 'since' | 'until') => {
      const raw = q[name];
      if (raw === undefined) return undefined;
      const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
      if (Number.isNaN(ms))
        throw new HttpProblem(400, 'invalid_query', `${name} must be an ISO date or epoch milliseconds.`, {
          pointer: `/query/${name}`,
        });
      return ms;
    };
    const query: Parameters<typeof store.runs.list>[0] = {};
    if (q.flow) query.flowId = q.flow;
    if (q.status) query.status = q.status;
    const since = time('since');
    const until = time('until');
    if (since !== undefined) query.since = since;
    if (until !== undefined) query.until = until;
    if (q.limit !== undefined) query.limit = q.limit;
    if (q.cursor) query.cursor = q.cursor;
    // Test runs (of the draft) stay out of production history unless asked for.
    query.tests = q.tests === '1';
    return store.runs.list(query);
  });

  route(API.getRun).handle(async ({ params }) => {
    const run = await runOr404(params.id);
    // Payloads over the inline limit show as a marker with a preview (the engine reads them whole). Steps come
    // a page at a time (a 100,000-item forEach has as many step rows): the first page here, then /steps.
    const [page, stepCount, children] = await Promise.all([
      store.runPages.steps(run.id, { limit: FIRST_STEP_PAGE }),
      store.runPages.stepCount(run.id),
      store.runs.listChildren(run.id),
    ]);
    return {
      ...run,
      steps: page.items,
      stepCount,
      ...(page.nextCursor === undefined ? {} : { stepsCursor: page.nextCursor }),
      // Subflow runs this run started (each links back with `parentRunId`).
      children: children.map((child) => ({
        id: child.id,
        flowId: child.flowId,
        flowVersion: child.flowVersion,
        parentStep: child.parentStep,
        status: child.status,
        createdAt: child.createdAt,
        endedAt: child.endedAt,
      })),
    };
  });

  route(API.runSteps).handle(async ({ params, query }) => {
    await runOr404(params.id);
    return store.runPages.steps(params.id, {
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
  });

  route(API.runLogs).handle(async ({ params, query }) => {
    await runOr404(params.id);
    const limit = query.limit ?? LOG_PAGE;
    // One more than asked says whether another page follows.
    const rows = await store.logs.list(params.id, {
      limit: limit + 1,
      ...(query.cursor === undefined ? {} : { afterId: Number(query.cursor) }),
    });
    const items = rows.slice(0, limit);
    const more = rows.length > limit;
    return {
      items,
      ...(more ? { nextCursor: String(items.at(-1)!.id) } : {}),
    };
  });

  route(API.cancelRun).handle(async ({ params }) => {
    const run = await runOr404(params.id);
    const cancelled = await store.runs.cancel(run.id);
    if (!cancelled) throw new HttpProblem(409, 'run_finished', `Run ${run.id} already finished (${run.status}).`);
    worker.abort(run.id);
    return { runId: run.id, status: 'cancelled' };
  });

  route(API.retryRun).handle(async ({ params, body }) => {
    const run = await runOr404(params.id);
    if (run.status !== 'failed' && run.status !== 'cancelled') {
      throw new HttpProblem(
        409,
        'run_not_failed',
        `Only failed or cancelled runs can be retried; run ${run.id} is ${run.status}.`,
      );
    }
    const retry = await store.runs.retry(run.id, { version: body.version ?? 'original' });
    services.wake();
    return { runId: retry.id, retryOf: run.id };
  });

  return router;
}
