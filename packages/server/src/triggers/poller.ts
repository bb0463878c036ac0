// Polling triggers: a connector's poll function runs on its interval with a persisted cursor. Items already
// seen (the SDK remembers their dedupe keys in the state we persist) never start a second run. Only the
// process holding the trigger's lease polls; the new cursor and the queued runs are written in one transaction.
import type { JsonValue } from '@weft/core';
import type { Store } from '@weft/store';
import type { Logger } from 'pino';
import { watchActiveFlows, type FlowWatch } from './flow-watch.js';

export const POLL_TRIGGER_KEY = 'poll';

export interface PollRequest {
  flowId: string;
  config: JsonValue;
  credentialId: string | undefined;
  /** What the previous poll returned as `state` (undefined the first time). */
  state: JsonValue | undefined;
  signal: AbortSignal;
}

/** A connector's polling trigger. It dedupes: `events` holds only items not seen before, per `state`. */
export interface PollingSource {
  poll(request: PollRequest): Promise<{ events: JsonValue[]; state: JsonValue }>;
  /** Default interval when the flow does not set `config.intervalSeconds`. */
  intervalMs: number;
}

/** Finds the polling trigger `key` of connector `ref` (`name@major`). */
export type PollingSources = (ref: string, key: string) => PollingSource | undefined;

export interface PollerOptions {
  store: Store;
  logger: Logger;
  owner: string;
  sources: PollingSources;
  onQueued: () => void;
}

export class Poller {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly controller = new AbortController();
  private watch: FlowWatch | undefined;
  private readonly polling = new Set<string>();

  constructor(private readonly options: PollerOptions) {}

  /** Polls every active flow with a polling trigger and follows later changes (also from other processes). */
  async start(resyncMs = 30_000): Promise<void> {
    this.watch = await watchActiveFlows(this.options.store, this.options.logger, (id) => this.refresh(id), resyncMs);
  }

  async refresh(flowId: string): Promise<void> {
    clearInterval(this.timers.get(flowId));
    this.timers.delete(flowId);
    const flow = await this.options.store.flows.get(flowId);
    if (!flow?.active || flow.activeVersion === undefined) return;
    const trigger = (await this.options.store.flows.getVersion(flowId, flow.activeVersion))?.definition.trigger;
    const source = trigger && this.options.sources(trigger.connector, trigger.trigger);
    if (!trigger || !source) return;
    const seconds = trigger.config?.intervalSeconds;
    const interval = typeof seconds === 'number' && seconds >= 1 ? seconds * 1000 : source.intervalMs;
    const tick = () => void this.pollOnce(flowId);
    this.timers.set(flowId, setInterval(tick, interval));
    tick();
  }

  stop(): void {
    this.watch?.stop();
    this.controller.abort();
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }

  /** One poll of one flow; returns how many runs were queued (0 when another process holds the lease). */
  async pollOnce(flowId: string): Promise<number> {
    // A slow poll must not overlap the next tick: the lease is re-entrant for this process.
    if (this.polling.has(flowId)) return 0;
    this.polling.add(flowId);
    try {
      return await this.pollLeased(flowId);
    } finally {
      this.polling.delete(flowId);
    }
  }

  private async pollLeased(flowId: string): Promise<number> {
    const { store, owner, logger, sources } = this.options;
    const key = { flowId, triggerKey: POLL_TRIGGER_KEY };
    const flow = await store.flows.get(flowId);
    if (!flow?.active || flow.activeVersion === undefined) return 0;
    const trigger = (await store.flows.getVersion(flowId, flow.activeVersion))!.definition.trigger;
    const source = sources(trigger.connector, trigger.trigger);
    if (!source || !(await store.triggerState.acquireLease({ ...key, owner, leaseMs: 5 * 60_000 }))) return 0;
    try {
      const previous = (await store.triggerState.get(key))?.cursor;
      const { events, state } = await source.poll({
        flowId,
        config: trigger.config ?? {},
        credentialId: trigger.credential,
        state: previous ?? undefined,
        signal: this.controller.signal,
      });
      await store.transaction(async (tx) => {
        for (const event of events) await tx.runs.create({ flowId, triggerKind: 'poll', input: event });
        await tx.triggerState.setCursor({ ...key, cursor: state, lastFiredAt: Date.now(), owner });
      });
      if (events.length) this.options.onQueued();
      return events.length;
    } catch (error) {
      logger.warn({ err: error, flowId }, 'poll failed; the cursor is unchanged and the next poll retries');
      return 0;
    } finally {
      await store.triggerState.releaseLease({ ...key, owner });
    }
  }
}
