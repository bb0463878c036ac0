// Dialogs of the editor: published versions (which one is live, restore, a diff between any two) and the keyboard
// shortcut sheet.
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../api/client.js';
import type { FlowVersion } from '../api/types.js';
import type { FlowDefinition } from '../model/flow-types.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorNote, formatTime, Spinner } from '../ui/status.js';
import { SHORTCUTS } from './use-shortcuts.js';
import { Button } from '../ui/button.js';
import { diffVersions, isEmptyDiff, type VersionDiff } from '../model/version-diff.js';

export type DialogName = 'versions' | 'shortcuts' | undefined;

export function EditorDialogs({
  open,
  onClose,
  flowId,
  onRestore,
  live,
}: {
  open: DialogName;
  onClose: () => void;
  flowId: string;
  flow: FlowDefinition;
  onRestore: (definition: FlowDefinition, version: number) => void;
  /** The version the server runs, and whether the flow is on. */
  live?: { version: number | undefined; active: boolean };
}) {
  return (
    <>
      <Dialog open={open === 'versions'} title="Published versions" onClose={onClose} testId="versions-dialog">
        {open === 'versions' ? (
          <Versions
            flowId={flowId}
            live={live}
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
  live,
}: {
  flowId: string;
  onRestore: (definition: FlowDefinition, version: number) => void;
  live: { version: number | undefined; active: boolean } | undefined;
}) {
  const [items, setItems] = useState<FlowVersion[]>();
  const [error, setError] = useState<string>();
  const [compare, setCompare] = useState<[number, number]>();
  useEffect(() => {
    call('listVersions', { params: { id: flowId } })
      .then((body) => {
        const sorted = [...body.items].sort((a, b) => b.version - a.version);
        setItems(sorted);
        if (sorted.length > 1) setCompare([sorted[1]!.version, sorted[0]!.version]);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [flowId]);
  if (error) return <ErrorNote error={error} />;
  if (!items) return <Spinner label="Loading versions" />;
  if (!items.length) return <p className="muted">Nothing published yet. Publish the flow to create version 1.</p>;
  const byVersion = new Map(items.map((v) => [v.version, v]));
  const from = compare && byVersion.get(compare[0]);
  const to = compare && byVersion.get(compare[1]);
  return (
    <>
      <ul className="version-list" data-testid="versions-list">
        {items.map((v) => (
          <li key={v.version}>
            <span className="strong">Version {v.version}</span>
            {live?.version === v.version ? (
              <span className={`tag${live.active ? ' live' : ''}`} data-testid={`version-live-${v.version}`}>
                {live.active ? 'Live' : 'Published, switched off'}
              </span>
            ) : null}
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
      {items.length > 1 && compare ? (
        <section className="version-compare" aria-label="Compare versions" data-testid="version-compare">
          <div className="inline-controls">
            <span>Compare</span>
            {[0, 1].map((side) => (
              <select
                key={side}
                className="input"
                aria-label={side === 0 ? 'Older version' : 'Newer version'}
                value={compare[side]}
                onChange={(e) => {
                  const next: [number, number] = [...compare];
                  next[side] = Number(e.target.value);
                  setCompare(next);
                }}
              >
                {items.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version}
                  </option>
                ))}
              </select>
            ))}
          </div>
          {from && to ? <DiffView diff={diffVersions(from.definition, to.definition)} /> : null}
        </section>
      ) : null}
    </>
  );
}

function DiffView({ diff }: { diff: VersionDiff }) {
  if (isEmptyDiff(diff)) return <p className="muted small">No change in steps, settings or connections.</p>;
  return (
    <ul className="version-diff" data-testid="version-diff">
      {diff.added.map((id) => (
        <li key={`+${id}`} className="diff-added">
          + Step {id} added
        </li>
      ))}
      {diff.removed.map((id) => (
        <li key={`-${id}`} className="diff-removed">
          − Step {id} removed
        </li>
      ))}
      {diff.changed.map((c) => (
        <li key={`~${c.id}`} className="diff-changed">
          ~ {c.id}: {c.fields.join(', ')} changed
        </li>
      ))}
      {diff.edgesAdded.map((e) => (
        <li key={`+e${e}`} className="diff-added">
          + Connection {e}
        </li>
      ))}
      {diff.edgesRemoved.map((e) => (
        <li key={`-e${e}`} className="diff-removed">
          − Connection {e}
        </li>
      ))}
    </ul>
  );
}
