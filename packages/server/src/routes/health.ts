// Liveness and readiness: unauthenticated by design.
import { API } from '@weft/core/contract';
import type { Services } from '../context.js';
import { routesOn } from '../http/route.js';
import { publicRouter } from '../http/routers.js';

export function healthRoutes({ store, condition, sandboxHealth, config }: Services) {
  const router = publicRouter();
  const route = routesOn(router, config.bodyLimit);
  route(API.liveness).handle(() => ({ status: 'ok' }));
  route(API.readiness).handle(async (_, ctx) => {
    if (condition.draining) {
      ctx.status = 503;
      ctx.body = { status: 'not ready', detail: 'draining: this process is stopping' };
      return undefined;
    }
    const health = await store.health();
    if (condition.degraded) {
      ctx.status = 503;
      ctx.body = { status: 'not ready', detail: condition.degraded };
      return undefined;
    }
    const sandbox = sandboxHealth?.();
    if (sandbox && !sandbox.ok) {
      ctx.status = 503;
      ctx.body = { status: 'not ready', detail: sandbox.detail ?? 'the sandbox cannot serve evaluations' };
      return undefined;
    }
    if (health.ok) return { status: 'ready', database: health.dialect, migrations: health.migrations.applied.length };
    ctx.status = 503;
    ctx.body = { status: 'not ready', database: health.dialect, detail: health.error };
    return undefined;
  });
  return router;
}
