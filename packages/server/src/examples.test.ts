import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@weft/store';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinCatalog } from './builtin-connectors.js';
import { loadExamples } from './examples.js';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

const flow = (trigger: object) => ({
  schema: 'weft.flow/v1',
  name: 'x',
  trigger: { id: 't', ...trigger },
  steps: [],
  edges: [],
});

describe('loadExamples', () => {
  it('publishes valid examples, switches on webhook ones only, and skips broken files without failing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'weft-examples-'));
    const write = async (name: string, text: string) => {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'flow.json'), text);
    };
    await write('hook', JSON.stringify(flow({ connector: 'webhook@1', trigger: 'event' })));
    await write(
      'cron',
      JSON.stringify(flow({ connector: 'schedule@1', trigger: 'cron', config: { cron: '* * * * *' } })),
    );
    await write('broken', '{ "schema": ');
    await write('invalid', JSON.stringify({ schema: 'weft.flow/v1' }));
    const store = await openStore({ url: ':memory:' });
    try {
      const loaded = await loadExamples(store, dir, builtinCatalog, pino({ level: 'silent' }));
      expect(loaded).toEqual([
        { id: 'cron', active: false },
        { id: 'hook', active: true },
      ]);
      expect((await store.flows.get('cron'))?.activeVersion).toBe(1);
      // Loading again changes nothing: same versions, same switches.
      expect(await loadExamples(store, dir, builtinCatalog, pino({ level: 'silent' }))).toEqual(loaded);
      expect((await store.flows.listVersions('hook')).length).toBe(1);
    } finally {
      await store.close();
    }
  });
});
