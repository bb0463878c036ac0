import { describe, expect, it } from 'vitest';
import { diffVersions, isEmptyDiff } from './version-diff.js';
import type { FlowDefinition } from './flow-types.js';
import { linearFlow } from './test-flows.js';

describe('version diff', () => {
  it('lists steps added, removed and changed (with their fields) and edges added or removed', () => {
    const before = linearFlow();
    const [first, ...rest] = before.steps;
    const after: FlowDefinition = {
      ...before,
      steps: [
        { ...first!, name: 'Renamed', config: { ...first!.config, extra: 1 } },
        { id: 'new', use: 'delay', config: { ms: 5 } },
      ],
      edges: [...before.edges.filter((e) => e.to !== rest[0]?.id), { from: first!.id, to: 'new' }],
      layout: { moved: { x: 9, y: 9 } },
    };
    const diff = diffVersions(before, after);
    expect(diff.added).toEqual(['new']);
    expect(diff.removed).toEqual(rest.map((s) => s.id));
    expect(diff.changed).toEqual([{ id: first!.id, fields: ['config.extra', 'name'] }]);
    expect(diff.edgesAdded).toEqual([`${first!.id} → new`]);
    expect(diff.edgesRemoved.length).toBeGreaterThan(0);
  });

  it('sees no change when only the layout moved', () => {
    const flow = linearFlow();
    expect(isEmptyDiff(diffVersions(flow, { ...flow, layout: { x: { x: 1, y: 1 } } }))).toBe(true);
  });
});
