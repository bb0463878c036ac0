// In-process fan-out of run events (live logs, respond-mode webhooks), with a bounded replay buffer per run so
// late subscribers first get what already happened. The scale-out issue backs this with Redis pub/sub.
import type { RunEvent } from '@weft/core';
import { EventEmitter } from 'node:events';

export type FlowRunEvent = RunEvent & { flowId: string };
export type RunEventListener = (event: FlowRunEvent) => void;

const MAX_EVENTS_PER_RUN = 2000;
const MAX_RUNS = 1000;

export class RunEventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });
  private readonly history = new Map<string, FlowRunEvent[]>();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(flowId: string, event: RunEvent): void {
    const full = { ...event, flowId };
    this.remember(full);
    this.emitter.emit(`run:${event.runId}`, full);
    this.emitter.emit(`flow:${flowId}`, full);
    this.emitter.emit('*', full);
  }

  /** Listens to one run (`run:<id>`), one flow (`flow:<id>`) or everything (`*`); returns an unsubscribe. */
  subscribe(topic: string, listener: RunEventListener): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  /** Events of a run seen by this process so far (undefined when it never ran here or was evicted). */
  replay(runId: string): FlowRunEvent[] | undefined {
    return this.history.get(runId)?.slice();
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
