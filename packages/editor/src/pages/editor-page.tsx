// Loads a flow and the connector catalog, then hands both to the editor.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { FlowRecord } from '../api/types.js';
import { FlowEditor } from '../canvas/flow-editor.js';
import { loadCatalog } from '../api/catalog.js';
import type { ConnectorManifest } from '../model/catalog.js';
import { Link } from '../ui/link.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';

export function EditorPage({ flowId }: { flowId: string }) {
  const [record, setRecord] = useState<FlowRecord>();
  const [manifests, setManifests] = useState<ConnectorManifest[]>();
  const [error, setError] = useState<{ status?: number; message: string }>();
  const [catalogError, setCatalogError] = useState<string>();

  useEffect(() => {
    let live = true;
    api
      .get<FlowRecord>(`/api/flows/${encodeURIComponent(flowId)}`)
      .then((r) => live && setRecord(r))
      .catch((e: unknown) => live && setError({ status: (e as { status?: number }).status, message: errorMessage(e) }));
    void loadCatalog().then(({ manifests: list, error: failed }) => {
      if (!live) return;
      if (failed)
        setCatalogError(`The connector catalog could not be loaded (${failed}); only built-in nodes are available.`);
      setManifests(list);
    });
    return () => {
      live = false;
    };
  }, [flowId]);

  if (error) {
    return (
      <main className="page">
        {error.status === 404 ? (
          <EmptyState title="Flow not found" action={<Link to="/">Back to flows</Link>}>
            It may have been deleted.
          </EmptyState>
        ) : (
          <ErrorNote error={error.message} />
        )}
      </main>
    );
  }
  if (!record || !manifests) return <Spinner label="Opening flow" />;
  return (
    <ReactFlowProvider>
      <FlowEditor record={record} manifests={manifests} catalogError={catalogError} />
    </ReactFlowProvider>
  );
}
