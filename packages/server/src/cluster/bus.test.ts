// The ClusterBus contract, run against the in-process, Redis and PostgreSQL buses: two buses stand for two
// processes of one cluster.
import pg from 'pg';
import { describe, expect, test, vi } from 'vitest';
import { onTestFinished } from 'vitest';
import { createMemoryBus, createMemoryBusNetwork } from './memory-bus.js';
import { createPostgresBus } from '@weft/store';
import type { PostgresBusOptions } from '@weft/store';
import { createRedisBus } from './redis-bus.js';
import type { BusErrorHandler, ClusterBus } from './ports.js';
import { POSTGRES_URL, REDIS_URL, testClock, testSchema, uniqueName } from './test-support.js';

type OpenBuses = (count: number, onError?: BusErrorHandler) => Promise<ClusterBus[]>;

const closeAfterTest = (buses: ClusterBus[]) => {
  onTestFinished(() => Promise.all(buses.map((bus) => bus.close())).then(() => undefined));
  return buses;
};

const implementations: Record<string, OpenBuses> = {
  memory: async (count, onError) => {
    const network = createMemoryBusNetwork();
    return closeAfterTest(
      Array.from({ length: count }, () => createMemoryBus({ network, ...(onError ? { onError } : {}) })),
    );
  },
  redis: async (count, onError) => {
    const prefix = `${uniqueName('weft_test')}:`;
    const buses = [];
    for (let i = 0; i < count; i++) {
      buses.push(await createRedisBus({ url: REDIS_URL, prefix, ...(onError ? { onError } : {}) }));
    }
    return closeAfterTest(buses);
  },
  postgres: async (count, onError) => {
    const schema = testSchema();
    const buses = [];
    for (let i = 0; i < count; i++) {
      buses.push(await createPostgresBus({ url: POSTGRES_URL, schema, ...(onError ? { onError } : {}) }));
    }
    return closeAfterTest(buses);
  },
};

function inbox() {
  const messages: string[] = [];
  return {
    messages,
    handler: (message: string) => {
      messages.push(message);
    },
    /** Waits until `count` messages arrived (the bus is asynchronous), then checks nothing more came. */
    async received(count: number) {
      await vi.waitFor(() => expect(messages.length).toBeGreaterThanOrEqual(count), { timeout: 5_000 });
      return messages;
    },
  };
}

describe.each(Object.entries(implementations))('%s bus', (_name, open) => {
  test('a message reaches every subscriber, in this process and in the others, in publish order', async () => {
    const [a, b] = await open(2);
    const here = inbox();
    const there = inbox();
    await a!.subscribe('runs', here.handler);
    await b!.subscribe('runs', there.handler);
    for (let i = 0; i < 20; i++) await a!.publish('runs', `m${i}`);
    const expected = Array.from({ length: 20 }, (_, i) => `m${i}`);
    expect(await here.received(20)).toEqual(expected);
    expect(await there.received(20)).toEqual(expected);
  });

  test('messages published without waiting arrive in publish order (a reply after its response)', async () => {
    const [a, b] = await open(2);
    const there = inbox();
    await b!.subscribe('replies', there.handler);
    const expected = Array.from({ length: 50 }, (_, i) => `m${i}`);
    await Promise.all(expected.map((message) => a!.publish('replies', message)));
    expect(await there.received(50)).toEqual(expected);
  });

  test('channels are kept apart, whatever their names hold', async () => {
    const [a, b] = await open(2);
    const names = ['plain', 'with space', "quote\"s and 'apostrophes'", 'ünïcødé/ß', 'x'.repeat(300), 'Plain'];
    const inboxes = names.map(() => inbox());
    for (const [i, name] of names.entries()) await b!.subscribe(name, inboxes[i]!.handler);
    for (const name of names) await a!.publish(name, `to ${name}`);
    for (const [i, name] of names.entries()) expect(await inboxes[i]!.received(1)).toEqual([`to ${name}`]);
  });

  test('a message far larger than a NOTIFY payload arrives whole', async () => {
    const [a, b] = await open(2);
    const there = inbox();
    await b!.subscribe('big', there.handler);
    const big = `${'é'.repeat(50_000)}|end`;
    await a!.publish('big', 'small before');
    await a!.publish('big', big);
    await a!.publish('big', 'small after');
    expect(await there.received(3)).toEqual(['small before', big, 'small after']);
  });

  test('unsubscribing stops that handler only, and twice is harmless', async () => {
    const [a, b] = await open(2);
    const stopped = inbox();
    const kept = inbox();
    const stop = await b!.subscribe('c', stopped.handler);
    await b!.subscribe('c', kept.handler);
    await a!.publish('c', 'one');
    await kept.received(1);
    await stopped.received(1);
    await stop();
    await stop();
    await a!.publish('c', 'two');
    await a!.publish('c', 'three');
    expect(await kept.received(3)).toEqual(['one', 'two', 'three']);
    expect(stopped.messages).toEqual(['one']);
  });

  test('subscribing again after the last handler left listens again', async () => {
    const [a, b] = await open(2);
    const first = inbox();
    const stop = await b!.subscribe('again', first.handler);
    await stop();
    const second = inbox();
    await b!.subscribe('again', second.handler);
    await a!.publish('again', 'hello');
    expect(await second.received(1)).toEqual(['hello']);
    expect(first.messages).toEqual([]);
  });

  test('a handler that throws is reported and does not keep the others from the message', async () => {
    const errors: unknown[] = [];
    const [a] = await open(1, (error) => errors.push(error));
    const after = inbox();
    await a!.subscribe('t', () => {
      throw new Error('handler failed');
    });
    await a!.subscribe('t', after.handler);
    await a!.publish('t', 'x');
    expect(await after.received(1)).toEqual(['x']);
    expect(errors).toEqual([new Error('handler failed')]);
  });

  test('a closed bus delivers nothing more and refuses to publish', async () => {
    const [a, b] = await open(2);
    const there = inbox();
    const here = inbox();
    await b!.subscribe('z', there.handler);
    await a!.subscribe('z', here.handler);
    await b!.close();
    await a!.publish('z', 'after close');
    await here.received(1);
    expect(there.messages).toEqual([]);
    await expect(b!.publish('z', 'x')).rejects.toThrow(/closed/);
    await expect(b!.subscribe('z', there.handler)).rejects.toThrow(/closed/);
  });
});

describe('PostgreSQL bus', () => {
  test('listens again after its connection was cut, and messages flow once it is back', async () => {
    const schema = testSchema();
    const errors: unknown[] = [];
    const applicationName = uniqueName('weft-bus-test');
    const options: PostgresBusOptions = {
      url: POSTGRES_URL,
      schema,
      applicationName,
      reconnectMs: 10,
      onError: (e) => errors.push(e),
    };
    const [a, b] = closeAfterTest([await createPostgresBus(options), await createPostgresBus(options)]);
    const there = inbox();
    await b!.subscribe('r', there.handler);
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    onTestFinished(() => admin.end());
    // Cuts the listening connections of both buses (their publishing pools replace lost connections themselves).
    const { rowCount } = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and query like 'LISTEN%'`,
      [applicationName],
    );
    expect(rowCount).toBeGreaterThan(0);
    // Published until it comes through: messages sent while it was away are lost (at most once).
    await vi.waitFor(
      async () => {
        await a!.publish('r', 'back');
        expect(there.messages).toContain('back');
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  test('stored large messages are deleted once older than retainMs', async () => {
    const schema = testSchema();
    const clock = testClock();
    const [a, b] = closeAfterTest([
      await createPostgresBus({ url: POSTGRES_URL, schema, clock, retainMs: 60_000, maxNotifyBytes: 100 }),
      await createPostgresBus({ url: POSTGRES_URL, schema, clock, retainMs: 60_000, maxNotifyBytes: 100 }),
    ]);
    const there = inbox();
    await b!.subscribe('big', there.handler);
    await a!.publish('big', 'a'.repeat(200));
    await there.received(1);
    clock.advance(60_001);
    await a!.publish('big', 'b'.repeat(200));
    await there.received(2);
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    onTestFinished(() => admin.end());
    await vi.waitFor(async () => {
      const { rows } = await admin.query<{ body: string }>(`select body from ${schema}.weft_bus_messages`);
      expect(rows.map((row) => row.body[0])).toEqual(['b']);
    });
  });
});
