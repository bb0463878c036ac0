// A flow's webhook deliveries for the editor: "Last event" lists the recent ones (stored deliveries with the input
// of the run they started, and samples taken while listening), and "Listen for a test event" long-polls for the
// next one. A long poll rather than the live socket: stored deliveries are found in the store, so one reaching any
// process counts (run events on the socket do not cross processes on PostgreSQL), and the editor needs one answer,
// not a stream. While it waits, a flow that is not live accepts deliveries as samples (http/hook-samples.ts).
// A polling trigger has no deliveries: listening polls its source with the draft's config (no stored cursor, so the
// flow's own polling is untouched) until an item comes, and that item is the sample.
import { API } from '@weft/core/contract';
import type { FlowDefinition, JsonValue } from '@weft/core';
import type { Context } from 'koa';
import type { Services } from '../context.js';
import { hookSamplesOf, type HookSample } from '../http/hook-samples.js';
import type { PollingSource } from '../triggers/poller.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

/** How often a listener looks in the store for a stored delivery (one indexed query). */
const STORE_POLL_MS = 250;
/** Between two polls of a polling trigger's source while listening (its own interval when shorter). */
const SOURCE_POLL_MS = 5_000;
const LISTED = 10;

interface Delivery {
  id: string;
  receivedAt: number;
  runId?: string;
  sample: boolean;
  input: JsonValue;
}

export function deliveryRoutes(services: Services) {
  const { store } = services;
  const router = securedRouter(store);
  const route = routesOn(router, services.config.bodyLimit);
  const samples = hookSamplesOf(store);

  const flowOr404 = async (id: string) => {
    const flow = await store.flows.get(id);
    if (!flow) throw new HttpProblem(404, 'flow_not_found', `There is no flow with id "${id}".`);
    return flow;
  };

  /** Stored deliveries with their run's input (the trigger's event as the steps see it). */
  const stored = async (flowId: string, options: { limit: number; after?: number }): Promise<Delivery[]> => {
    const events = await store.webhookEvents.listForFlow(flowId, options);
    const runs = await Promise.all(events.map((e) => store.runs.get(e.runId)));
    return events.map((event, i) => ({
      id: event.id,
      receivedAt: event.receivedAt,
      runId: event.runId,
      sample: false,
      input: runs[i]?.input ?? null,
    }));
  };

  route(API.listDeliveries).handle(async ({ params }) => {
    await flowOr404(params.id);
    const items = [...(await stored(params.id, { limit: LISTED })), ...samples.recentOf(params.id).map(asDelivery)];
    return { items: items.sort((a, b) => b.receivedAt - a.receivedAt).slice(0, LISTED) };
  });

  route(API.waitForDelivery).handle(async ({ params, query }, ctx) => {
    const flow = await flowOr404(params.id);
    const { connector, trigger } = flow.definition.trigger;
    const source = services.platform?.pollingSources(connector, trigger);
    if (source) return { delivery: await nextPolled(ctx, params.id, flow.definition, source, query.timeout) };
    const after = query.after ?? Date.now();
    return { delivery: await nextDelivery(ctx, params.id, after, query.timeout) };
  });

  /** The first delivery after `after`: a sample offered while waiting, or one found in the store. */
  function nextDelivery(ctx: Context, flowId: string, after: number, timeoutMs: number): Promise<Delivery | null> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let poll: NodeJS.Timeout | undefined;
      const finish = (delivery: Delivery | null, error?: unknown) => {
        if (settled) return;
        settled = true;
        listener.stop();
        clearTimeout(timer);
        clearTimeout(poll);
        ctx.res.off('close', gone);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(delivery);
      };
      const listener = samples.listen(flowId, (sample) => finish(asDelivery(sample)));
      const timer = setTimeout(() => finish(null), timeoutMs);
      // The editor went away (a new listen, a closed tab): stop listening, so the flow refuses test deliveries again.
      const gone = () => finish(null);
      ctx.res.on('close', gone);
      const look = () => {
        stored(flowId, { limit: 50, after })
          .then((found) => {
            // Newest first: the next delivery is the oldest of those after `after`.
            const next = found.at(-1);
            if (next) finish(next);
            else if (!settled) poll = setTimeout(look, STORE_POLL_MS);
          })
          .catch((error: unknown) => finish(null, error));
      };
      look();
    });
  }

  /** Polls the draft's source (from no cursor) until it yields an item or time is up; the first item is the sample. */
  async function nextPolled(
    ctx: Context,
    flowId: string,
    definition: FlowDefinition,
    source: PollingSource,
    timeoutMs: number,
  ): Promise<Delivery | null> {
    const controller = new AbortController();
    const stop = () => controller.abort();
    const timer = setTimeout(stop, timeoutMs);
    ctx.res.on('close', stop);
    try {
      let state: JsonValue | undefined;
      while (!controller.signal.aborted) {
        const polled = await source.poll({
          flowId,
          config: definition.trigger.config ?? {},
          credentialId: definition.trigger.credential,
          state,
          signal: controller.signal,
        });
        const item = polled.events[0];
        if (item !== undefined) return asDelivery(samples.offer(flowId, item, Date.now()));
        state = polled.state;
        await new Promise((resolve) => {
          const wait = setTimeout(resolve, Math.min(source.intervalMs, SOURCE_POLL_MS));
          controller.signal.addEventListener('abort', () => resolve(clearTimeout(wait)), { once: true });
        });
      }
      return null;
    } catch (error) {
      if (controller.signal.aborted) return null;
      throw error;
    } finally {
      clearTimeout(timer);
      ctx.res.off('close', stop);
    }
  }

  return router;
}

function asDelivery(sample: HookSample): Delivery {
  return { id: sample.id, receivedAt: sample.receivedAt, sample: true, input: sample.input };
}
