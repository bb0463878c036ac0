// Dead letters: runs that failed for good, listed with their errors, and retried in bulk once the cause is fixed.
// Each retry is the usual one (from the failed step, with the same input); a retried run leaves the list, and its
// retry joins it if that fails too.
import { API } from '@weft/core/contract';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

const BULK_DEFAULT = 100;

export function deadLetterRoutes(services: Services) {
  const { store } = services;
  const router = securedRouter(store);
  const route = routesOn(router, services.config.bodyLimit);

  route(API.deadLetters).handle(({ query }) =>
    store.deadLetters.list({
      ...(query.flow === undefined ? {} : { flowId: query.flow }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    }),
  );

  route(API.retryDeadLetters).handle(async ({ body }) => {
    if (body.runIds === undefined && body.flow === undefined)
      throw new HttpProblem(400, 'invalid_body', 'Name the dead letters to retry: `runIds`, or a `flow`.', {
        pointer: '/body',
      });
    const candidates =
      body.runIds ??
      (await store.deadLetters.list({ flowId: body.flow!, limit: body.limit ?? BULK_DEFAULT })).items.map((r) => r.id);
    const retried: { runId: string; retryOf: string }[] = [];
    const skipped: string[] = [];
    for (const runId of candidates) {
      // Checked and retried in one transaction each: a run someone retried meanwhile is skipped (on PostgreSQL two
      // bulk retries racing on the same run could still both retry it; each retry is an ordinary run).
      const retry = await store.transaction(async (tx) =>
        (await tx.deadLetters.isDeadLetter(runId)) ? tx.runs.retry(runId) : undefined,
      );
      if (retry) retried.push({ runId: retry.id, retryOf: runId });
      else skipped.push(runId);
    }
    if (retried.length > 0) services.wake();
    services.logger.info({ retried: retried.length, skipped: skipped.length }, 'dead letters retried');
    return { retried, skipped };
  });

  return router;
}
