// The sync node's settings checks: what a JSON Schema cannot say, each problem with the pointer of the field
// to fix, so the node panel can show it there.
import { expect, it } from 'vitest';
import { syncConfigProblems } from './sync-node-config.js';

const upsert = { use: 'db@1.upsert', recordsParam: 'rows' };
const source = { use: 'http@1.request', itemsPath: 'body.data', sinceParam: 'query.since' };

it('accepts a complete incremental sync, a full one with a diff, and pushed records', () => {
  expect(syncConfigProblems({ mode: 'incremental', keyField: 'id', cursorField: 'updatedAt', source, upsert })).toEqual(
    [],
  );
  const remove = { use: 'db@1.query', idsParam: 'params.0' };
  const ids = { use: 'db@1.query', itemsPath: 'rows' };
  expect(syncConfigProblems({ mode: 'full', keyField: 'id', source, upsert, delete: remove, ids })).toEqual([]);
  expect(syncConfigProblems({ mode: 'reconcile', keyField: 'id', source, upsert, delete: remove, ids })).toEqual([]);
  expect(syncConfigProblems({ keyField: 'id', records: '{{ trigger.body.items }}', upsert })).toEqual([]);
});

it('says what an incremental sync lacks: a cursor and where the source takes it', () => {
  const problems = syncConfigProblems({
    mode: 'incremental',
    keyField: 'id',
    source: { use: 'x@1.list', itemsPath: 'items' },
    upsert,
  });
  expect(problems.map((p) => p.pointer)).toEqual(['/cursorField', '/source/sinceParam']);
  // An opaque cursor from the source's output stands in for the cursor field.
  expect(
    syncConfigProblems({ keyField: 'id', source: { ...source, cursorPath: 'body.token' }, upsert }).map(
      (p) => p.pointer,
    ),
  ).toEqual([]);
});

it('needs a source (or records), a page parameter for paged sources, and a delete action for deletions', () => {
  expect(syncConfigProblems({ mode: 'full', keyField: 'id', upsert }).map((p) => p.pointer)).toEqual(['/source']);
  expect(
    syncConfigProblems({ mode: 'full', keyField: 'id', source: { ...source, nextPagePath: 'body.next' }, upsert }).map(
      (p) => p.pointer,
    ),
  ).toEqual(['/source/pageParam']);
  expect(
    syncConfigProblems({ keyField: 'id', cursorField: 'u', deletedField: 'deleted', source, upsert }).map(
      (p) => p.pointer,
    ),
  ).toEqual(['/delete']);
  expect(syncConfigProblems({ mode: 'reconcile', keyField: 'id', source, upsert }).map((p) => p.pointer)).toEqual([
    '/ids',
  ]);
});

it('refuses pushed records outside an incremental pass and a sync calling another sync', () => {
  expect(syncConfigProblems({ mode: 'full', keyField: 'id', records: [], upsert }).map((p) => p.pointer)).toEqual([
    '/records',
  ]);
  expect(
    syncConfigProblems({ mode: 'full', keyField: 'id', source: { ...source, use: 'sync@1.records' }, upsert }).map(
      (p) => p.pointer,
    ),
  ).toEqual(['/source/use']);
});
