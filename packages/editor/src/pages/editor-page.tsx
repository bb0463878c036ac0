// Loads a flow and the connector catalog (useFlowRecord), then hands both to the editor.
import { ReactFlowProvider } from '@xyflow/react';
import { FlowEditor } from '../canvas/flow-editor.js';
import { Link } from '../ui/link.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { useFlowRecord } from './editor/use-flow-record.js';

export function EditorPage({ flowId }: { flowId: string }) {
  const { record, manifests, error, catalogError } = useFlowRecord(flowId);

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
