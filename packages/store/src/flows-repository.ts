// Flows: a mutable draft per flow, immutable published versions (1, 2, ...), and which version triggers run.
import { WeftError } from '@weft/core';
import { sql } from 'kysely';
import type { FlowDefinition } from '@weft/core';
import { inTransaction } from './context.js';
import type { StoreContext } from './context.js';
import { newId } from './ids.js';
import type { FlowVersionsTable, FlowsTable } from './schema.js';

export interface FlowRow {
  id: string;
  name: string;
  /** The draft: what the editor shows and saves. Runs use a published version. */
  definition: FlowDefinition;
  /** The published version that triggers start; absent until the first publish. */
  activeVersion?: number;
  /** Whether triggers fire for this flow. */
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface FlowVersionRow {
  flowId: string;
  version: number;
  definition: FlowDefinition;
  createdAt: number;
}

export interface CreateFlowInput {
  /** Chosen by the caller (e.g. example flows with stable webhook URLs); generated when absent. */
  id?: string;
  /** Defaults to `definition.name`. */
  name?: string;
  definition: FlowDefinition;
}

export interface UpdateDraftInput {
  name?: string;
  definition?: FlowDefinition;
}

export interface SetActiveInput {
  active: boolean;
  /** Switch triggers to this published version (e.g. a rollback). Defaults to the current active version. */
  version?: number;
}

export interface FlowRepository {
  create(input: CreateFlowInput): Promise<FlowRow>;
  get(id: string): Promise<FlowRow | undefined>;
  /** All flows, oldest first. */
  list(): Promise<FlowRow[]>;
  updateDraft(id: string, changes: UpdateDraftInput): Promise<FlowRow>;
  /** Deletes the flow with its versions, runs and trigger state; false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /** Freezes the current draft as version n+1 and makes it the active version. */
  publish(id: string): Promise<FlowVersionRow>;
  getVersion(id: string, version: number): Promise<FlowVersionRow | undefined>;
  /** The version triggers start, when the flow is active and published (one query, for webhook ingress). */
  getLive(id: string): Promise<FlowVersionRow | undefined>;
  /** Newest first. */
  listVersions(id: string): Promise<FlowVersionRow[]>;
  setActive(id: string, input: SetActiveInput): Promise<FlowRow>;
}

export function createFlowRepository(ctx: StoreContext): FlowRepository {
  const { db } = ctx;

  async function get(id: string): Promise<FlowRow | undefined> {
    const row = await db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toFlowRow(row);
  }

  return {
    async create(input) {
      const now = ctx.now();
      const row: FlowsTable = {
        id: input.id ?? newId('flow', now),
        name: input.name ?? input.definition.name,
        definition: JSON.stringify(input.definition),
        active_version: null,
        active: 0,
        created_at: now,
        updated_at: now,
      };
      const inserted = await db
        .insertInto('flows')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) {
        throw new WeftError('flow_exists', `A flow with id "${row.id}" already exists.`, { fault: 'user' });
      }
      return toFlowRow(inserted);
    },

    get,

    async list() {
      const rows = await db.selectFrom('flows').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toFlowRow);
    },

    async updateDraft(id, changes) {
      const set: Partial<FlowsTable> = { updated_at: ctx.now() };
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.definition !== undefined) set.definition = JSON.stringify(changes.definition);
      const row = await db.updateTable('flows').set(set).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw flowNotFound(id);
      return toFlowRow(row);
    },

    async delete(id) {
      const result = await db.deleteFrom('flows').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    publish(id) {
      return inTransaction(ctx, async (tx) => {
        // Lock the flow row on PostgreSQL so concurrent publishes get consecutive numbers (SQLite already
        // holds the write lock for the whole transaction).
        const flow = await tx.db
          .selectFrom('flows')
          .select(['definition'])
          .where('id', '=', id)
          .$if(tx.dialect === 'postgres', (qb) => qb.forUpdate())
          .executeTakeFirst();
        if (!flow) throw flowNotFound(id);
        const last = await tx.db
          .selectFrom('flow_versions')
          .select((eb) => eb.fn.max('version').as('version'))
          .where('flow_id', '=', id)
          .executeTakeFirst();
        const now = tx.now();
        const version: FlowVersionsTable = {
          flow_id: id,
          version: Number(last?.version ?? 0) + 1,
          definition: flow.definition,
          created_at: now,
        };
        await tx.db.insertInto('flow_versions').values(version).execute();
        await tx.db
          .updateTable('flows')
          .set({ active_version: version.version, updated_at: now })
          .where('id', '=', id)
          .execute();
        return toVersionRow(version);
      });
    },

    async getVersion(id, version) {
      const row = await db
        .selectFrom('flow_versions')
        .selectAll()
        .where('flow_id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return row && toVersionRow(row);
    },

    async getLive(id) {
      const { rows } = await sql<FlowVersionsTable>`select v.flow_id, v.version, v.definition, v.created_at
        from flows f join flow_versions v on v.flow_id = f.id and v.version = f.active_version
        where f.id = ${id} and f.active = 1`.execute(db);
      return rows[0] && toVersionRow(rows[0]);
    },

    async listVersions(id) {
      const rows = await db
        .selectFrom('flow_versions')
        .selectAll()
        .where('flow_id', '=', id)
        .orderBy('version', 'desc')
        .execute();
      return rows.map(toVersionRow);
    },

    setActive(id, input) {
      return inTransaction(ctx, async (tx) => {
        const flow = await createFlowRepository(tx).get(id);
        if (!flow) throw flowNotFound(id);
        const version = input.version ?? flow.activeVersion;
        if (input.version !== undefined) {
          const exists = await tx.db
            .selectFrom('flow_versions')
            .select('version')
            .where('flow_id', '=', id)
            .where('version', '=', input.version)
            .executeTakeFirst();
          if (!exists) {
            throw new WeftError('flow_version_not_found', `Flow "${id}" has no version ${input.version}.`, {
              fault: 'user',
            });
          }
        }
        if (input.active && version === undefined) {
          throw new WeftError('flow_not_published', `Flow "${id}" has no published version to activate yet.`, {
            fault: 'user',
          });
        }
        const row = await tx.db
          .updateTable('flows')
          .set({ active: input.active ? 1 : 0, active_version: version ?? null, updated_at: tx.now() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toFlowRow(row);
      });
    },
  };
}

export function flowNotFound(id: string): WeftError {
  return new WeftError('flow_not_found', `Flow "${id}" does not exist.`, { fault: 'user', details: { flowId: id } });
}

function toFlowRow(row: FlowsTable): FlowRow {
  return {
    id: row.id,
    name: row.name,
    definition: JSON.parse(row.definition) as FlowDefinition,
    activeVersion: row.active_version ?? undefined,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toVersionRow(row: FlowVersionsTable): FlowVersionRow {
  return {
    flowId: row.flow_id,
    version: row.version,
    definition: JSON.parse(row.definition) as FlowDefinition,
    createdAt: row.created_at,
  };
}
