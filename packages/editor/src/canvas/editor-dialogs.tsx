// Dialogs of the editor: published versions (with restore) and the keyboard shortcut sheet.
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../api/client.js';
import type { FlowVersion } from '../api/types.js';
import type { FlowDefinition } from '../model/flow-types.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorNote, formatTime, Spinner } from '../ui/status.js';
import { SHORTCUTS } from './use-shortcuts.js';
import { Button } from '../ui/button.js';

export type DialogName = 'versions' | 'shortcuts' | undefined;

export function EditorDialogs({
  open,
  onClose,
  flowId,
  onRestore,
}: {
  open: DialogName;
  onClose: () => void;
  flowId: string;
  flow: FlowDefinition;
  onRestore: (definition: FlowDefinition, version: number) => void;
}) {
  return (
    <>
      <Dialog open={open === 'versions'} title="Published versions" onClose={onClose} testId="versions-dialog">
        {open === 'versions' ? (
          <Versions
            flowId={flowId}
            onRestore={(d, v) => {
              onRestore(d, v);
              onClose();
            }}
          />
        ) : null}
        <div className="dialog-actions">
          <Button onClick={onClose}>Close</Button>
        </div>
      </Dialog>
      <Dialog open={open === 'shortcuts'} title="Keyboard shortcuts" onClose={onClose}>
        <table className="table compact">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <Button onClick={onClose} autoFocus>
            Close
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function Versions({
  flowId,
  onRestore,
}: {
  flowId: string;
  onRestore: (definition: FlowDefinition, version: number) => void;
}) {
  const [items, setItems] = useState<FlowVersion[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call('listVersions', { params: { id: flowId } })
      .then((body) => setItems([...body.items].sort((a, b) => b.version - a.version)))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [flowId]);
  if (error) return <ErrorNote error={error} />;
  if (!items) return <Spinner label="Loading versions" />;
  if (!items.length) return <p className="muted">Nothing published yet. Publish the flow to create version 1.</p>;
  return (
    <ul className="version-list" data-testid="versions-list">
      {items.map((v) => (
        <li key={v.version}>
          <span className="strong">Version {v.version}</span>
          <span className="muted small">{formatTime(v.createdAt)}</span>
          <Button
            size="small"
            onClick={() => onRestore(v.definition, v.version)}
            aria-label={`Restore version ${v.version}`}
          >
            Restore
          </Button>
        </li>
      ))}
    </ul>
  );
}
