// The audit log, read-only: filtered pages newest first, and one entry. Nothing here (or anywhere in the API)
// changes or deletes an entry; retention removes old ones by WEFT_AUDIT_RETENTION_DAYS.
import { API, type Reply } from '@weft/core/contract';
import type { JsonValue } from '@weft/core';
import type { AuditRow } from '@weft/store';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

type AuditEntryDto = Reply<'getAuditEntry'>;

export function auditEntryDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: {
      type: row.actor.type,
      id: row.actor.id ?? null,
      email: row.actor.email ?? null,
      ...(row.actor.tokenId ? { tokenId: row.actor.tokenId } : {}),
    },
    ip: row.ip ?? null,
    requestId: row.requestId ?? null,
    action: row.action,
    target: { type: row.target.type, id: row.target.id ?? null, name: row.target.name ?? null },
    changes: (row.changes ?? null) as JsonValue,
    outcome: row.outcome,
    error: row.error ?? null,
  };
}

/** ISO date or epoch milliseconds (the contract's pattern) as epoch milliseconds. */
function moment(value: string, name: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new HttpProblem(400, 'invalid_query', `/query/${name} is not a date.`, { pointer: `/query/${name}` });
  }
  return ms;
}

export function auditRoutes({ store, config }: Services) {
  const router = securedRouter(store);
  const route = routesOn(router, config.bodyLimit);

  route(API.listAudit).handle(async ({ query }) => {
    const page = await store.audit.list({
      limit: query.limit ?? 50,
      ...(query.actor === undefined ? {} : { actor: query.actor }),
      ...(query.action === undefined ? {} : { action: query.action }),
      ...(query.targetType === undefined ? {} : { targetType: query.targetType }),
      ...(query.targetId === undefined ? {} : { targetId: query.targetId }),
      ...(query.since === undefined ? {} : { since: moment(query.since, 'since') }),
      ...(query.until === undefined ? {} : { until: moment(query.until, 'until') }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return { items: page.items.map(auditEntryDto), nextCursor: page.nextCursor ?? null };
  });

  route(API.getAuditEntry).handle(async ({ params }) => {
    const entry = await store.audit.get(params.id);
    if (!entry) throw new HttpProblem(404, 'audit_entry_not_found', `There is no audit entry with id "${params.id}".`);
    return auditEntryDto(entry);
  });

  return router;
}
