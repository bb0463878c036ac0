// Polling triggers: a connector's poll function runs on its interval with a persisted cursor. Items already
// seen (by the connector's dedupe key, remembered in the trigger state) never start a second run. Only the
// process holding the trigger's lease polls; the new cursor and the queued runs are written in one transaction.
import type { JsonValue } from '@weft/core';
import type { Store } from '@weft/store';
import type { Logger } from 'pino';

export const POLL_TRIGGER_KEY = 'poll';
const SEEN_LIMIT = 5000;

export interface PollRequest {
  flowId: string;
  config: Record<string, JsonValue>;
  credentialId: string | undefined;
  cursor: JsonValue | undefined;
  signal: AbortSignal;
}

export interface PollingSource {
  poll(request: PollRequest): Promise<{ items: JsonValue[]; cursor: JsonValue }>;
  dedupeKey(item: JsonValue): string;
  /** Default interval when the flow does not set `config.intervalSeconds`. */
  intervalMs: number;
}

/** Finds the polling trigger `key` of connector `ref` (`name@major`). */
export type PollingSources = (ref: string, key: string) => PollingSource | undefined;

interface PollState {
  cursor?: JsonValue;
  seen: string[];
}

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

  constructor(private readonly options: PollerOptions) {}

  async start(): Promise<void> {
    for (const flow of await this.options.store.flows.list()) await this.refresh(flow.id);
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
    this.controller.abort();
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }

  /** One poll of one flow; returns how many runs were queued (0 when another process holds the lease). */
  async pollOnce(flowId: string): Promise<number> {
    const { store, owner, logger, sources } = this.options;
    const key = { flowId, triggerKey: POLL_TRIGGER_KEY };
    const flow = await store.flows.get(flowId);
    if (!flow?.active || flow.activeVersion === undefined) return 0;
    const trigger = (await store.flows.getVersion(flowId, flow.activeVersion))!.definition.trigger;
    const source = sources(trigger.connector, trigger.trigger);
    if (!source || !(await store.triggerState.acquireLease({ ...key, owner, leaseMs: 5 * 60_000 }))) return 0;
    try {
      const state = decodeState((await store.triggerState.get(key))?.cursor);
      const result = await source.poll({
        flowId,
        config: trigger.config ?? {},
        credentialId: trigger.credential,
        cursor: state.cursor,
        signal: this.controller.signal,
      });
      const seen = new Set(state.seen);
      const fresh = result.items.filter((item) => {
        const id = source.dedupeKey(item);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      const next: PollState = { cursor: result.cursor, seen: [...seen].slice(-SEEN_LIMIT) };
      await store.transaction(async (tx) => {
        for (const item of fresh) await tx.runs.create({ flowId, triggerKind: 'poll', input: item });
        await tx.triggerState.setCursor({
          ...key,
          cursor: next as unknown as JsonValue,
          lastFiredAt: Date.now(),
          owner,
        });
      });
      if (fresh.length) this.options.onQueued();
      return fresh.length;
    } catch (error) {
      logger.warn({ err: error, flowId }, 'poll failed; the cursor is unchanged and the next poll retries');
      return 0;
    } finally {
      await store.triggerState.releaseLease({ ...key, owner });
    }
  }
}

function decodeState(value: JsonValue | undefined): PollState {
  if (value && typeof value === 'object' && !Array.isArray(value) && Array.isArray(value.seen)) {
    const state: PollState = { seen: value.seen.filter((s): s is string => typeof s === 'string') };
    if (value.cursor !== undefined) state.cursor = value.cursor;
    return state;
  }
  return { seen: [] };
}
