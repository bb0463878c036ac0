import type { JsonValue } from '@weft/core';
import { openStore, type Store } from '@weft/store';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Poller, type PollingSource } from './poller.js';
import { Scheduler } from './scheduler.js';

const logger = pino({ level: 'silent' });
let store: Store;

const flowWith = (trigger: object) => ({
  schema: 'weft.flow/v1' as const,
  name: 't',
  trigger: { id: 'tr', ...trigger } as never,
  steps: [],
  edges: [],
});

beforeEach(async () => {
  store = await openStore({ url: ':memory:' });
});
afterEach(() => store.close());

async function activeFlow(id: string, trigger: object) {
  await store.flows.create({ id, definition: flowWith(trigger) });
  await store.flows.publish(id);
  await store.flows.setActive(id, { active: true });
}

describe('Scheduler', () => {
  it('fires a scheduled time once, however many schedulers try', async () => {
    await activeFlow('cron', {
      connector: 'schedule@1',
      trigger: 'cron',
      config: { cron: '0 0 1 1 *', missed: 'skip' },
    });
    const a = new Scheduler({ store, logger, owner: 'a', onQueued: () => undefined });
    const b = new Scheduler({ store, logger, owner: 'b', onQueued: () => undefined });
    const at = Date.UTC(2026, 0, 1);
    const results = await Promise.all([a.fire('cron', at), b.fire('cron', at), a.fire('cron', at)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.runs.list({ flowId: 'cron' })).items).toHaveLength(1);
    expect(await b.fire('cron', at + 60_000)).toBe(true);
  });

  it('runs a missed fire once at start-up with the default policy, and not with "skip"', async () => {
    for (const [id, missed] of [
      ['catchup', 'runOnce'],
      ['skipper', 'skip'],
    ] as const) {
      await activeFlow(id, { connector: 'schedule@1', trigger: 'cron', config: { cron: '* * * * *', missed } });
      await store.triggerState.setCursor({
        flowId: id,
        triggerKey: 'schedule',
        cursor: null,
        lastFiredAt: Date.now() - 10 * 60_000,
      });
    }
    const scheduler = new Scheduler({ store, logger, owner: 'a', onQueued: () => undefined });
    await scheduler.start();
    scheduler.stop();
    expect((await store.runs.list({ flowId: 'catchup' })).items).toHaveLength(1);
    expect((await store.runs.list({ flowId: 'skipper' })).items).toHaveLength(0);
  });
});

describe('Poller', () => {
  it('queues one run per new item and persists the state for the next poll', async () => {
    await activeFlow('feed', { connector: 'rss@1', trigger: 'items', config: { intervalSeconds: 3600 } });
    const seenStates: (JsonValue | undefined)[] = [];
    const source: PollingSource = {
      intervalMs: 3_600_000,
      async poll({ state }) {
        seenStates.push(state);
        const page = (state as { page?: number } | undefined)?.page ?? 0;
        return { events: page < 2 ? [{ n: page * 2 }, { n: page * 2 + 1 }] : [], state: { page: page + 1 } };
      },
    };
    const poller = new Poller({ store, logger, owner: 'p', sources: () => source, onQueued: () => undefined });
    expect(await poller.pollOnce('feed')).toBe(2);
    expect(await poller.pollOnce('feed')).toBe(2);
    expect(await poller.pollOnce('feed')).toBe(0);
    poller.stop();
    expect(seenStates).toEqual([undefined, { page: 1 }, { page: 2 }]);
    const inputs = (await store.runs.list({ flowId: 'feed' })).items.map((r) => r.input);
    expect(inputs).toEqual(expect.arrayContaining([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]));
  });

  it('keeps the cursor when a poll fails so the next poll retries', async () => {
    await activeFlow('flaky', { connector: 'rss@1', trigger: 'items' });
    const poller = new Poller({
      store,
      logger,
      owner: 'p',
      sources: () => ({
        intervalMs: 1000,
        poll: async () => {
          throw new Error('upstream down');
        },
      }),
      onQueued: () => undefined,
    });
    expect(await poller.pollOnce('flaky')).toBe(0);
    poller.stop();
    expect((await store.triggerState.get({ flowId: 'flaky', triggerKey: 'poll' }))?.cursor).toBeUndefined();
  });
});

describe('Poller overlap', () => {
  it('does not start a poll of a flow while the previous one is still running', async () => {
    await activeFlow('slow-feed', { connector: 'rss@1', trigger: 'items' });
    let release: () => void = () => undefined;
    let calls = 0;
    const source: PollingSource = {
      intervalMs: 3_600_000,
      poll: async () => {
        calls++;
        await new Promise<void>((resolve) => (release = resolve));
        return { events: [{ n: 1 }], state: { page: 1 } };
      },
    };
    const poller = new Poller({ store, logger, owner: 'p', sources: () => source, onQueued: () => undefined });
    const first = poller.pollOnce('slow-feed');
    await new Promise((r) => setTimeout(r, 20));
    expect(await poller.pollOnce('slow-feed')).toBe(0);
    release();
    expect(await first).toBe(1);
    expect(calls).toBe(1);
    poller.stop();
  });
});
