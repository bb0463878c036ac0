// The shipped examples still load under the publish check: the ones switched on have no problem at all, and the
// ones that wait for a person lack nothing but their connections (a saved flow may have problems; a live one not).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXAMPLES_DIR, startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime({ examplesDir: EXAMPLES_DIR });
});
afterAll(() => weft?.close());

it('switched-on examples are ready to publish; the others only wait for their connections', async () => {
  const { items } = (await (await weft.api('/api/flows')).json()) as { items: { id: string; active: boolean }[] };
  expect(items.length).toBeGreaterThanOrEqual(5);
  for (const flow of items) {
    const response = await weft.api(`/api/flows/${flow.id}/validate`, { method: 'POST' });
    const { problems } = (await response.json()) as { problems: { code: string }[] };
    if (flow.active) expect(problems, flow.id).toEqual([]);
    else expect(new Set(problems.map((p) => p.code)), flow.id).toEqual(new Set(['missing_connection']));
  }
  const waiting = items.find((f) => !f.active)!;
  const refused = await weft.api(`/api/flows/${waiting.id}/activate`, { method: 'POST' });
  expect(refused.status).toBe(422);
});
