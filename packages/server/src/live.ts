// Live run events over socket.io. Clients authenticate like the API (session cookie or token in the handshake
// `auth.token`), then `subscribe` to `{ runId }` or `{ flowId }`. A run subscription first replays that run's
// events so far (from memory, or rebuilt from the store for runs that ran elsewhere).
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { RunEvent } from '@weft/core';
import { isLiveEventName } from '@weft/core/contract';
import {
  cookieValue,
  principalFromSession,
  principalFromToken,
  SESSION_COOKIE,
} from './auth/credentials-of-callers.js';
import type { Principal } from './auth/roles.js';
import type { Services } from './context.js';
import type { FlowRunEvent } from './runs/event-bus.js';

/**
 * `adapter`: socket.io's cluster adapter (Redis) when several web processes serve browsers, so that operations on
 * sockets (rooms such as `user:<id>`, disconnecting a user's sockets) reach every process. Run events themselves
 * come through the run event bus, which replays a run's past events before its live ones on each socket.
 */
export function attachLive(httpServer: HttpServer, services: Services, adapter?: ServerOptions['adapter']): Server {
  const io = new Server(httpServer, { serveClient: false, cors: { origin: false }, ...(adapter ? { adapter } : {}) });
  io.use(async (socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const session = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    const principal = token
      ? await principalFromToken(services.store, token)
      : session
        ? await principalFromSession(services.store, session)
        : undefined;
    if (!principal) return next(new Error('unauthenticated'));
    socket.data.principal = principal satisfies Principal;
    // A room per user, so that signing a user out everywhere can reach their sockets on every web process.
    void socket.join(`user:${principal.userId}`);
    next();
  });
  io.on('connection', (socket) => {
    const subscriptions = new Map<string, () => void>();
    let closed = false;
    /** Keeps the flow's cluster channel open as long as the subscription `off` of `topic` lasts. */
    const holdFlow = async (topic: string, off: () => void, flowId: string | undefined) => {
      const release = flowId ? await services.bus.watchFlow(flowId) : () => undefined;
      // Unsubscribed or disconnected meanwhile: `off` already ran.
      if (closed || subscriptions.get(topic) !== off) return release();
      subscriptions.set(topic, () => {
        off();
        release();
      });
    };
    const send = (event: FlowRunEvent) => {
      if (isLiveEventName(event.type)) socket.emit(event.type, event);
    };
    socket.on('subscribe', async (request: { runId?: unknown; flowId?: unknown }, ack?: (reply: object) => void) => {
      if (typeof request?.runId === 'string') {
        const runId = request.runId;
        const seen: FlowRunEvent[] = [];
        let replayed = false;
        subscriptions.get(`run:${runId}`)?.();
        const off = services.bus.subscribe(`run:${runId}`, (event) => (replayed ? send(event) : seen.push(event)));
        subscriptions.set(`run:${runId}`, off);
        // A run executed by another process: its events come through the cluster bus while this socket watches.
        const flowId = services.bus.replay(runId)?.[0]?.flowId ?? (await services.store.runs.get(runId))?.flowId;
        await holdFlow(`run:${runId}`, off, flowId);
        for (const event of (await pastEvents(services, runId)) ?? []) send(event);
        replayed = true;
        seen.forEach(send);
        ack?.({ ok: true });
      } else if (typeof request?.flowId === 'string') {
        const topic = `flow:${request.flowId}`;
        subscriptions.get(topic)?.();
        const off = services.bus.subscribe(topic, send);
        subscriptions.set(topic, off);
        await holdFlow(topic, off, request.flowId);
        ack?.({ ok: true });
      } else ack?.({ ok: false, error: 'subscribe with { runId } or { flowId }' });
    });
    socket.on('unsubscribe', (request: { runId?: unknown; flowId?: unknown }, ack?: (reply: object) => void) => {
      const topic =
        typeof request?.runId === 'string'
          ? `run:${request.runId}`
          : typeof request?.flowId === 'string'
            ? `flow:${request.flowId}`
            : undefined;
      subscriptions.get(topic ?? '')?.();
      if (topic) subscriptions.delete(topic);
      ack?.({ ok: topic !== undefined });
    });
    socket.on('disconnect', () => {
      closed = true;
      subscriptions.forEach((off) => off());
    });
  });
  return io;
}

async function pastEvents(services: Services, runId: string): Promise<FlowRunEvent[] | undefined> {
  const buffered = services.bus.replay(runId);
  if (buffered) return buffered;
  const run = await services.store.runs.get(runId);
  if (!run) return undefined;
  const flowId = run.flowId;
  const events: FlowRunEvent[] = [];
  if (run.startedAt !== undefined) events.push({ type: 'run.started', runId, at: run.startedAt, flowId });
  for (const step of await services.store.journal.listSteps(runId)) {
    const finished = step.status !== 'running';
    const event: RunEvent = finished
      ? {
          type: 'step.finished',
          runId,
          key: step.key,
          nodeId: step.nodeId,
          status: step.status,
          attempt: step.attempt,
          durationMs: (step.endedAt ?? step.startedAt) - step.startedAt,
          at: step.endedAt ?? step.startedAt,
          ...(step.output !== undefined ? { output: step.output } : {}),
          ...(step.error ? { error: step.error } : {}),
          ...(step.port ? { port: step.port } : {}),
          ...(step.resumed ? { resumed: true } : {}),
        }
      : { type: 'step.started', runId, key: step.key, nodeId: step.nodeId, attempt: step.attempt, at: step.startedAt };
    events.push({ ...event, flowId });
  }
  if (run.endedAt !== undefined && run.status !== 'queued' && run.status !== 'running') {
    events.push({
      type: 'run.finished',
      runId,
      status: run.status,
      durationMs: run.endedAt - (run.startedAt ?? run.createdAt),
      at: run.endedAt,
      flowId,
      ...(run.error ? { error: run.error } : {}),
    });
  }
  return events;
}
