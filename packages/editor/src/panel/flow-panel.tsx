// The side panel when no node is selected: the flow's problems, its state, and a test run with sample input.
import { useState } from 'react';
import type { FlowRecord, Problem } from '../api/types.js';
import { defaultSample, pinnedSample } from '../model/flow-edit.js';
import type { FlowDefinition, JsonValue } from '../model/flow-types.js';
import { nodeOfProblem } from '../model/problems.js';
import type { RunView } from '../model/run-state.js';
import { liveState } from '../model/live-state.js';
import { StatusBadge } from '../ui/status.js';
import { Button } from '../ui/button.js';
import { JsonInput } from '../ui/json-input.js';

export function FlowPanel({
  flow,
  record,
  problems,
  run,
  onSelectNode,
  onPinSample,
  onTestFlow,
}: {
  flow: FlowDefinition;
  record: FlowRecord;
  problems: Problem[];
  run: RunView | undefined;
  onSelectNode(id: string): void;
  onPinSample(sample: JsonValue): void;
  onTestFlow(input: JsonValue): void;
}) {
  const pinned = pinnedSample(flow);
  const [text, setText] = useState(() => JSON.stringify(pinned ?? defaultSample(flow), null, 2));
  const [error, setError] = useState<string>();
  const parsed = (): JsonValue | undefined => {
    try {
      setError(undefined);
      return JSON.parse(text) as JsonValue;
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
      return undefined;
    }
  };
  return (
    <aside className="side-panel" aria-label="Flow overview" data-testid="flow-panel">
      <header className="panel-header">
        <div className="panel-titles">
          <h2>Flow</h2>
          <p className="muted small">
            <StatusBadge status={record.active ? 'active' : 'inactive'} /> {liveState(record).detail}
          </p>
        </div>
      </header>
      <div className="panel-scroll">
        <section className="panel-section" aria-labelledby="problems-title">
          <h3 id="problems-title">Problems</h3>
          {problems.length ? (
            <ul className="problem-list" data-testid="flow-problems">
              {problems.map((p, i) => {
                const node = nodeOfProblem(flow, p);
                return (
                  <li key={i}>
                    {node ? (
                      <button type="button" className="link-button" onClick={() => onSelectNode(node)}>
                        {node}
                      </button>
                    ) : null}{' '}
                    {p.message}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="muted small">No problems: the flow is ready to publish.</p>
          )}
        </section>
        <section className="panel-section" aria-labelledby="test-flow-title">
          <h3 id="test-flow-title">Test the flow</h3>
          <p className="muted small">
            Runs the saved draft with this trigger input; each node shows its status and data as it runs.
          </p>
          <JsonInput value={text} onChange={setText} label="Test input (JSON)" rows={7} error={error} />
          <div className="inline-controls">
            <Button
              variant="primary"
              size="small"
              onClick={() => {
                const value = parsed();
                if (value !== undefined) onTestFlow(value);
              }}
            >
              Run test
            </Button>
            <Button
              size="small"
              onClick={() => {
                const value = parsed();
                if (value !== undefined) onPinSample(value);
              }}
            >
              Pin to trigger
            </Button>
          </div>
          {run ? (
            <p className="small">
              Last run: <StatusBadge status={run.status} />
            </p>
          ) : null}
        </section>
        <section className="panel-section">
          <h3>Tips</h3>
          <ul className="tips">
            <li>
              Drag nodes from the palette, or select a node and press Enter on a palette item to add one after it.
            </li>
            <li>Connect nodes by dragging from an output dot to another node.</li>
            <li>Press ? for keyboard shortcuts.</li>
          </ul>
        </section>
      </div>
    </aside>
  );
}
