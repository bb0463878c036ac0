// The run's timing waterfall: one row per step (loop iterations apart), a bar placed on the run's time axis;
// choosing a row selects the step.
import { useMemo } from 'react';
import type { RunView } from '../../model/run-state.js';
import { formatDuration, waterfall } from '../../model/waterfall.js';
import { StatusBadge } from '../../ui/status.js';
import type { FlowDefinition } from '../../model/flow-types.js';
import { stepLabel } from '../../model/run-labels.js';

export function RunTimeline({
  view,
  finished,
  selected,
  onSelect,
  flow,
}: {
  /** The flow's definition, to name steps as it does. */
  flow?: FlowDefinition | undefined;
  view: RunView;
  finished: boolean;
  selected: string | undefined;
  onSelect: (key: string) => void;
}) {
  const bars = useMemo(() => waterfall([...view.steps.values()], view), [view]);
  return (
    <section className="waterfall" aria-labelledby="waterfall-title">
      <h2 id="waterfall-title">
        Timeline {bars.totalMs ? <span className="muted small">· {formatDuration(bars.totalMs)}</span> : null}
      </h2>
      {bars.bars.length ? (
        <ol className="waterfall-list">
          {bars.bars.map((bar) => (
            <li key={bar.key}>
              <button
                type="button"
                className={`waterfall-row${selected === bar.key ? ' selected' : ''}`}
                onClick={() => onSelect(bar.key)}
                aria-pressed={selected === bar.key}
                data-testid={`step-row-${bar.key}`}
              >
                <span className="waterfall-name" title={bar.key}>
                  {stepLabel(bar.key, bar.nodeId, flow)}
                </span>
                <span className="waterfall-track" aria-hidden="true">
                  <span
                    className={`waterfall-bar status-${bar.status}`}
                    style={{ left: `${bar.offset}%`, width: `${bar.width}%` }}
                  />
                </span>
                <span className="waterfall-time">{formatDuration(bar.durationMs)}</span>
                <StatusBadge status={bar.status} />
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{finished ? 'No step ran.' : 'Waiting for the first step…'}</p>
      )}
    </section>
  );
}
