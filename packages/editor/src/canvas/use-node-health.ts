// The health warnings of the edited flow's nodes, read with connector health (polled): the same Map object
// until a warning changes, so a poll that changed nothing on this flow does not redraw the canvas.
import { useMemo, useRef } from 'react';
import { useConnectorHealth } from '../hooks/use-connector-health.js';
import { nodeHealthWarnings, sameWarnings, type NodeHealthWarning } from '../model/connection-health.js';
import type { FlowDefinition } from '../model/flow-types.js';

export function useNodeHealth(flow: FlowDefinition): ReadonlyMap<string, NodeHealthWarning> {
  const { index } = useConnectorHealth();
  const last = useRef<ReadonlyMap<string, NodeHealthWarning>>(new Map());
  return useMemo(() => {
    const next = nodeHealthWarnings(flow, index);
    if (!sameWarnings(last.current, next)) last.current = next;
    return last.current;
  }, [flow, index]);
}
