// Which flows of the list use a degraded or down connection. The list's summaries do not name credentials, so
// the definitions are read — only while something is unhealthy, a few at a time, each once per change
// (cached by id and update time) — and checked with model/connection-health.
import { useEffect, useMemo, useState } from 'react';
import { call } from '../../api/client.js';
import type { FlowSummary } from '../../api/types.js';
import { useConnectorHealth } from '../../hooks/use-connector-health.js';
import { anyUnhealthy, flowHealthSummary, nodeHealthWarnings } from '../../model/connection-health.js';
import type { FlowDefinition } from '../../model/flow-types.js';

export type FlowHealth = NonNullable<ReturnType<typeof flowHealthSummary>>;

const PARALLEL = 4;
const definitions = new Map<string, { updatedAt: number; definition: FlowDefinition }>();

export function useFlowHealth(flows: readonly FlowSummary[] | undefined): Map<string, FlowHealth> {
  const { index } = useConnectorHealth();
  const unhealthy = anyUnhealthy(index);
  const [loaded, setLoaded] = useState(0);

  useEffect(() => {
    if (!unhealthy || !flows) return;
    let live = true;
    const missing = flows.filter((f) => definitions.get(f.id)?.updatedAt !== f.updatedAt);
    const next = async (): Promise<void> => {
      const flow = missing.shift();
      if (!flow || !live) return;
      try {
        const record = await call('getFlow', { params: { id: flow.id } });
        definitions.set(flow.id, { updatedAt: flow.updatedAt, definition: record.definition });
        if (live) setLoaded((n) => n + 1);
      } catch {
        // A flow deleted meanwhile, or a network error: it gets no warning this time.
      }
      return next();
    };
    void Promise.all(Array.from({ length: PARALLEL }, next));
    return () => {
      live = false;
    };
  }, [flows, unhealthy]);

  return useMemo(() => {
    const result = new Map<string, FlowHealth>();
    if (!unhealthy || !flows) return result;
    for (const flow of flows) {
      const known = definitions.get(flow.id);
      const summary = known && flowHealthSummary(nodeHealthWarnings(known.definition, index));
      if (summary) result.set(flow.id, summary);
    }
    return result;
    // `loaded` changes when another definition arrived.
  }, [flows, index, unhealthy, loaded]);
}
