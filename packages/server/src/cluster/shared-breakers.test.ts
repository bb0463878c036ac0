// Shared circuit breakers: each process keeps the SDK's state machine, and what opens or closes a circuit in one
// process reaches the others over the cluster bus.
import { describe, expect, test, vi } from 'vitest';
import { onTestFinished } from 'vitest';
import { createMemoryBus, createMemoryBusNetwork } from './memory-bus.js';
import { createRedisBus } from './redis-bus.js';
import { createSharedBreakers } from './shared-breakers.js';
import type { SharedBreakers } from './shared-breakers.js';
import type { BusErrorHandler, ClusterBus } from './ports.js';
import { REDIS_URL, testClock, uniqueName } from './test-support.js';
import type { TestClock } from './test-support.js';

const HOST = 'api.example.com';
const options = (clock: TestClock) => ({ failureThreshold: 3, openMs: 10_000, clock });

async function processes(count: number, clock: TestClock, onError?: BusErrorHandler) {
  const network = createMemoryBusNetwork();
  const buses: ClusterBus[] = [];
  const breakers: SharedBreakers[] = [];
  for (let i = 0; i < count; i++) {
    const bus = createMemoryBus({ network });
    buses.push(bus);
    breakers.push(await createSharedBreakers({ bus, options: options(clock), ...(onError ? { onError } : {}) }));
  }
  onTestFinished(async () => {
    await Promise.all(breakers.map((b) => b.close()));
    await Promise.all(buses.map((b) => b.close()));
  });
  return { buses, breakers };
}

const stateOf = (breakers: SharedBreakers) => breakers.states()[0]?.state;
const failFast = (breakers: SharedBreakers) => () => breakers.before('api', HOST);

describe('shared circuit breakers', () => {
  test('once one process opens a circuit, every process fails fast until its open period ends', async () => {
    const clock = testClock();
    const { breakers } = await processes(3, clock);
    const [a, b, c] = breakers;
    for (let i = 0; i < 3; i++) {
      a!.before('api', HOST);
      a!.failure('api', HOST);
    }
    expect(failFast(a!)).toThrow(expect.objectContaining({ code: 'connector_circuit_open', retryAfterMs: 10_000 }));
    await vi.waitFor(() => expect([stateOf(b!), stateOf(c!)]).toEqual(['open', 'open']));
    expect(failFast(b!)).toThrow(expect.objectContaining({ code: 'connector_circuit_open', retryable: true }));
    expect(b!.states()).toEqual([
      { connector: 'api', host: HOST, state: 'open', consecutiveFailures: 3, retryAt: clock.now() + 10_000 },
    ]);
    clock.advance(10_000);
    // Half-open: one probe per process.
    expect(failFast(b!)).not.toThrow();
    expect(failFast(b!)).toThrow(expect.objectContaining({ code: 'connector_circuit_open' }));
  });

  test('a probe that succeeds anywhere closes the circuit everywhere', async () => {
    const clock = testClock();
    const { breakers } = await processes(2, clock);
    const [a, b] = breakers;
    for (let i = 0; i < 3; i++) a!.failure('api', HOST);
    await vi.waitFor(() => expect(stateOf(b!)).toBe('open'));
    clock.advance(10_000);
    b!.before('api', HOST);
    b!.success('api', HOST);
    await vi.waitFor(() => expect(a!.states()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 }));
    expect(failFast(a!)).not.toThrow();
  });

  test('a failed probe opens the circuit again everywhere, also where the old period had run out', async () => {
    const clock = testClock();
    const { breakers } = await processes(2, clock);
    const [a, b] = breakers;
    for (let i = 0; i < 3; i++) a!.failure('api', HOST);
    await vi.waitFor(() => expect(stateOf(b!)).toBe('open'));
    clock.advance(10_000);
    a!.before('api', HOST);
    a!.failure('api', HOST);
    await vi.waitFor(() => expect(b!.states()[0]?.retryAt).toBe(clock.now() + 10_000));
    expect(failFast(b!)).toThrow(expect.objectContaining({ code: 'connector_circuit_open' }));
  });

  test('failures below the threshold stay local, and circuits are per connector and host', async () => {
    const clock = testClock();
    const { breakers } = await processes(2, clock);
    const [a, b] = breakers;
    a!.failure('api', HOST);
    a!.failure('api', HOST);
    for (let i = 0; i < 3; i++) a!.failure('other', HOST);
    await vi.waitFor(() => expect(b!.states()).toHaveLength(1));
    expect(b!.states()[0]).toMatchObject({ connector: 'other', state: 'open' });
    expect(failFast(b!)).not.toThrow();
    expect(a!.states().find((s) => s.connector === 'api')).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
  });

  test('an unreadable message is reported and changes nothing', async () => {
    const clock = testClock();
    const errors: unknown[] = [];
    const { buses, breakers } = await processes(1, clock, (error) => errors.push(error));
    await buses[0]!.publish('breakers', '{"state":"open"}');
    await buses[0]!.publish('breakers', 'not json');
    await vi.waitFor(() => expect(errors).toHaveLength(2));
    expect(breakers[0]!.states()).toEqual([]);
  });

  test('after close a process no longer follows the others', async () => {
    const clock = testClock();
    const { breakers } = await processes(3, clock);
    const [a, b, c] = breakers;
    await b!.close();
    for (let i = 0; i < 3; i++) a!.failure('api', HOST);
    await vi.waitFor(() => expect(stateOf(c!)).toBe('open'));
    expect(b!.states()).toEqual([]);
  });

  test('over Redis, processes share an opened circuit too', async () => {
    const clock = testClock();
    const prefix = `${uniqueName('weft_test')}:`;
    const buses = [await createRedisBus({ url: REDIS_URL, prefix }), await createRedisBus({ url: REDIS_URL, prefix })];
    const [a, b] = [
      await createSharedBreakers({ bus: buses[0]!, options: options(clock) }),
      await createSharedBreakers({ bus: buses[1]!, options: options(clock) }),
    ];
    onTestFinished(async () => {
      await Promise.all([a.close(), b.close()]);
      await Promise.all(buses.map((bus) => bus.close()));
    });
    for (let i = 0; i < 3; i++) a.failure('api', HOST);
    await vi.waitFor(() => expect(stateOf(b)).toBe('open'));
  });
});
