// Liveness and readiness: unauthenticated by design.
import Router from '@koa/router';
import type { Services } from '../context.js';

export function healthRoutes({ store }: Services): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const health = await store.health();
    ctx.status = health.ok ? 200 : 503;
    ctx.body = health.ok
      ? { status: 'ready', database: health.dialect, migrations: health.migrations.applied.length }
      : { status: 'not ready', database: health.dialect, detail: health.error };
  });
  return router;
}
