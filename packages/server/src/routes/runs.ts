// Runs API: list with filters and cursor pagination, details with steps, logs, retry, cancel.
import type { RunStatus } from '@weft/core';
import type { Services } from '../context.js';
import { writeNeeds } from '../auth/roles.js';
import { HttpProblem } from '../http/problem.js';
import { securedRouter } from '../http/routers.js';

const STATUSES: readonly RunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

export function runRoutes(services: Services) {
  const { store, worker } = services;
  const router = securedRouter(store);
  router.use(writeNeeds('operator'));

  const runOr404 = async (id: string) => {
    const run = await store.runs.get(id);
    if (!run) throw new HttpProblem(404, 'run_not_found', `There is no run with id "${id}".`);
    return run;
  };

  router.get('/api/runs', async (ctx) => {
    const q = ctx.query;
    const one = (name: string) => (typeof q[name] === 'string' ? (q[name] as string) : undefined);
    const status = one('status');
    if (status !== undefined && !STATUSES.includes(status as RunStatus)) {
      throw new HttpProblem(400, 'invalid_query', `status must be one of ${STATUSES.join(', ')}.`, {
        pointer: '/query/status',
      });
    }
    const time = (name: string) => {
      const raw = one(name);
      if (raw === undefined) return undefined;
      const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
      if (Number.isNaN(ms))
        throw new HttpProblem(400, 'invalid_query', `${name} must be an ISO date or epoch milliseconds.`, {
          pointer: `/query/${name}`,
        });
      return ms;
    };
    const limitRaw = one('limit');
    const limit = limitRaw === undefined ? undefined : Number(limitRaw);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500)) {
      throw new HttpProblem(400, 'invalid_query', 'limit must be an integer from 1 to 500.', {
        pointer: '/query/limit',
      });
    }
    const query: Parameters<typeof store.runs.list>[0] = {};
    if (one('flow')) query.flowId = one('flow')!;
    if (status) query.status = status as RunStatus;
    const since = time('since');
    const until = time('until');
    if (since !== undefined) query.since = since;
    if (until !== undefined) query.until = until;
    if (limit !== undefined) query.limit = limit;
    if (one('cursor')) query.cursor = one('cursor')!;
    ctx.body = await store.runs.list(query);
  });

  router.get('/api/runs/:id', async (ctx) => {
    const run = await runOr404(ctx.params.id!);
    // Payloads over the inline limit show as a marker with a preview (the engine reads them whole).
    const [steps, children] = await Promise.all([store.journal.listSteps(run.id), store.runs.listChildren(run.id)]);
    ctx.body = {
      ...run,
      steps: steps.sort((a, b) => a.startedAt - b.startedAt),
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

  router.get('/api/runs/:id/logs', async (ctx) => {
    await runOr404(ctx.params.id!);
    ctx.body = { items: await store.logs.list(ctx.params.id!) };
  });

  router.post('/api/runs/:id/cancel', async (ctx) => {
    const run = await runOr404(ctx.params.id!);
    const cancelled = await store.runs.cancel(run.id);
    if (!cancelled) throw new HttpProblem(409, 'run_finished', `Run ${run.id} already finished (${run.status}).`);
    worker.abort(run.id);
    ctx.status = 202;
    ctx.body = { runId: run.id, status: 'cancelled' };
  });

  router.post('/api/runs/:id/retry', async (ctx) => {
    const run = await runOr404(ctx.params.id!);
    if (run.status !== 'failed' && run.status !== 'cancelled') {
      throw new HttpProblem(
        409,
        'run_not_failed',
        `Only failed or cancelled runs can be retried; run ${run.id} is ${run.status}.`,
      );
    }
    const retry = await store.runs.retry(run.id);
    worker.wake();
    ctx.status = 202;
    ctx.body = { runId: retry.id, retryOf: run.id };
  });

  return router;
}
