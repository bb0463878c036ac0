import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLES_DIR,
  postHook,
  startTestRuntime,
  TOKEN,
  waitForRun,
  type TestRuntime,
} from './test-support/runtime.js';

let weft: TestRuntime;
const sockets: Socket[] = [];

beforeAll(async () => {
  weft = await startTestRuntime({ examplesDir: EXAMPLES_DIR });
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await weft?.close();
});

function open(auth: object): Socket {
  const socket = connect(weft.url, { auth, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return socket;
}

/** Sends an order to the order-routing example's webhook and returns the id of the run it started. */
async function orderRouting(order: object): Promise<string> {
  const response = await postHook(weft, 'order-routing', order);
  return ((await response.json()) as { runId: string }).runId;
}

type Event = { type: string; runId: string; key?: string; status?: string };

function record(socket: Socket): Event[] {
  const events: Event[] = [];
  for (const name of ['run.started', 'step.started', 'step.finished', 'log', 'run.finished'])
    socket.on(name, (event: Event) => events.push(event));
  return events;
}

describe('live run events', () => {
  it('streams a flow subscription as runs happen', async () => {
    const socket = open({ token: TOKEN });
    const events = record(socket);
    const ack = await socket.emitWithAck('subscribe', { flowId: 'order-routing' });
    expect(ack).toEqual({ ok: true });
    const runId = await orderRouting({ id: 'x', total: 2000, country: 'US' });
    await waitForRun(weft, runId);
    await expect.poll(() => events.some((e) => e.type === 'run.finished')).toBe(true);
    const mine = events.filter((e) => e.runId === runId);
    expect(mine[0]?.type).toBe('run.started');
    expect(mine.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    expect(mine.filter((e) => e.type === 'step.finished').map((e) => `${e.key}:${e.status}`)).toEqual(
      expect.arrayContaining(['isLarge:succeeded', 'review:succeeded', 'region:skipped']),
    );
  });

  it('replays a finished run to a late subscriber', async () => {
    const runId = await orderRouting({ id: 'y', total: 1, country: 'NL' });
    await waitForRun(weft, runId);
    const socket = open({ token: TOKEN });
    const events = record(socket);
    await socket.emitWithAck('subscribe', { runId });
    await expect.poll(() => events.at(-1)?.type).toBe('run.finished');
    expect(events.filter((e) => e.type === 'step.finished').map((e) => e.key)).toContain('eu');
  });

  it('refuses connections without valid credentials', async () => {
    const socket = open({ token: 'nope' });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthenticated');
  });
});
