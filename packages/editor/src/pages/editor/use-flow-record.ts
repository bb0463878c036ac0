// What the editor needs before it can open: the flow's record and the connector catalog (when the catalog fails,
// the editor still opens with the built-in nodes and says so).
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client.js';
import { loadCatalog } from '../../api/catalog.js';
import type { FlowRecord } from '../../api/types.js';
import type { ConnectorManifest } from '../../model/catalog.js';

interface Loaded {
  record?: FlowRecord;
  manifests?: ConnectorManifest[];
  error?: { status?: number; message: string };
  catalogError?: string;
}

export function useFlowRecord(flowId: string): Loaded {
  const [loaded, setLoaded] = useState<Loaded & { flowId: string }>({ flowId });
  useEffect(() => {
    let live = true;
    const update = (change: Loaded) => live && setLoaded((old) => ({ ...old, ...change, flowId }));
    call('getFlow', { params: { id: flowId } })
      .then((record) => update({ record }))
      .catch((e: unknown) =>
        update({ error: { status: (e as { status?: number }).status, message: errorMessage(e) } }),
      );
    void loadCatalog().then(({ manifests, error: failed }) =>
      update({
        manifests,
        ...(failed
          ? {
              catalogError: `The connector catalog could not be loaded (${failed}); only built-in nodes are available.`,
            }
          : {}),
      }),
    );
    return () => {
      live = false;
    };
  }, [flowId]);
  return loaded.flowId === flowId ? loaded : {};
}
