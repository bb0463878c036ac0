// The `sync` connector: data sync as a flow node (`sync@1.records`), built on runSync. It calls other installed
// actions — a source that lists records a page at a time, an upsert, a delete and a list of the target's ids —
// so a flow builder configures a full, incremental or reconcile pass without writing cursor logic. The cursor
// is kept per flow and node by the runtime (SyncStateStore); every pass leaves a sync log through ctx.sync.
import type { ActionContext, ActionResolver, JsonObject, JsonValue } from '@weft/core';
import { defineAction } from '../define/action.js';
import { defineConnector } from '../define/connector.js';
import { ConnectorError } from '../errors.js';
import { readPath, writePath } from './field-path.js';
import { syncConfigProblems, syncNodeInput, type SyncNodeConfig } from './sync-node-config.js';
import type { SyncPage, SyncTarget } from './sync.js';

/** Which run and node a cursor belongs to: the runtime keys it by the run's flow and the node. */
export interface SyncStateKey {
  runId: string;
  nodeId: string;
}

/** Where sync nodes keep their cursors between passes (the server: its database, per flow and node). */
export interface SyncStateStore {
  read(key: SyncStateKey): Promise<string | undefined>;
  write(key: SyncStateKey, cursor: string): Promise<void>;
}

/** Cursors in this process only (the CLI's one-off runs, tests). */
export function createMemorySyncStateStore(): SyncStateStore {
  const cursors = new Map<string, string>();
  return {
    read: async (key) => cursors.get(key.nodeId),
    write: async (key, cursor) => void cursors.set(key.nodeId, cursor),
  };
}

type Record_ = Record<string, JsonValue>;
type Call = { use: string; credential?: string | undefined };

const syncOutput = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    mode: { enum: ['full', 'incremental', 'reconcile'] },
    cursorBefore: { type: 'string' },
    cursorAfter: { type: 'string' },
    complete: { type: 'boolean' },
    pages: { type: 'integer' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    deleted: { type: 'integer' },
    failed: { type: 'integer' },
  },
} as const;

const count = (output: unknown, path: string | undefined): number | undefined => {
  const value = path ? readPath(output, path) : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

export function createSyncConnector(deps: { actions: ActionResolver; state: SyncStateStore }) {
  const records = defineAction({
    key: 'records',
    title: 'Sync records',
    description: 'Full, incremental or reconcile sync from a source action into upsert and delete actions',
    input: syncNodeInput,
    output: syncOutput,
    async run(ctx) {
      const config = ctx.input;
      const problems = syncConfigProblems(config);
      if (problems.length) {
        throw new ConnectorError({
          kind: 'validation',
          message: problems.map((p) => `${p.pointer}: ${p.message}`).join('; '),
          details: { problems: problems.map((p) => ({ ...p })) },
        });
      }
      let calls = 0;
      let failure: unknown;
      const call = async (role: string, spec: Call, input: JsonObject): Promise<unknown> => {
        const handler = deps.actions.resolve(spec.use);
        if (!handler)
          throw new ConnectorError({ kind: 'validation', message: `No installed connector provides "${spec.use}"` });
        const context: ActionContext = {
          runId: ctx.runId,
          nodeId: ctx.nodeId,
          input,
          credentialId: spec.credential,
          idempotencyKey: `${ctx.idempotencyKey}:${role}:${++calls}`,
          attempt: ctx.attempt,
          signal: ctx.signal,
          log: ctx.log,
        };
        try {
          return await handler(context);
        } catch (error) {
          failure ??= error;
          throw error;
        }
      };
      const key = { runId: ctx.runId, nodeId: ctx.nodeId };
      const cursor = await deps.state.read(key);
      const log = await ctx.sync<Record_>(
        config.name || ctx.nodeId,
        { fetch: (request) => fetchPage(config, call, request) },
        target(config, call),
        {
          mode: config.mode ?? 'incremental',
          idOf: (item) => text(readPath(item, config.keyField)) ?? '',
          stampOf: (item) => (config.cursorField ? text(readPath(item, config.cursorField)) : undefined),
          isDeleted: (item) => (config.deletedField ? readPath(item, config.deletedField) === true : false),
          ...(cursor === undefined ? {} : { cursor }),
          maxPages: config.maxPages ?? 100,
        },
      );
      // Applied pages are kept even when a later one failed: the next pass goes on from there.
      if (log.cursorAfter !== undefined && log.cursorAfter !== cursor) await deps.state.write(key, log.cursorAfter);
      if (log.error !== undefined) throw failure ?? new ConnectorError({ kind: 'upstream', message: log.error });
      const { error: _error, startedAt: _s, finishedAt: _f, ...summary } = log;
      return { name: config.name || ctx.nodeId, ...summary };
    },
  });
  return defineConnector({
    name: 'sync',
    version: '1.0.0',
    title: 'Sync',
    description: 'Data sync as a step: full, incremental (cursor or updated-since) and reconcile passes',
    icon: '🔄',
    categories: ['Data'],
    auth: { kind: 'none' },
    actions: [records],
  });
}

type Caller = (role: string, spec: Call, input: JsonObject) => Promise<unknown>;

async function fetchPage(
  config: SyncNodeConfig,
  call: Caller,
  request: { since: string | undefined; cursor: string | undefined },
): Promise<SyncPage<Record_>> {
  if (config.records) return { items: config.records as Record_[] };
  const source = config.source!;
  let input: JsonObject = (source.config as JsonObject | undefined) ?? {};
  if (request.since !== undefined && source.sinceParam)
    input = writePath(input, source.sinceParam, request.since) as JsonObject;
  if (request.cursor !== undefined && source.pageParam)
    input = writePath(input, source.pageParam, request.cursor) as JsonObject;
  const output = await call('source', source, input);
  const items = readPath(output, source.itemsPath);
  if (!Array.isArray(items)) {
    throw new ConnectorError({
      kind: 'validation',
      message: `The source's output has no list at "${source.itemsPath}"`,
    });
  }
  const next = source.nextPagePath ? text(readPath(output, source.nextPagePath)) : undefined;
  const syncCursor = source.cursorPath ? text(readPath(output, source.cursorPath)) : undefined;
  return {
    items: items.filter((item): item is Record_ => !!item && typeof item === 'object' && !Array.isArray(item)),
    // A source that names the page it was just asked for again would never end.
    ...(next !== undefined && next !== request.cursor ? { nextCursor: next } : {}),
    ...(syncCursor === undefined ? {} : { syncCursor }),
  };
}

function target(config: SyncNodeConfig, call: Caller): SyncTarget<Record_> {
  const { upsert, delete: remove, ids } = config;
  const shape = (item: Record_): JsonObject => {
    const fields = upsert.fields as Record<string, string> | undefined;
    const row: JsonObject = fields
      ? Object.fromEntries(
          Object.entries(fields).map(([to, from]) => [to, (readPath(item, from) as JsonValue) ?? null]),
        )
      : { ...item };
    return { ...row, ...((upsert.set as JsonObject | undefined) ?? {}) };
  };
  return {
    async upsert(items) {
      const input = writePath(upsert.config ?? {}, upsert.recordsParam, items.map(shape)) as JsonObject;
      const output = await call('upsert', upsert, input);
      const created = count(output, upsert.createdPath ?? 'created');
      const updated = count(output, upsert.updatedPath ?? 'updated');
      if (created === undefined && updated === undefined) return { created: 0, updated: items.length };
      return { created: created ?? 0, updated: updated ?? items.length - (created ?? 0) };
    },
    async remove(idList) {
      if (!remove) return 0;
      const output = await call(
        'delete',
        remove,
        writePath(remove.config ?? {}, remove.idsParam, idList) as JsonObject,
      );
      return count(output, remove.countPath) ?? idList.length;
    },
    ...(ids
      ? {
          async ids() {
            const output = await call('ids', ids, (ids.config as JsonObject | undefined) ?? {});
            const items = readPath(output, ids.itemsPath);
            if (!Array.isArray(items))
              throw new ConnectorError({
                kind: 'validation',
                message: `The ids action's output has no list at "${ids.itemsPath}"`,
              });
            const field = ids.idField ?? config.keyField;
            return items
              .map((item) => text(typeof item === 'object' ? readPath(item, field) : item))
              .filter((id) => id !== undefined);
          },
        }
      : {}),
  };
}
