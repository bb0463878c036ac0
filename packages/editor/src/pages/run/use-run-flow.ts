// What the run graph needs besides the run: the flow's record and the connector manifests (titles, icons).
import { useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import { loadCatalog } from '../../api/catalog.js';
import type { FlowRecord } from '../../api/types.js';
import type { ConnectorManifest } from '../../model/catalog.js';

export function useRunFlow(flowId: string | undefined) {
  const [flow, setFlow] = useState<FlowRecord>();
  const [manifests, setManifests] = useState<ConnectorManifest[]>([]);
  useEffect(() => {
    void loadCatalog().then(({ manifests: list }) => setManifests(list));
  }, []);
  useEffect(() => {
    if (flowId) call('getFlow', { params: { id: flowId } }).then(setFlow, () => undefined);
  }, [flowId]);
  return { flow, manifests };
}
