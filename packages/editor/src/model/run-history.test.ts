import { describe, expect, it } from 'vitest';
import { visibleRuns } from './run-history.js';

describe('run history', () => {
  const runs = [
    { id: 'a', triggerKind: 'webhook' },
    { id: 'b', triggerKind: 'test' },
    { id: 'c', triggerKind: 'schedule' },
  ];

  it('keeps test runs out of production history, saying how many it hides', () => {
    expect(visibleRuns(runs, false)).toEqual({ shown: [runs[0], runs[2]], hiddenTests: 1 });
  });

  it('shows them on request', () => {
    expect(visibleRuns(runs, true).shown).toHaveLength(3);
  });
});
