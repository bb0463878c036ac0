// The run page's header: where the run belongs, its status, what started it and how long it took, and the
// cancel / retry actions its status allows. A retry runs the failed run's own version or the flow's live one, and
// the run it retried is linked.
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
          {detail.retryOf ? (
            <>
              {' '}
              · retry of{' '}
              <Link to={`/runs/${encodeURIComponent(detail.retryOf)}`} data-testid="retry-of">
                {shortRunId(detail.retryOf)}
              </Link>
            </>
          ) : null}
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
            <>
              <Button
                variant="primary"
                onClick={() => void actions.retry('original')}
                disabled={actions.busy}
                testId="retry-run"
              >
                {detail.flowVersion ? `Retry with version ${detail.flowVersion}` : 'Retry run'}
              </Button>
              {flow?.activeVersion !== undefined && flow.activeVersion !== detail.flowVersion ? (
                <Button
                  onClick={() => void actions.retry('current')}
                  disabled={actions.busy}
                  testId="retry-run-current"
                >
                  Retry with the live version ({flow.activeVersion})
                </Button>
              ) : null}
            </>
          ) : null}
        </div>
      }
    />
  );
}
