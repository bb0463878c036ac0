// Fan-out of run events (live logs, respond-mode webhooks), with a bounded replay buffer per run so late
// subscribers first get what already happened. Within one process it is an EventEmitter. When several processes
// share a database, a transport (the cluster bus: Redis pub/sub, or PostgreSQL LISTEN/NOTIFY) carries events to
// the processes that wait for them:
// - `response` and `run.finished` of a run that no request of this process waits for travel on one channel every
//   web process listens to from the start, so a respond-mode webhook gets its reply whichever process executed the
//   run (no subscribe race: the channel was open before the run existed);
// - the other events (step started/finished, logs) travel only when the transport is cheap per message (Redis),
//   on one channel per flow that a process opens while a browser of its watches that flow or one of its runs.
import type { RunEvent } from '@weft/core';
import { EventEmitter } from 'node:events';

export type FlowRunEvent = RunEvent & { flowId: string };
export type RunEventListener = (event: FlowRunEvent) => void;

/** What the bus needs of the cluster bus (cluster/ports.ts ClusterBus satisfies it). */
export interface EventTransport {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
}

export interface ClusterLink {
  transport: EventTransport;
  /** This process, so that it ignores its own events coming back. */
  origin: string;
  /** Also carry step-level events (per-flow channels); false on PostgreSQL, where each message is a commit. */
  liveEvents: boolean;
  onError(error: unknown, what: string): void;
}

const MAX_EVENTS_PER_RUN = 2000;
const MAX_RUNS = 1000;
/** Events whose loss would hang a respond-mode request elsewhere. */
const REPLY_EVENTS: ReadonlySet<RunEvent['type']> = new Set(['response', 'run.finished']);
export const REPLY_CHANNEL = 'run-replies';
const flowChannel = (flowId: string) => `run-events:${flowId}`;

interface Envelope {
  origin: string;
  event: FlowRunEvent;
}

export class RunEventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly history = new Map<string, FlowRunEvent[]>();
  /** Reply events of runs executed elsewhere, for a waiter that subscribes just after they arrived. */
  private readonly remoteReplies = new Map<string, FlowRunEvent[]>();
  private readonly watched = new Map<string, { count: number; closing: Promise<() => Promise<void>> }>();
  private link: ClusterLink | undefined;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /**
   * Joins the cluster: from now on replies published anywhere reach this process (`listenForReplies`, for
   * processes that hold webhook requests), and this process's events are published for the others.
   */
  async connect(link: ClusterLink, options: { listenForReplies: boolean }): Promise<void> {
    this.link = link;
    if (options.listenForReplies) await link.transport.subscribe(REPLY_CHANNEL, (message) => this.receive(message));
  }

  /**
   * `waiterHere`: the run was started by a request this process holds (a webhook it received and executes), so
   * its reply needs no trip through the cluster; live viewers elsewhere still get it on the flow's channel.
   */
  publish(flowId: string, event: RunEvent, options: { waiterHere?: boolean } = {}): void {
    const full = { ...event, flowId };
    this.remember(full);
    this.deliver(full);
    const link = this.link;
    if (!link) return;
    const toReplies = REPLY_EVENTS.has(event.type) && !options.waiterHere;
    if (!toReplies && !link.liveEvents) return;
    const message = JSON.stringify({ origin: link.origin, event: full } satisfies Envelope);
    link.transport
      .publish(toReplies ? REPLY_CHANNEL : flowChannel(flowId), message)
      .catch((error: unknown) => link.onError(error, `publishing ${event.type} of run ${event.runId}`));
  }

  /** Listens to one run (`run:<id>`), one flow (`flow:<id>`) or everything (`*`); returns an unsubscribe. */
  subscribe(topic: string, listener: RunEventListener): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  /**
   * Brings the step-level events of a flow's runs executed by other processes here, while the returned release
   * has not been called (reference-counted: one channel per flow, however many watchers).
   */
  async watchFlow(flowId: string): Promise<() => void> {
    const link = this.link;
    if (!link?.liveEvents) return () => undefined;
    let entry = this.watched.get(flowId);
    if (entry) entry.count++;
    else {
      const closing = link.transport.subscribe(flowChannel(flowId), (message) => this.receive(message));
      entry = { count: 1, closing };
      this.watched.set(flowId, entry);
    }
    const held = entry;
    try {
      await held.closing;
    } catch (error) {
      if (this.watched.get(flowId) === held) this.watched.delete(flowId);
      link.onError(error, `watching the runs of flow ${flowId}`);
      return () => undefined;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--held.count > 0) return;
      if (this.watched.get(flowId) === held) this.watched.delete(flowId);
      held.closing
        .then((close) => close())
        .catch((error: unknown) => link.onError(error, `leaving the runs of flow ${flowId}`));
    };
  }

  /** Events of a run seen by this process so far (undefined when it never ran here or was evicted). */
  replay(runId: string): FlowRunEvent[] | undefined {
    return this.history.get(runId)?.slice();
  }

  /**
   * The `response` and `run.finished` events of a run that already reached this process, wherever it ran: a
   * respond-mode request subscribes once its run is stored, and a fast worker elsewhere may have answered by then.
   */
  repliesSoFar(runId: string): FlowRunEvent[] {
    const local = this.history.get(runId)?.filter((e) => REPLY_EVENTS.has(e.type));
    return local ?? this.remoteReplies.get(runId)?.slice() ?? [];
  }

  private receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch (error) {
      this.link?.onError(error, 'reading a run event from the cluster bus');
      return;
    }
    // Not remembered: this process saw only part of that run, and replay must then come from the store.
    if (envelope.origin === this.link?.origin) return;
    const event = envelope.event;
    if (REPLY_EVENTS.has(event.type)) {
      let replies = this.remoteReplies.get(event.runId);
      if (!replies) {
        if (this.remoteReplies.size >= MAX_RUNS) this.remoteReplies.delete(this.remoteReplies.keys().next().value!);
        this.remoteReplies.set(event.runId, (replies = []));
      }
      replies.push(event);
    }
    this.deliver(event);
  }

  private deliver(full: FlowRunEvent): void {
    this.emitter.emit(`run:${full.runId}`, full);
    this.emitter.emit(`flow:${full.flowId}`, full);
    this.emitter.emit('*', full);
  }

  private remember(event: FlowRunEvent): void {
    let events = this.history.get(event.runId);
    if (!events) {
      if (this.history.size >= MAX_RUNS) this.history.delete(this.history.keys().next().value!);
      events = [];
      this.history.set(event.runId, events);
    }
    if (events.length < MAX_EVENTS_PER_RUN || event.type === 'run.finished') events.push(event);
  }
}
