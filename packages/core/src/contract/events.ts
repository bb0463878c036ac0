// Run events as they cross the socket: the names the server emits and the editor listens to, and their payloads
// (core's RunEvent with the flow it belongs to).
import type { RunEvent } from '../ports.js';

/** The events a subscriber of a run or flow receives, in the order they can happen. */
export const LIVE_EVENT_NAMES = [
  'run.started',
  'step.resumed',
  'step.started',
  'step.finished',
  'log',
  'run.finished',
] as const;

export type LiveEventName = (typeof LIVE_EVENT_NAMES)[number];

/** One live event: the engine's RunEvent of that name, with its flow. */
export type LiveEvent<Name extends LiveEventName = LiveEventName> = Extract<RunEvent, { type: Name }> & {
  flowId: string;
};

/** What a socket subscribes to (`subscribe` / `unsubscribe` messages). */
export type LiveTarget = { runId: string } | { flowId: string };

export const isLiveEventName = (name: string): name is LiveEventName =>
  (LIVE_EVENT_NAMES as readonly string[]).includes(name);
