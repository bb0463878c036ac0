// The right-hand side of the run page: the selected step's attempt, error, input and output (or the run's own
// input and output when no step is selected), then the logs of that step or of the whole run.
import type { LogItem, RunDetail } from '../../api/types.js';
import type { StepView } from '../../model/run-state.js';
import { formatDuration } from '../../model/waterfall.js';
import { JsonBlock, StatusBadge } from '../../ui/status.js';
import { plainError } from '../../model/plain-error.js';
import { FileChips } from './file-chips.js';

export function StepDetail({
  step,
  detail,
  logs,
  selected,
}: {
  step: StepView | undefined;
  detail: RunDetail;
  logs: LogItem[];
  selected: string | undefined;
}) {
  const shown = selected ? logs.filter((l) => l.stepKey === selected) : logs;
  return (
    <section className="step-detail" aria-labelledby="step-title" data-testid="step-detail">
      {step ? (
        <>
          <h2 id="step-title">
            <span className="mono">{step.key}</span> <StatusBadge status={step.status} />
          </h2>
          <p className="muted small">
            Attempt {step.attempt}
            {step.port ? ` · continued on “${step.port}”` : ''} ·{' '}
            {formatDuration(step.endedAt !== undefined ? step.endedAt - step.startedAt : undefined)}
          </p>
          {step.error ? (
            <div className="error-note" role="alert" title={step.error.code}>
              {plainError(step.error.message)}
            </div>
          ) : null}
          <JsonBlock label="Input" value={step.input} testId="step-input" />
          <FileChips label="Input" value={step.input} runId={detail.id} />
          <JsonBlock label="Output" value={step.output} testId="step-output" />
          <FileChips label="Output" value={step.output} runId={detail.id} />
        </>
      ) : (
        <>
          <h2 id="step-title">Run data</h2>
          <p className="muted small">Choose a step in the timeline or on the graph to see its data.</p>
          <JsonBlock label="Trigger input" value={detail.input} />
          <FileChips label="Trigger input" value={detail.input} runId={detail.id} />
          {detail.output !== undefined ? <JsonBlock label="Output" value={detail.output} /> : null}
        </>
      )}
      <h3>Logs{selected ? ' of this step' : ''}</h3>
      <LogList logs={shown} withStep={!selected} />
    </section>
  );
}

function LogList({ logs, withStep }: { logs: LogItem[]; withStep: boolean }) {
  if (!logs.length) return <p className="muted small">No logs.</p>;
  return (
    <ul className="log-list" data-testid="run-logs">
      {logs.map((l, i) => (
        <li key={i} className={`log-${l.level}`}>
          <span className="log-time">{new Date(l.at).toLocaleTimeString()}</span>{' '}
          <span className="log-level">{l.level}</span>{' '}
          {l.stepKey && withStep ? <span className="mono">{l.stepKey}: </span> : null}
          {l.message}
        </li>
      ))}
    </ul>
  );
}
