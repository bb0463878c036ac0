// Liveness and readiness: unauthenticated by design.
import type { Services } from '../context.js';
import { publicRouter } from '../http/routers.js';

export function healthRoutes({ store, condition, sandboxHealth }: Services) {
  const router = publicRouter();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const health = await store.health();
    if (condition.degraded) {
      ctx.status = 503;
      ctx.body = { status: 'not ready', detail: condition.degraded };
      return;
    }
    const sandbox = sandboxHealth?.();
    if (sandbox && !sandbox.ok) {
      ctx.status = 503;
      ctx.body = { status: 'not ready', detail: sandbox.detail ?? 'the sandbox cannot serve evaluations' };
      return;
    }
    ctx.status = health.ok ? 200 : 503;
    ctx.body = health.ok
      ? { status: 'ready', database: health.dialect, migrations: health.migrations.applied.length }
      : { status: 'not ready', database: health.dialect, detail: health.error };
  });
  return router;
}
