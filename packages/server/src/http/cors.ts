// CORS is closed by default; origins in the allow-list (WEFT_CORS_ORIGINS) may call the API with credentials.
import cors from '@koa/cors';
import type { Middleware } from 'koa';

export function corsAllowList(origins: readonly string[]): Middleware {
  if (origins.length === 0) return (_ctx, next) => next();
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => (allowed.has(ctx.get('origin')) ? ctx.get('origin') : ''),
    credentials: true,
    allowHeaders: ['authorization', 'content-type', 'x-weft-request'],
    exposeHeaders: ['x-weft-run-id', 'location'],
  });
}
