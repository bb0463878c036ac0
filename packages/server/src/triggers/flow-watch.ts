// Re-reads the flows now and then and calls `refresh` for each flow whose active version changed (activated,
// deactivated, published, deleted) — also when another process sharing the database made the change.
import type { Store } from '@weft/store';
import type { Logger } from 'pino';

export interface FlowWatch {
  stop(): void;
}

export async function watchActiveFlows(
  store: Store,
  logger: Logger,
  refresh: (flowId: string) => Promise<void>,
  intervalMs: number,
): Promise<FlowWatch> {
  const seen = new Map<string, number | undefined>();
  const sync = async () => {
    const flows = await store.flows.list();
    const present = new Set(flows.map((f) => f.id));
    for (const id of [...seen.keys()]) {
      if (present.has(id)) continue;
      seen.delete(id);
      await refresh(id);
    }
    for (const flow of flows) {
      const wanted = flow.active ? flow.activeVersion : undefined;
      if (seen.has(flow.id) && seen.get(flow.id) === wanted) continue;
      seen.set(flow.id, wanted);
      await refresh(flow.id);
    }
  };
  await sync();
  const timer = setInterval(
    () => void sync().catch((err: unknown) => logger.error({ err }, 'trigger resync failed')),
    intervalMs,
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
