// Shows the run currently drawn on the canvas (a test run or a live delivery) and links to its run view.
import { formatDuration } from '../model/waterfall.js';
import type { RunView } from '../model/run-state.js';
import { Link } from '../ui/link.js';
import { StatusBadge } from '../ui/status.js';
import { plainError } from '../model/plain-error.js';
import { runDuration, shortRunId } from '../model/run-labels.js';

export function LiveRunBanner({ run, onClose }: { run: RunView; onClose: () => void }) {
  const took = runDuration(run);
  const duration = took === undefined ? undefined : formatDuration(took);
  return (
    <div className="live-run" data-testid="live-run" data-status={run.status} role="status" aria-live="polite">
      <StatusBadge status={run.status} testId="live-run-status" />
      <span className="muted small" title={run.runId}>
        Run {shortRunId(run.runId)}
      </span>
      {duration ? <span className="muted small">{duration}</span> : null}
      {run.error ? <span className="live-run-error">{plainError(run.error.message)}</span> : null}
      <Link to={`/runs/${encodeURIComponent(run.runId)}`} className="small" data-testid="live-run-open">
        Open run
      </Link>
      <button type="button" className="toast-close" aria-label="Hide run status" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
