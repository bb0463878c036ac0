// The flows webhook ingress and the worker execute, kept in memory: the live (active, published) version of each
// flow, and published versions by number (immutable, so only a deleted flow drops them). Reading the live flow
// was a query on every webhook. Whatever changes a flow calls `invalidate(flowId)`; listeners registered with
// `onInvalidate` hear about it (to tell other processes, which call `forget`). A load in flight when the flow
// changes serves only the requests that were already waiting for it. Until every process hears of every change,
// an entry is also re-read after `ttlMs` (default 5 s), which bounds how stale another process may be.
import type { FlowDefinition } from '@weft/core';
import type { FlowRepository, FlowVersionRow } from '@weft/store';

/** Published versions kept at most (the oldest loaded goes first); live versions are one per flow. */
const MAX_VERSIONS = 1000;

export interface FlowCacheOptions {
  /** How long a live entry is trusted without an invalidation (default 5000 ms). */
  ttlMs?: number;
  now?: () => number;
}

export class FlowCache {
  private readonly live = new Map<string, { at: number; flow: Promise<FlowVersionRow | undefined> }>();
  private readonly versions = new Map<string, { at: number; flow: Promise<FlowDefinition | undefined> }>();
  private readonly listeners = new Set<(flowId: string) => void>();

  constructor(
    private readonly flows: Pick<FlowRepository, 'getLive' | 'getVersion'>,
    private readonly options: FlowCacheOptions = {},
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get ttlMs(): number {
    return this.options.ttlMs ?? 5000;
  }

  /** The version triggers start, when the flow is active and published (a miss is remembered too). */
  getLive(flowId: string): Promise<FlowVersionRow | undefined> {
    const now = this.now();
    let entry = this.live.get(flowId);
    if (!entry || now - entry.at >= this.ttlMs) {
      const loaded = { at: now, flow: this.flows.getLive(flowId) };
      this.live.set(flowId, loaded);
      loaded.flow.catch(() => this.live.get(flowId) === loaded && this.live.delete(flowId));
      entry = loaded;
    }
    return entry.flow;
  }

  /** A published version's definition. */
  getVersion(flowId: string, version: number): Promise<FlowDefinition | undefined> {
    const key = `${flowId}\u0000${version}`;
    const now = this.now();
    let entry = this.versions.get(key);
    // A version never changes, but a flow deleted and created again elsewhere reuses its numbers: the ttl bounds
    // how long another process may run the old one.
    if (!entry || now - entry.at >= this.ttlMs) {
      const loaded = { at: now, flow: this.flows.getVersion(flowId, version).then((row) => row?.definition) };
      this.versions.delete(key);
      if (this.versions.size >= MAX_VERSIONS) this.versions.delete(this.versions.keys().next().value!);
      this.versions.set(key, loaded);
      // A miss is not kept: the version may be published a moment later.
      const drop = () => this.versions.get(key) === loaded && this.versions.delete(key);
      loaded.flow.then((definition) => definition === undefined && drop(), drop);
      entry = loaded;
    }
    return entry.flow;
  }

  /** The flow changed here (published, (de)activated, edited, deleted): drop it and tell the listeners. */
  invalidate(flowId: string): void {
    this.forget(flowId);
    for (const listener of this.listeners) listener(flowId);
  }

  /** The flow changed elsewhere (another process said so): drop it, telling no one. */
  forget(flowId: string): void {
    this.live.delete(flowId);
    const prefix = `${flowId}\u0000`;
    for (const key of this.versions.keys()) if (key.startsWith(prefix)) this.versions.delete(key);
  }

  /** Hears every local `invalidate`; returns the unsubscribe function. */
  onInvalidate(listener: (flowId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
