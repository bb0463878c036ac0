// Operations routes: connector health over the sliding window, the list of refused webhook deliveries, and
// the retention policy (with a pass on demand). Health and rejections describe this process (its requests, its ingress); absent telemetry (minimal setups) answers empty.
import type { JsonObject } from '@weft/core';
import { API, type SyncLogDto } from '@weft/core/contract';
import type { Services } from '../context.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';
import { HttpProblem } from '../http/problem.js';
import { DEGRADED_AT, DOWN_AT, HEALTH_WINDOW_MS } from '../metrics/connector-health.js';

export function operationsRoutes(services: Services) {
  const router = securedRouter(services.store);
  const route = routesOn(router, services.config.bodyLimit);
  const { telemetry } = services;
  route(API.connectorHealth).handle(
    () =>
      telemetry?.connectorHealth() ?? {
        windowMs: HEALTH_WINDOW_MS,
        thresholds: { degraded: DEGRADED_AT, down: DOWN_AT },
        items: [],
      },
  );
  route(API.webhookRejections).handle(({ query }) => ({
    items:
      telemetry?.rejections.list({
        ...(query.flow === undefined ? {} : { flowId: query.flow }),
        ...(query.reason === undefined ? {} : { reason: query.reason }),
        limit: query.limit ?? 100,
      }) ?? [],
  }));
  route(API.syncLogs).handle(async ({ query }) => ({
    items: (
      await services.store.syncLogs.list({
        ...(query.name === undefined ? {} : { name: query.name }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      })
    ).filter(isSyncLog),
  }));
  route(API.retention).handle(() => {
    const pruner = services.retention;
    if (!pruner) throw new HttpProblem(404, 'not_found', 'This process does not prune runs.');
    return {
      policy: pruner.policy,
      auditMaxAgeDays: pruner.auditMaxAgeDays,
      intervalMs: pruner.intervalMs,
      batchSize: pruner.batchSize,
      ...(pruner.last ? { lastPass: pruner.last } : {}),
    };
  });
  route(API.retentionPrune).handle(async () => {
    const pruner = services.retention;
    if (!pruner) throw new HttpProblem(404, 'not_found', 'This process does not prune runs.');
    return pruner.prune();
  });
  return router;
}

/** A stored sync log has the contract's shape (the SDK wrote it); anything else is left out. */
function isSyncLog(entry: JsonObject): entry is JsonObject & SyncLogDto {
  const text = (key: string) => typeof entry[key] === 'string';
  return (
    ['name', 'connector', 'action', 'runId', 'startedAt', 'finishedAt'].every(text) &&
    (entry.mode === 'full' || entry.mode === 'incremental') &&
    typeof entry.complete === 'boolean' &&
    typeof entry.pages === 'number'
  );
}
