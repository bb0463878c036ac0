// Test runs (from "Test flow" and "Test step") are kept apart from production history: the run list shows what
// triggers started unless people ask to see the tests too.

export function visibleRuns<R extends { triggerKind: string }>(
  runs: readonly R[],
  showTests: boolean,
): { shown: R[]; hiddenTests: number } {
  if (showTests) return { shown: [...runs], hiddenTests: 0 };
  const shown = runs.filter((r) => r.triggerKind !== 'test');
  return { shown, hiddenTests: runs.length - shown.length };
}
