// SQLite across real processes: migrations on a fresh file and claiming from one queue.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { openTestStore, sampleFlow } from './test-support.js';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./test-child.ts', import.meta.url));

async function spawnStore(
  url: string,
  mode: 'open' | 'claim',
  workerId = 'w',
): Promise<{ claimed: string[]; ok: boolean }> {
  const args = [
    '--experimental-transform-types',
    '--no-warnings',
    '--conditions',
    'weft-source',
    child,
    url,
    mode,
    workerId,
  ];
  const { stdout } = await run(process.execPath, args, { timeout: 15_000 });
  return JSON.parse(stdout) as { claimed: string[]; ok: boolean };
}

test('three processes opening a fresh SQLite file at once all migrate it without conflict', async () => {
  const { store, location } = await openTestStore('sqlite');
  await store.close();
  const fresh = location.replace(/weft\.db$/, 'fresh.db');
  const results = await Promise.all([1, 2, 3].map(() => spawnStore(fresh, 'open')));
  expect(results.every((r) => r.ok)).toBe(true);
});

test('three processes claiming from one SQLite queue never claim the same run', async () => {
  const { store, location } = await openTestStore('sqlite');
  const flow = await store.flows.create({ definition: sampleFlow() });
  const queued = new Set<string>();
  for (let i = 0; i < 30; i++) queued.add((await store.runs.create({ flowId: flow.id, triggerKind: 'manual' })).id);
  const results = await Promise.all(['a', 'b', 'c'].map((id) => spawnStore(location, 'claim', id)));
  const claimed = results.flatMap((r) => r.claimed);
  expect(claimed).toHaveLength(30);
  expect(new Set(claimed)).toEqual(queued);
});
