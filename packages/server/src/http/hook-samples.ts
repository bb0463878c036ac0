// "Listen for a test event": while an editor waits (GET /api/flows/:id/deliveries/next), a flow that is not live
// (a draft being built, or switched off) accepts deliveries at its webhook URL as sample data only: verified like
// any delivery, handed to the waiting editor, never stored and never run. Without a listener such a delivery is
// refused as before (404), so the sender retries and nothing it was told was accepted is lost.
// Samples live in this process's memory (a few per flow): in a deployment of several web processes, a draft's test
// delivery counts when it reaches the process holding the listen request (otherwise 404, and the sender retries).
// Deliveries to live flows are stored and run as usual; a listener finds those in the store (any process).
import type { JsonValue } from '@weft/core';

export interface HookSample {
  id: string;
  receivedAt: number;
  input: JsonValue;
}

const KEPT_PER_FLOW = 5;
const MAX_FLOWS = 200;

export class HookSamples {
  private readonly waiters = new Map<string, Set<(sample: HookSample) => void>>();
  private readonly recent = new Map<string, HookSample[]>();
  private counter = 0;

  /** True while an editor waits for this flow's next delivery. */
  listening(flowId: string): boolean {
    return (this.waiters.get(flowId)?.size ?? 0) > 0;
  }

  /** Records a sample and hands it to every waiter of the flow. */
  offer(flowId: string, input: JsonValue, receivedAt: number): HookSample {
    const sample = { id: `sample_${receivedAt}_${++this.counter}`, receivedAt, input };
    const kept = [sample, ...(this.recent.get(flowId) ?? [])].slice(0, KEPT_PER_FLOW);
    this.recent.delete(flowId);
    this.recent.set(flowId, kept);
    if (this.recent.size > MAX_FLOWS) this.recent.delete(this.recent.keys().next().value!);
    for (const waiter of this.waiters.get(flowId) ?? []) waiter(sample);
    return sample;
  }

  /** The flow's recent samples, newest first. */
  recentOf(flowId: string): readonly HookSample[] {
    return this.recent.get(flowId) ?? [];
  }

  /** Registers a waiter; `stop` unregisters it. The callback gets each sample offered until then. */
  listen(flowId: string, onSample: (sample: HookSample) => void): { stop(): void } {
    let set = this.waiters.get(flowId);
    if (!set) this.waiters.set(flowId, (set = new Set()));
    set.add(onSample);
    return {
      stop: () => {
        set.delete(onSample);
        if (!set.size && this.waiters.get(flowId) === set) this.waiters.delete(flowId);
      },
    };
  }
}

const registries = new WeakMap<object, HookSamples>();

/** The samples of one runtime, keyed by its store (shared by the webhook ingress and the API routes). */
export function hookSamplesOf(owner: object): HookSamples {
  let samples = registries.get(owner);
  if (!samples) registries.set(owner, (samples = new HookSamples()));
  return samples;
}
