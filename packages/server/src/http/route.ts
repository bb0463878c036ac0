// A route as the contract declares it (@weft/core/contract): mounted at its path on a secured or public router
// (which must match its declared access), its role checked, its params, query and body validated against its
// JSON Schemas (400 problem+json with a pointer for every problem), and its handler typed by them. The handler
// returns the success body; the status is the contract's, unless the handler answered by itself (a redirect, a
// page, a 503). A route that changes something opens its audit entry here (audit/audit-trail.ts).
import type Router from '@koa/router';
import type { Body, Params, Query, Reply, RouteContract } from '@weft/core/contract';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Context } from 'koa';
import { auditedAction, openAudit } from '../audit/audit-trail.js';
import { requireRole, type Principal } from '../auth/roles.js';
import { principalOf } from './auth.js';
import { readJson } from './body.js';
import { HttpProblem } from './problem.js';
import { isPublicRouter } from './routers.js';

export interface RouteInput<R extends RouteContract> {
  params: Params<R>;
  query: Query<R>;
  body: Body<R>;
  /** The caller; routes whose access is 'public' have none. */
  principal: R['access'] extends 'public' ? undefined : Principal;
}

export type RouteHandler<R extends RouteContract> = (
  input: RouteInput<R>,
  ctx: Context,
) => Promise<Reply<R> | undefined> | Reply<R> | undefined;

// Params and query arrive as strings: coerced to the declared types. Bodies are JSON: checked as they are.
const strings = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true });
const json = new Ajv2020({ allErrors: true, strict: false });

/**
 * Adds routes to `router`, reading bodies up to `bodyLimit` bytes: `route(API.getFlow).handle(...)` (two steps, so
 * that the handler is typed by the route rather than the route inferred from the handler).
 */
export function routesOn(router: Router, bodyLimit: number) {
  return <R extends RouteContract>(contract: R) => ({
    handle: (handler: RouteHandler<R>): void => add(router, bodyLimit, contract, handler),
  });
}

function add<R extends RouteContract>(router: Router, bodyLimit: number, contract: R, handler: RouteHandler<R>) {
  if ((contract.access === 'public') !== isPublicRouter(router)) {
    throw new Error(`${contract.method} ${contract.path} is ${contract.access} but its router is not.`);
  }
  const check = {
    params: contract.params && strings.compile(contract.params),
    query: contract.query && strings.compile(contract.query),
    body: contract.body && json.compile(contract.body),
  };
  const status = Number(Object.keys(contract.responses)[0]);
  const audited = auditedAction(contract);
  router[contract.method](koaPath(contract.path), async (ctx) => {
    const principal = principalOf(ctx);
    // Opened before the role check: refused attempts are recorded too (audit/audit-trail.ts writes the entry).
    if (audited) openAudit(ctx, audited, principal);
    if (contract.access !== 'public') requireRole(principal, contract.access);
    const params = valid(check.params, { ...ctx.params }, '/params', 'invalid_params');
    const query = valid(check.query, queryOf(ctx), '/query', 'invalid_query');
    let body: unknown = {};
    if (check.body) {
      const raw = await readJson(ctx, bodyLimit);
      if (raw !== undefined || !contract.bodyOptional) body = valid(check.body, raw, '', 'invalid_body');
    }
    const input = { params, query, body, principal };
    // The shapes were just checked against the schemas these types are inferred from.
    const reply = await handler(input as RouteInput<R>, ctx);
    if (reply === undefined && ctx.body !== undefined && ctx.body !== null) return;
    ctx.status = status;
    if (reply !== undefined) ctx.body = reply;
  });
}

type InputProblemCode = 'invalid_params' | 'invalid_query' | 'invalid_body';

function valid(check: ValidateFunction | undefined, value: unknown, prefix: string, code: InputProblemCode): unknown {
  if (!check) return {};
  if (check(value)) return value;
  const problems = (check.errors ?? []).map((error) => problemOf(error, prefix, code));
  const first = problems[0]!;
  const what = code === 'invalid_body' ? 'request body' : code === 'invalid_query' ? 'query' : 'path';
  throw new HttpProblem(
    400,
    code,
    `The ${what} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${first.message}.`,
    { pointer: first.pointer, problems },
  );
}

function problemOf(error: ErrorObject, prefix: string, code: string) {
  const params: Record<string, unknown> = error.params;
  const extra = params.missingProperty ?? params.additionalProperty;
  const pointer = prefix + error.instancePath + (typeof extra === 'string' ? `/${escape(extra)}` : '');
  const allowed = Array.isArray(params.allowedValues) ? ` (${params.allowedValues.join(', ')})` : '';
  return { code, pointer, message: `${pointer || 'the body'} ${error.message ?? 'is not valid'}${allowed}` };
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The first value of each query parameter (a repeated one is checked as its list). */
function queryOf(ctx: Context): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(ctx.query).flatMap(([name, value]) => (value === undefined ? [] : [[name, value]])),
  );
}

const koaPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
