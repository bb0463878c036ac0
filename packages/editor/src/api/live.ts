// Live run events over socket.io (loaded on first use, so it is not in the initial bundle). One shared
// connection; each subscription says which run or flow it follows.
// The event names and payload types are the contract's (@weft/core/contract), shared with the server.
import { LIVE_EVENT_NAMES, type LiveEvent, type LiveTarget } from '@weft/core/contract';

export type { LiveEvent, LiveTarget };

interface SocketLike {
  on(event: string, listener: (payload: unknown) => void): void;
  emit(event: string, payload: unknown): void;
  connected: boolean;
}

let socketPromise: Promise<SocketLike> | undefined;
const listeners = new Set<(event: LiveEvent) => void>();
const targets = new Map<string, { target: LiveTarget; count: number }>();

function keyOf(target: LiveTarget): string {
  return 'runId' in target ? `run:${target.runId}` : `flow:${target.flowId}`;
}

function connectSocket(): Promise<SocketLike> {
  socketPromise ??= import('socket.io-client').then(({ io }) => {
    const socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
    for (const name of LIVE_EVENT_NAMES) {
      socket.on(name, (payload: unknown) => {
        const event = { ...(payload as object), type: name } as LiveEvent;
        for (const listener of listeners) listener(event);
      });
    }
    // Re-subscribe after a reconnect: the server forgets rooms of a dropped connection.
    socket.on('connect', () => {
      for (const { target } of targets.values()) socket.emit('subscribe', target);
    });
    return socket as unknown as SocketLike;
  });
  return socketPromise;
}

/** Follows a run or a flow; returns the function that stops following. */
export function subscribe(target: LiveTarget, onEvent: (event: LiveEvent) => void): () => void {
  const key = keyOf(target);
  const entry = targets.get(key);
  if (entry) entry.count++;
  else targets.set(key, { target, count: 1 });
  const matches = (event: LiveEvent) =>
    'runId' in target ? event.runId === target.runId : event.flowId === target.flowId;
  const listener = (event: LiveEvent) => {
    if (matches(event)) onEvent(event);
  };
  listeners.add(listener);
  void connectSocket().then((socket) => {
    if (!entry && socket.connected) socket.emit('subscribe', target);
  });
  return () => {
    listeners.delete(listener);
    const current = targets.get(key);
    if (!current) return;
    current.count--;
    if (current.count === 0) {
      targets.delete(key);
      void connectSocket().then((socket) => socket.emit('unsubscribe', target));
    }
  };
}
