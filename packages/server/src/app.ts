// The Koa application: a composition of small middleware and routers.
import Koa from 'koa';
import type { Services } from './context.js';
import { auditTrail } from './audit/audit-trail.js';
import { canonicalPath } from './http/canonical-path.js';
import { requestId } from './http/request-id.js';
import { corsAllowList } from './http/cors.js';
import { editorStatic } from './http/editor-static.js';
import { problemMiddleware } from './http/problem.js';
import { mount } from './http/routers.js';
import { metricsEndpoint } from './metrics/endpoint.js';
import { alertRoutes } from './routes/alerts.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes, loginRoutes } from './routes/auth.js';
import { userLinkRoutes } from './routes/user-links.js';
import { userRoutes } from './routes/users.js';
import { credentialRoutes } from './routes/credentials.js';
import { deadLetterRoutes } from './routes/dead-letters.js';
import { errorCatalogueRoutes } from './routes/errors.js';
import { oauthCallbackRoutes, oauthRoutes } from './routes/oauth.js';
import { connectorRoutes } from './routes/connectors.js';
import { flowFileRoutes } from './routes/flow-files.js';
import { flowRoutes } from './routes/flows.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { healthRoutes } from './routes/health.js';
import { hookIngress } from './routes/hooks.js';
import { openApiRoutes } from './routes/openapi.js';
import { runReplayRoutes } from './routes/run-replay.js';
import { operationsRoutes } from './routes/operations.js';
import { runRoutes } from './routes/runs.js';

export interface AppOptions {
  /** Folder of the editor's production build; the editor is not served when absent. */
  editorDir?: string;
  corsOrigins?: readonly string[];
  /** A worker process: only the liveness and readiness probes (no API, webhooks or editor). */
  probesOnly?: boolean;
}

export function createApp(services: Services, options: AppOptions = {}): Koa {
  const app = new Koa({ proxy: false });
  app.silent = true;
  app.use(requestId());
  app.use(problemMiddleware(services.logger));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    await next();
  });
  app.use(canonicalPath());
  app.use(metricsEndpoint(services.telemetry, services.metricsToken));
  if (options.probesOnly) {
    mount(app, healthRoutes(services));
    return app;
  }
  app.use(corsAllowList(options.corsOrigins ?? []));
  // Writes the one audit entry of each request to a route that changes something (opened by http/route.ts).
  app.use(auditTrail(services.store, services.logger));
  app.use(hookIngress(services));
  if (options.editorDir) app.use(editorStatic(options.editorDir));
  // Each router authenticates its own routes (http/routers.ts): there is no path-prefix check to get around.
  mount(app, healthRoutes(services), openApiRoutes(), errorCatalogueRoutes(), loginRoutes(services));
  mount(app, authRoutes(services), flowRoutes(services), runRoutes(services), connectorRoutes(services));
  mount(app, flowFileRoutes(services), runReplayRoutes(services), deliveryRoutes(services));
  mount(app, operationsRoutes(services), deadLetterRoutes(services), alertRoutes(services));
  mount(app, userRoutes(services), userLinkRoutes(services), auditRoutes(services));
  if (services.platform) {
    const { platform, store } = services;
    mount(app, credentialRoutes(services, platform), oauthCallbackRoutes(platform), oauthRoutes(store, platform));
  }
  return app;
}
