// Every request gets an id: the caller's X-Request-Id when it is a short plain token, else a new one. It is
// answered in X-Request-Id and recorded with the request's audit entry, so a report can be matched to both.
import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from 'koa';

const ids = new WeakMap<Context, string>();
const PLAIN = /^[\w.:-]{1,100}$/;

export function requestIdOf(ctx: Context): string | undefined {
  return ids.get(ctx);
}

export function requestId(): Middleware {
  return async (ctx, next) => {
    const given = ctx.get('x-request-id');
    const id = PLAIN.test(given) ? given : randomUUID();
    ids.set(ctx, id);
    ctx.set('X-Request-Id', id);
    await next();
  };
}
