// The connector manifests for the editor palette.
import Router from '@koa/router';
import type { Services } from '../context.js';
import { builtinManifests } from '../builtin-connectors.js';

export function connectorRoutes(services: Services): Router {
  const router = new Router({ prefix: '/api/connectors' });
  router.get('/', (ctx) => {
    ctx.body = { items: [...builtinManifests, ...(services.manifests?.() ?? [])] };
  });
  return router;
}
