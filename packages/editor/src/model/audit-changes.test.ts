// An audit entry's changes as readable lines: flow diffs by step, connection and field; field pairs per field;
// anything else kept as raw JSON.
import { describe, expect, it } from 'vitest';
import { actionLabel, describeChanges, edgeLabel, fieldChanges, shortValue } from './audit-changes.js';

describe('audit changes', () => {
  it('reads a flow diff as steps, connections and fields', () => {
    const described = describeChanges({
      from: 2,
      to: 3,
      nodes: { added: ['notify'], removed: ['old'], changed: ['fetch'] },
      edges: { added: [{ from: 'fetch', to: 'notify', port: 'error' }], removed: [{ from: 'fetch', to: 'old' }] },
      fields: [
        { node: 'fetch', pointer: '/config/url', change: 'changed', before: 'https://a', after: 'https://b' },
        { pointer: '/name', change: 'changed', before: 'A', after: 'B' },
        { node: 'notify', pointer: '/retry', change: 'added', after: { attempts: 3 } },
      ],
    });
    expect(described.raw).toBeUndefined();
    expect(described.sections.map((s) => s.title)).toEqual(['Steps', 'Connections', 'Fields']);
    expect(described.sections[0]!.lines).toEqual([
      { kind: 'added', subject: 'notify' },
      { kind: 'removed', subject: 'old' },
      { kind: 'changed', subject: 'fetch' },
    ]);
    expect(described.sections[1]!.lines).toEqual([
      { kind: 'added', subject: 'fetch → notify (error)' },
      { kind: 'removed', subject: 'fetch → old' },
    ]);
    expect(described.sections[2]!.lines).toEqual([
      { kind: 'changed', subject: 'fetch: config.url', before: 'https://a', after: 'https://b' },
      { kind: 'changed', subject: 'name', before: 'A', after: 'B' },
      { kind: 'added', subject: 'notify: retry', after: '{"attempts":3}' },
    ]);
  });

  it('finds a flow diff under `diff`, beside the facts of the change, and leaves out empty sections', () => {
    const described = describeChanges({
      version: 3,
      diff: { nodes: { added: ['a'], removed: [], changed: [] }, edges: { added: [], removed: [] }, fields: [] },
    });
    expect(described.sections).toEqual([
      { title: 'Details', lines: [{ kind: 'detail', subject: 'version', after: '3' }] },
      { title: 'Steps', lines: [{ kind: 'added', subject: 'a' }] },
    ]);
  });

  it('titles the diffs of an import by flow', () => {
    const empty = { nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [] }, fields: [] };
    const described = describeChanges({
      dryRun: false,
      flows: [
        { id: 'f1', name: 'Orders', action: 'update', diff: { ...empty, nodes: { ...empty.nodes, changed: ['x'] } } },
        { id: 'f2', name: 'Same', action: 'unchanged' },
      ],
    });
    expect(described.sections.map((s) => s.title)).toEqual(['Details', 'Orders — Steps']);
    expect(described.sections[0]!.lines).toEqual([
      { kind: 'detail', subject: 'dryRun', after: 'false' },
      { kind: 'detail', subject: 'Orders', after: 'update' },
      { kind: 'detail', subject: 'Same', after: 'unchanged' },
    ]);
  });

  it('reads a before/after pair field by field', () => {
    const described = describeChanges({
      before: { role: 'editor', status: 'active' },
      after: { role: 'owner', status: 'active' },
    });
    expect(described.sections).toEqual([
      { title: 'Fields', lines: [{ kind: 'changed', subject: 'role', before: 'editor', after: 'owner' }] },
    ]);
  });

  it('reads a map of fields with from/to values', () => {
    const described = describeChanges({ role: { from: 'editor', to: 'viewer' }, status: { to: 'deactivated' } });
    expect(described.sections[0]!.lines).toEqual([
      { kind: 'changed', subject: 'role', before: 'editor', after: 'viewer' },
      { kind: 'added', subject: 'status', after: 'deactivated' },
    ]);
  });

  it('lists other facts as details', () => {
    expect(describeChanges({ connector: 'slack@1', kind: 'oauth2' }).sections).toEqual([
      {
        title: 'Details',
        lines: [
          { kind: 'detail', subject: 'connector', after: 'slack@1' },
          { kind: 'detail', subject: 'kind', after: 'oauth2' },
        ],
      },
    ]);
  });

  it('keeps changes of no known shape as raw JSON, and none as nothing', () => {
    expect(describeChanges({})).toEqual({ sections: [], raw: {} });
    expect(describeChanges('renamed')).toEqual({ sections: [], raw: 'renamed' });
    expect(describeChanges(['a'])).toEqual({ sections: [], raw: ['a'] });
    expect(describeChanges(null)).toEqual({ sections: [] });
  });

  it('walks nested objects and compares arrays whole', () => {
    expect(fieldChanges({ a: { b: 1, c: [1] } }, { a: { b: 1, c: [2] }, d: true })).toEqual([
      { kind: 'changed', subject: 'a.c', before: '[1]', after: '[2]' },
      { kind: 'added', subject: 'd', after: 'true' },
    ]);
  });

  it('keeps values to one short line', () => {
    expect(shortValue('x'.repeat(500))).toHaveLength(120);
    expect(shortValue(undefined)).toBe('—');
    expect(edgeLabel({ from: 'a', to: 'b', port: 'success' })).toBe('a → b');
  });

  it('names actions in words', () => {
    expect(actionLabel('user.role_changed')).toBe('User role changed');
    expect(actionLabel('')).toBe('');
  });
});
