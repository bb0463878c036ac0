// A node on the canvas: one input handle (not on the trigger) and one output handle per port, each labelled.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { ConnectorIcon } from '../ui/connector-icon.js';
import { NodeHealthLine, NodeHealthMarker } from './node-health-marker.js';
import type { FlowNode } from './node-view.js';

const STATUS_TEXT: Record<string, string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

function StepNodeComponent({ data, selected }: NodeProps<FlowNode>) {
  const problemText = data.problems.map((p) => p.message).join('\n');
  return (
    <div
      className={`flow-node kind-${data.kind}${selected ? ' selected' : ''}${data.problems.length ? ' has-problems' : ''}${data.status ? ` status-${data.status}` : ''}${data.health ? ` health-${data.health.status}` : ''}`}
      data-testid={`node-${data.id}`}
      data-status={data.status ?? 'idle'}
      data-problems={data.problems.length}
    >
      {data.kind !== 'trigger' ? (
        <Handle
          type="target"
          position={Position.Left}
          id="in"
          className="handle handle-in"
          aria-label={`Input of ${data.title}`}
        />
      ) : null}
      <div className="flow-node-head">
        <ConnectorIcon icon={data.icon} title={data.title} />
        <div className="flow-node-titles">
          <div className="flow-node-title">{data.title}</div>
          <div className="flow-node-subtitle">{data.subtitle}</div>
        </div>
        {data.status ? (
          <span
            className={`node-status node-status-${data.status}`}
            title={STATUS_TEXT[data.status]}
            aria-label={`Status: ${STATUS_TEXT[data.status]}`}
          />
        ) : null}
        {data.health ? <NodeHealthMarker nodeId={data.id} warning={data.health} /> : null}
      </div>
      {data.health ? <NodeHealthLine nodeId={data.id} warning={data.health} /> : null}
      {data.problems.length ? (
        <div className="flow-node-problems" title={problemText} role="note" data-testid={`node-problems-${data.id}`}>
          ⚠ {data.problems.length === 1 ? data.problems[0]!.message : `${data.problems.length} problems`}
        </div>
      ) : null}
      {data.preview !== undefined && !data.problems.length ? (
        <div className="flow-node-data mono" title={data.preview} data-testid={`node-data-${data.id}`}>
          {data.preview}
        </div>
      ) : null}
      <div className="flow-node-ports">
        {data.ports.map((port) => (
          <div key={port.id} className={`flow-node-port port-${port.id.replace(/[^a-z]/gi, '')}`}>
            {data.ports.length > 1 || port.id !== 'success' ? <span className="port-label">{port.label}</span> : null}
            <Handle
              type="source"
              position={Position.Right}
              id={port.id}
              className={`handle handle-out handle-${port.id.replace(/[^a-z]/gi, '')}`}
              data-testid={`handle-${data.id}-${port.id}`}
              aria-label={`Output “${port.label}” of ${data.title}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

export const StepNodeView = memo(StepNodeComponent);
