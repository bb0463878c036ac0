// The audit trail of requests, written in one place. The route wrapper (http/route.ts) opens a request's entry
// when a route that AUDIT_RULES names is matched (before the role check, so refusals are recorded too);
// handlers add what only they know (the target's name, a flow diff, a role change) with `noteAudit`; and
// `auditTrail`, around every router, writes the entry once the request is done: exactly one per request, success
// or failure (with the problem code). What goes in is chosen by handlers from what they already answer: never a
// request body, so never a secret value, password or token.
import { API, auditRuleOf, type AuditRule, type RouteContract, type RouteName } from '@weft/core/contract';
import { WeftError } from '@weft/core';
import type { AuditRecord, Store } from '@weft/store';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Principal } from '../auth/roles.js';
import { requestIdOf } from '../http/request-id.js';

export interface AuditNote {
  /** Replaces the action (e.g. a sign-in that failed). */
  action?: string;
  actor?: AuditRecord['actor'];
  target?: AuditRecord['target'];
  changes?: unknown;
}

interface Open {
  rule: Extract<AuditRule, { action: string }>;
  principal: Principal | undefined;
  params: Record<string, string>;
  note: AuditNote;
}

const open = new WeakMap<Context, Open>();
const names = new Map<RouteContract, RouteName>(
  (Object.entries(API) as [RouteName, RouteContract][]).map(([name, route]) => [route, name]),
);

/** The audit rule of a route as declared in the contract (undefined for reads and exempt routes). */
export function auditedAction(contract: RouteContract): Extract<AuditRule, { action: string }> | undefined {
  const name = names.get(contract);
  const rule = name && auditRuleOf(name);
  return rule && 'action' in rule ? rule : undefined;
}

/** Called by the route wrapper when an audited route matched. */
export function openAudit(
  ctx: Context,
  rule: Extract<AuditRule, { action: string }>,
  principal: Principal | undefined,
): void {
  open.set(ctx, { rule, principal, params: { ...(ctx.params as Record<string, string>) }, note: {} });
}

/** Adds to this request's audit entry (later notes win field by field). */
export function noteAudit(ctx: Context, note: AuditNote): void {
  const entry = open.get(ctx);
  if (entry) entry.note = { ...entry.note, ...note };
}

/** Writes the entry a matched audited route opened, once the request is done. */
export function auditTrail(store: Pick<Store, 'audit'>, logger: Logger, now: () => number = Date.now): Middleware {
  return async (ctx, next) => {
    let failure: unknown;
    try {
      await next();
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      const entry = open.get(ctx);
      if (entry) {
        open.delete(ctx);
        const failed = failure !== undefined || ctx.status >= 400;
        const record = recordOf(ctx, entry, failed ? codeOf(failure, ctx.status) : undefined, now());
        await store.audit.record(record).catch((error: unknown) => {
          logger.error({ err: error, action: record.action }, 'audit entry could not be written');
        });
      }
    }
  };
}

function recordOf(ctx: Context, entry: Open, error: string | undefined, at: number): AuditRecord {
  const { rule, principal, params, note } = entry;
  const action = note.action ?? (error !== undefined && rule.failure ? rule.failure : rule.action);
  const actor: AuditRecord['actor'] =
    note.actor ??
    (principal
      ? {
          type: principal.via === 'token' ? 'token' : 'user',
          id: principal.userId,
          email: principal.email,
          ...(principal.tokenId ? { tokenId: principal.tokenId } : {}),
        }
      : { type: 'anonymous' });
  const targetId = params.id ?? params.flowId ?? params.connector;
  const record: AuditRecord = {
    at,
    actor,
    ip: ctx.ip,
    action,
    target: note.target ?? { type: action.split('.')[0]!, ...(targetId ? { id: targetId } : {}) },
    outcome: error === undefined ? 'success' : 'failure',
  };
  const requestId = requestIdOf(ctx);
  if (requestId) record.requestId = requestId;
  if (note.changes !== undefined) record.changes = note.changes;
  if (error !== undefined) record.error = error;
  return record;
}

function codeOf(failure: unknown, status: number): string {
  if (failure instanceof WeftError) return failure.code;
  if (failure === undefined) return `http_${status}`;
  const thrown = (failure as { status?: unknown }).status;
  return typeof thrown === 'number' && thrown >= 400 && thrown < 500 ? `http_${thrown}` : 'internal';
}
