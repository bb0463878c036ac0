// What an acknowledged write survives: the settings the store runs with, read from its own connections.
import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore } from './test-support.js';

describe.each(DIALECTS)('durability on %s', (dialect) => {
  test('commits are flushed to disk before they return (no acknowledged write lost on power failure)', async () => {
    const { store } = await openTestStore(dialect);
    const durability = await store.durability();
    expect(durability.durable).toBe(true);
    if (dialect === 'sqlite') {
      expect(durability.settings).toEqual({ journal_mode: 'wal', synchronous: 'full' });
    } else {
      expect(['on', 'local', 'remote_write', 'remote_apply']).toContain(durability.settings.synchronous_commit);
      expect(durability.settings.fsync).toBe('on');
    }
  });
});
