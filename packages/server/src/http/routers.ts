// The only two ways to make a router, so that whether a route needs a signed-in caller is decided where the route
// is matched: a secured router runs authentication as its own first middleware (router.use runs only for a
// request one of its routes matched), and a public router runs none. Both match case-sensitively and strictly,
// like the canonical-path gate in front of them, so a path either is the route or is no route. Routes are written
// with their full path (no prefix: with a strict prefix a collection route would need a trailing slash).
import Router from '@koa/router';
import type { Store } from '@weft/store';
import type Koa from 'koa';
import { authenticate } from './auth.js';
import { HttpProblem } from './problem.js';

const MATCHING = { sensitive: true, strict: true } as const;
const PUBLIC = new WeakSet<Router>();

export function securedRouter(store: Store): Router {
  const router = new Router(MATCHING);
  router.use(authenticate(store));
  return router;
}

/** Routes anyone may call: health, the OpenAPI document, sign-in, the OAuth callback. */
export function publicRouter(): Router {
  const router = new Router(MATCHING);
  PUBLIC.add(router);
  return router;
}

/** Whether the router runs no authentication: route() checks it against the route's declared access. */
export const isPublicRouter = (router: Router): boolean => PUBLIC.has(router);

/**
 * Mounts routers with their method answers. @koa/router's own allowedMethods answers 501 for any method it does
 * not know (PROPFIND, TRACE), on every path, which reads as a server fault; here OPTIONS lists the methods of a
 * matched path and any other method the path lacks is 405 with Allow. Paths no route matches stay 404.
 */
export function mount(app: Koa, ...routers: Router[]): void {
  for (const router of routers) {
    app.use(router.routes()).use(async (ctx, next) => {
      await next();
      if (ctx.status !== 404 || (ctx.body !== undefined && ctx.body !== null)) return;
      const allowed = methodsAt(router, ctx.path);
      if (allowed.length === 0) return;
      ctx.set('Allow', allowed.join(', '));
      if (ctx.method === 'OPTIONS') {
        ctx.status = 204;
        return;
      }
      throw new HttpProblem(405, 'method_not_allowed', `${ctx.path} accepts ${allowed.join(', ')}, not ${ctx.method}.`);
    });
  }
}

function methodsAt(router: Router, path: string): string[] {
  const layers = router.stack.filter((layer) => layer.methods.length > 0 && layer.match(path));
  return [...new Set(layers.flatMap((layer) => layer.methods))];
}
