// Live run events over socket.io. Clients authenticate like the API (session cookie or token in the handshake
// `auth.token`), then `subscribe` to `{ runId }` or `{ flowId }`. A run subscription first replays that run's
// events so far (from memory, or rebuilt from the store for runs that ran elsewhere).
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
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

export function attachLive(httpServer: HttpServer, services: Services): Server {
  const io = new Server(httpServer, { serveClient: false, cors: { origin: false } });
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
    next();
  });
  io.on('connection', (socket) => {
    const subscriptions = new Map<string, () => void>();
    const send = (event: FlowRunEvent) => {
      if (isLiveEventName(event.type)) socket.emit(event.type, event);
    };
    socket.on('subscribe', async (request: { runId?: unknown; flowId?: unknown }, ack?: (reply: object) => void) => {
      if (typeof request?.runId === 'string') {
        const runId = request.runId;
        const seen: FlowRunEvent[] = [];
        let replayed = false;
        subscriptions.get(`run:${runId}`)?.();
        subscriptions.set(
          `run:${runId}`,
          services.bus.subscribe(`run:${runId}`, (event) => (replayed ? send(event) : seen.push(event))),
        );
        for (const event of (await pastEvents(services, runId)) ?? []) send(event);
        replayed = true;
        seen.forEach(send);
        ack?.({ ok: true });
      } else if (typeof request?.flowId === 'string') {
        subscriptions.get(`flow:${request.flowId}`)?.();
        subscriptions.set(`flow:${request.flowId}`, services.bus.subscribe(`flow:${request.flowId}`, send));
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
    socket.on('disconnect', () => subscriptions.forEach((off) => off()));
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
