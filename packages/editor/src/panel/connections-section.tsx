// Keyboard-friendly editing of a node's outgoing connections: one row per output port.
import { useState } from 'react';
import { useEditor } from '../canvas/editor-context.js';
import { canConnect, connect, disconnect, edgeId } from '../model/connect.js';
import { portOf, type StepNode } from '../model/flow-types.js';
import { outputPorts } from '../model/ports.js';
import { FormError } from '../ui/form-error.js';

export function ConnectionsSection({
  nodeId,
  step,
  onSelect,
}: {
  nodeId: string;
  step: StepNode | undefined;
  onSelect(id: string): void;
}) {
  const { flow, edit } = useEditor();
  const [error, setError] = useState<string>();
  const ports = outputPorts(step);
  const targets = flow.steps.filter((s) => s.id !== nodeId);
  return (
    <details className="panel-section">
      <summary>
        <h3>Connections</h3>
      </summary>
      {ports.map((port) => {
        const edges = flow.edges.filter((e) => e.from === nodeId && portOf(e) === port.id);
        return (
          <div className="form-row" key={port.id}>
            <span className="field-label">Output “{port.label}”</span>
            <ul className="connection-list">
              {edges.map((e) => (
                <li key={edgeId(e)}>
                  <button type="button" className="link-button" onClick={() => onSelect(e.to)}>
                    → {e.to}
                  </button>
                  <button
                    type="button"
                    className="icon-button small"
                    aria-label={`Disconnect ${port.label} from ${e.to}`}
                    onClick={() => edit((f) => disconnect(f, [edgeId(e)]))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <select
              className="input"
              aria-label={`Connect output ${port.label} to`}
              value=""
              onChange={(e) => {
                const to = e.target.value;
                if (!to) return;
                const check = canConnect(flow, { from: nodeId, port: port.id, to });
                if (!check.ok) setError(check.reason);
                else {
                  setError(undefined);
                  edit((f) => connect(f, { from: nodeId, port: port.id, to }));
                }
              }}
            >
              <option value="">Connect to…</option>
              {targets.map((t) => (
                <option
                  key={t.id}
                  value={t.id}
                  disabled={!canConnect(flow, { from: nodeId, port: port.id, to: t.id }).ok}
                >
                  {t.name ? `${t.name} (${t.id})` : t.id}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <FormError message={error} />
    </details>
  );
}
