// RFC 9457 problem details: the one place where errors become HTTP responses.
import { WeftError, type Problem } from '@weft/core';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';

export const PROBLEM_TYPE_BASE = 'https://weft.dev/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  problems?: Problem[];
  [extension: string]: unknown;
}

/** An error that already knows its HTTP status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** WeftError codes with a status other than the default of their fault. */
const STATUS_BY_CODE: Record<string, number> = {
  not_found: 404,
  flow_not_found: 404,
  run_not_found: 404,
  flow_version_not_found: 404,
  conflict: 409,
  flow_exists: 409,
  user_exists: 409,
  flow_not_published: 409,
  invalid_flow: 422,
  store_unavailable: 503,
};

export function problemFor(error: unknown): { body: ProblemBody; expected: boolean } {
  if (error instanceof HttpProblem) {
    return { body: makeBody(error.status, error.code, error.detail, error.extensions), expected: error.status < 500 };
  }
  if (error instanceof WeftError) {
    const status =
      STATUS_BY_CODE[error.code] ?? (error.fault === 'user' ? 400 : error.fault === 'upstream' ? 502 : 500);
    const extensions: Record<string, unknown> = {};
    if (error.pointer) extensions.pointer = error.pointer;
    if (error.details?.problems) extensions.problems = error.details.problems;
    const detail =
      status >= 500 && error.fault === 'system' ? 'An unexpected error occurred; it has been logged.' : error.message;
    return { body: makeBody(status, error.code, detail, extensions), expected: status < 500 };
  }
  // http-errors thrown by Koa, @koa/router (405) and raw-body (413, 400).
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (error as { type?: unknown }).type;
    const detail =
      type === 'entity.too.large'
        ? `The request body is larger than the limit of ${(error as { limit?: number }).limit} bytes.`
        : (error as Error).message;
    return { body: makeBody(status, codeForStatus(status), detail), expected: true };
  }
  return { body: makeBody(500, 'internal', 'An unexpected error occurred; it has been logged.'), expected: false };
}

function codeForStatus(status: number): string {
  return (TITLES[status] ?? 'error').toLowerCase().replace(/ /g, '_');
}

function makeBody(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}): ProblemBody {
  return { type: PROBLEM_TYPE_BASE + code, title: TITLES[status] ?? 'Error', status, detail, ...extensions };
}

export function sendProblem(ctx: Context, body: ProblemBody): void {
  ctx.status = body.status;
  ctx.type = 'application/problem+json';
  ctx.body = { ...body, instance: ctx.path };
}

export function problemMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        sendProblem(ctx, makeBody(404, 'not_found', `No route matches ${ctx.method} ${ctx.path}.`));
      } else if (ctx.status >= 400 && (ctx.body === undefined || ctx.body === null)) {
        // A status set without a body (by a library) still answers as a problem.
        sendProblem(ctx, makeBody(ctx.status, codeForStatus(ctx.status), `${ctx.method} ${ctx.path} failed.`));
      }
    } catch (error) {
      const { body, expected } = problemFor(error);
      if (!expected) logger.error({ err: error, path: ctx.path, method: ctx.method }, 'request failed');
      const allow = (error as { headers?: Record<string, string> } | null)?.headers?.Allow;
      if (allow) ctx.set('Allow', allow);
      sendProblem(ctx, body);
    }
  };
}
