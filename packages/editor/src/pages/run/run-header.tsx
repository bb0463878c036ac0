// The run page's header: where the run belongs, its status, what started it and how long it took, and the
// cancel / retry actions its status allows.
import type { FlowRecord, RunDetail } from '../../api/types.js';
import { isFinished, type RunView } from '../../model/run-state.js';
import { formatDuration } from '../../model/waterfall.js';
import { Button } from '../../ui/button.js';
import { Link } from '../../ui/link.js';
import { PageHeader } from '../../ui/page.js';
import { formatTime, StatusBadge } from '../../ui/status.js';
import type { RunActions } from './use-run-actions.js';
import { runDuration, shortRunId } from '../../model/run-labels.js';

export function RunHeader({
  view,
  detail,
  flow,
  actions,
}: {
  view: RunView;
  detail: RunDetail;
  flow: FlowRecord | undefined;
  actions: RunActions;
}) {
  const duration = runDuration(view);
  const took = duration !== undefined ? ` · took ${formatDuration(duration)}` : '';
  return (
    <PageHeader
      breadcrumbs={
        <>
          <Link to="/runs">Runs</Link> /{' '}
          {flow ? <Link to={`/flows/${encodeURIComponent(flow.id)}`}>{flow.name}</Link> : detail.flowId}
        </>
      }
      title={
        <>
          Run{' '}
          <span className="mono" title={view.runId} data-testid="run-id">
            {shortRunId(view.runId)}
          </span>{' '}
          <StatusBadge status={view.status} testId="run-status" />
        </>
      }
      subtitle={
        <>
          {detail.triggerKind} · {detail.flowVersion ? `version ${detail.flowVersion}` : 'draft'} · started{' '}
          {formatTime(view.startedAt ?? detail.createdAt)}
          {took}
        </>
      }
      actions={
        <div className="page-actions">
          {!isFinished(view.status) ? (
            <Button onClick={() => void actions.cancel()} disabled={actions.busy}>
              Cancel run
            </Button>
          ) : null}
          {view.status === 'failed' || view.status === 'cancelled' ? (
            <Button variant="primary" onClick={() => void actions.retry()} disabled={actions.busy} testId="retry-run">
              Retry run
            </Button>
          ) : null}
        </div>
      }
    />
  );
}
