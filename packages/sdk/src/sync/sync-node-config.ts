// The settings of the `sync@1.records` flow node, as data: the JSON Schema the editor's node panel renders (no
// code to write), and the checks a schema cannot say (an incremental pass needs a cursor field, deletions need
// a delete action...), reported with JSON pointers so the publish check and the run share one wording.
import type { FromSchema } from '../define/json-schema.js';

const path = (title: string, description: string) =>
  ({ type: 'string', minLength: 1, maxLength: 200, title, description }) as const;

const actionCall = <const E extends Record<string, object>, const R extends readonly string[]>(
  title: string,
  description: string,
  extra: E,
  required: R,
) =>
  ({
    type: 'object',
    title,
    description,
    required: ['use', ...required] as const,
    properties: {
      use: { type: 'string', minLength: 1, description: 'The action to call, e.g. http@1.request' },
      credential: {
        type: 'string',
        'x-credential': true,
        description: 'The connection the action uses, when it needs one',
      },
      config: {
        type: 'object',
        additionalProperties: true,
        description: 'The action’s settings; the sync fills in what it adds',
      },
      ...extra,
    },
  }) as const;

export const syncNodeInput = {
  type: 'object',
  required: ['mode', 'keyField', 'upsert'],
  properties: {
    name: {
      type: 'string',
      maxLength: 200,
      title: 'Sync name',
      description: 'The name of its sync logs (default: the step id)',
    },
    mode: {
      enum: ['full', 'incremental', 'reconcile'],
      default: 'incremental',
      description:
        'full: every record, then deletes what is gone (with "ids"); incremental: changes since the saved ' +
        'cursor, tombstones deleted; reconcile: a full listing that deletes what is gone and keeps the cursor',
    },
    keyField: path('Key field', 'The field that identifies a record, e.g. id'),
    cursorField: path(
      'Cursor field',
      'The change stamp of a record (updated-since), e.g. updatedAt: the cursor is the newest',
    ),
    deletedField: path('Deleted field', 'A tombstone: a record where this field is true was deleted at the source'),
    maxPages: {
      type: 'integer',
      title: 'Pages per pass',
      minimum: 1,
      maximum: 10000,
      default: 100,
      description: 'Pages per pass',
    },
    records: {
      type: 'array',
      title: 'Pushed records',
      items: { type: 'object' },
      description: 'Records pushed to the flow (a webhook’s body): applied as they are, the source is not called',
    },
    source: actionCall(
      'Source',
      'The action that lists records, one page per call',
      {
        itemsPath: path('Items path', 'Where the records are in its output, e.g. body.data'),
        nextPagePath: path('Next page path', 'Where its output names the next page, e.g. body.next_cursor'),
        pageParam: path('Page parameter', 'Where the next page goes in its settings, e.g. query.cursor'),
        sinceParam: path(
          'Cursor parameter',
          'Where the cursor goes in its settings on an incremental pass, e.g. query.updated_since',
        ),
        cursorPath: path(
          'Cursor path',
          'An opaque change cursor in its output (a sync token), used instead of the cursor field',
        ),
      },
      ['itemsPath'],
    ),
    upsert: actionCall(
      'Upsert',
      'The action that writes live records',
      {
        recordsParam: path('Records parameter', 'Where the records go in its settings, e.g. rows'),
        fields: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description:
            'Renames: target field → record field (e.g. updated_at → updatedAt); absent: records as they are',
        },
        set: { type: 'object', description: 'Values every written record gets, e.g. { "deleted_at": null }' },
        createdPath: path('Created count path', 'Where its output counts created records (default: created)'),
        updatedPath: path('Updated count path', 'Where its output counts updated records (default: updated)'),
      },
      ['recordsParam'],
    ),
    delete: actionCall(
      'Delete',
      'The action that deletes (or marks deleted) records by id',
      {
        idsParam: path('Ids parameter', 'Where the ids go in its settings, e.g. params.0'),
        countPath: path(
          'Deleted count path',
          'Where its output counts deleted records, e.g. rowCount (default: every id)',
        ),
      },
      ['idsParam'],
    ),
    ids: actionCall(
      'Target ids',
      'The action that lists every id the target holds (deletions by diffing)',
      {
        itemsPath: path('Items path', 'Where the ids (or records) are in its output, e.g. rows'),
        idField: path('Id field', 'The id of each item when items are records (default: the key field)'),
      },
      ['itemsPath'],
    ),
  },
} as const;

export type SyncNodeConfig = FromSchema<typeof syncNodeInput>;

export interface SyncConfigProblem {
  /** JSON pointer into the node's config. */
  pointer: string;
  message: string;
}

type Loose = Record<string, unknown>;
const objectAt = (value: unknown): Loose | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;

/** What the schema cannot check; `config` may be anything (a draft being edited). */
export function syncConfigProblems(config: unknown): SyncConfigProblem[] {
  const c = objectAt(config) ?? {};
  const source = objectAt(c.source);
  const mode = c.mode ?? 'incremental';
  const problems: SyncConfigProblem[] = [];
  const need = (pointer: string, message: string) => problems.push({ pointer, message });
  const pushed = c.records !== undefined;
  if (!source && !pushed) need('/source', 'Choose the source action that lists the records (or give "records")');
  if (pushed && mode !== 'incremental') need('/records', 'Pushed records are applied by an incremental pass only');
  if (mode === 'incremental' && !pushed && source) {
    if (c.cursorField === undefined && source.cursorPath === undefined)
      need('/cursorField', 'An incremental sync needs the cursor field (or the source’s cursor path)');
    if (source.sinceParam === undefined)
      need('/source/sinceParam', 'An incremental sync needs to know where the source takes the cursor');
  }
  if (source?.nextPagePath !== undefined && source.pageParam === undefined)
    need('/source/pageParam', 'A source with pages needs to know where the next page goes');
  if (mode === 'reconcile' && c.ids === undefined)
    need('/ids', 'A reconcile pass needs the action that lists the target’s ids');
  const deletes = c.deletedField !== undefined || c.ids !== undefined;
  if (deletes && c.delete === undefined) need('/delete', 'Deletions need the action that deletes records');
  for (const key of ['source', 'upsert', 'delete', 'ids']) {
    const use = objectAt(c[key])?.use;
    if (typeof use === 'string' && use.startsWith('sync@'))
      need(`/${key}/use`, 'A sync cannot call another sync: choose the action that reads or writes the records');
  }
  return problems;
}
