// RFC 9457 problem details: the one place where errors become HTTP responses.
import {
  ERROR_CATALOGUE,
  ERROR_DOCS_PATH,
  WeftError,
  errorEntry,
  isErrorCode,
  type ErrorCode,
  type Problem,
  type StatusOf,
} from '@weft/core';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';

/** Problem `type`s are `/errors#<code>`: the catalogue page this server serves (routes/errors.ts). */
export function problemType(code: string): string {
  return `${ERROR_DOCS_PATH}#${code}`;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The catalogued code, also the anchor of `type`. */
  code: string;
  instance?: string;
  problems?: Problem[];
  [extension: string]: unknown;
}

/**
 * A WeftError that answers with its catalogued status. The status is repeated at the throw site so a reader
 * sees it, and must be the catalogue's (the compiler checks it: `new HttpProblem(404, 'flow_not_found', …)`).
 */
export class HttpProblem<C extends ErrorCode = ErrorCode> extends WeftError {
  override readonly code: C;

  constructor(
    readonly status: StatusOf<C>,
    code: C,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(code, detail);
    this.name = 'HttpProblem';
    this.code = code;
  }
}

/** Errors that carry only a status (Koa's http-errors, the router, raw-body) get these generic codes. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'headers_too_large',
};

const FAULT_STATUS = { user: 400, upstream: 502, system: 500 } as const;
const UNEXPECTED = 'An unexpected error occurred; it has been logged.';

export function problemFor(error: unknown): { body: ProblemBody; expected: boolean } {
  if (error instanceof HttpProblem) {
    return {
      body: makeBody(error.status, error.code, error.detail, error.extensions),
      expected: error.status < 500,
    };
  }
  if (error instanceof WeftError) {
    // A connector's own code (`stripe_customer_deleted`) answers as its kind (`connector_not_found`) and links there.
    const kind = error.details?.kind;
    const listed = isErrorCode(error.code)
      ? error.code
      : typeof kind === 'string' && isErrorCode(`connector_${snake(kind)}`)
        ? (`connector_${snake(kind)}` as ErrorCode)
        : undefined;
    const status = listed ? ERROR_CATALOGUE[listed].status : FAULT_STATUS[error.fault];
    const extensions: Record<string, unknown> = {};
    if (error.pointer) extensions.pointer = error.pointer;
    if (error.details?.problems) extensions.problems = error.details.problems;
    const detail = status >= 500 && error.fault === 'system' ? UNEXPECTED : error.message;
    const body = makeBody(status, error.code, detail, extensions);
    if (listed !== error.code) {
      body.type = listed ? problemType(listed) : ERROR_DOCS_PATH;
      body.title = listed ? ERROR_CATALOGUE[listed].title : 'The operation failed';
    }
    return { body, expected: status < 500 };
  }
  // http-errors thrown by Koa, @koa/router (405) and raw-body (413, 400).
  const status = field(error, 'status') ?? field(error, 'statusCode');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const detail =
      field(error, 'type') === 'entity.too.large'
        ? `The request body is larger than the limit of ${String(field(error, 'limit'))} bytes.`
        : String(field(error, 'message') ?? 'The request failed.');
    return { body: makeBody(status, codeForStatus(status), detail), expected: true };
  }
  return { body: makeBody(500, 'internal', UNEXPECTED), expected: false };
}

/** A property of a thrown value, which may be anything (http-errors carry status, type, limit and headers). */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

export function codeForStatus(status: number): ErrorCode {
  return CODE_BY_STATUS[status] ?? 'bad_request';
}

function snake(kind: string): string {
  return kind.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The problem body for `code`; its title comes from the catalogue. */
export function makeBody(
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  const title = errorEntry(code)?.title ?? 'Error';
  return { type: problemType(code), title, status, detail, ...extensions, code };
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
      const allow = field(field(error, 'headers'), 'Allow');
      if (typeof allow === 'string' && allow) ctx.set('Allow', allow);
      sendProblem(ctx, body);
    }
  };
}
