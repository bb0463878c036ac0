// `GET /metrics`: the Prometheus exposition, for a scraper holding the metrics token (WEFT_METRICS_TOKEN, sent
// as `Authorization: Bearer …`). Without a configured token the endpoint is off and answers 404, like any path
// that is not a route: metrics name flows and connectors, so they are never public by default. The token is
// its own secret, not an API token: a scraper gets no access to the API.
import { timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { HttpProblem } from '../http/problem.js';
import type { Telemetry } from './telemetry.js';

export const METRICS_PATH = '/metrics';

export function metricsEndpoint(telemetry: Telemetry | undefined, token: string | undefined): Middleware {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return async (ctx, next) => {
    if (ctx.path !== METRICS_PATH) return next();
    if (!telemetry || !expected) throw new HttpProblem(404, 'not_found', 'No route matches this path.');
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      throw new HttpProblem(405, 'method_not_allowed', `/metrics answers GET, not ${ctx.method}.`);
    }
    const given = Buffer.from(ctx.get('authorization'));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      ctx.set('WWW-Authenticate', 'Bearer realm="weft-metrics"');
      throw new HttpProblem(
        401,
        'unauthenticated',
        'The metrics endpoint needs the metrics token (WEFT_METRICS_TOKEN).',
      );
    }
    const { contentType, body } = await telemetry.scrape();
    ctx.set('Cache-Control', 'no-store');
    ctx.type = contentType;
    ctx.body = body;
  };
}
