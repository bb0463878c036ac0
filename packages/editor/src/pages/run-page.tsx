// One run: live node statuses while it executes, a timing waterfall, and the selected step's input, output,
// error, attempts and logs. Failed runs can be retried, running ones cancelled.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import { loadCatalog } from '../api/catalog.js';
import type { ConnectorManifest } from '../model/catalog.js';
import type { FlowRecord } from '../api/types.js';
import { useRun } from '../hooks/use-run.js';
import { navigate } from '../app/router.js';
import { isFinished } from '../model/run-state.js';
import { formatDuration, waterfall } from '../model/waterfall.js';
import { Link } from '../ui/link.js';
import { EmptyState, ErrorNote, formatTime, JsonBlock, Spinner, StatusBadge } from '../ui/status.js';
import { RunGraph } from './run-graph.js';

export function RunPage({ runId }: { runId: string }) {
  const { view, detail, logs, error: loadError, refresh } = useRun(runId, { logs: true });
  const [flow, setFlow] = useState<FlowRecord>();
  const [actionError, setActionError] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const [action, setAction] = useState<string>();
  const [manifests, setManifests] = useState<ConnectorManifest[]>([]);
  const error = actionError ? { message: actionError } : loadError;

  useEffect(() => {
    void loadCatalog().then(({ manifests: list }) => setManifests(list));
  }, []);

  const flowId = detail?.flowId;
  useEffect(() => {
    if (flowId) api.get<FlowRecord>(`/api/flows/${encodeURIComponent(flowId)}`).then(setFlow, () => undefined);
  }, [flowId]);

  const finished = view ? isFinished(view.status) : false;
  const steps = useMemo(() => (view ? [...view.steps.values()] : []), [view]);
  const bars = useMemo(() => (view ? waterfall(steps, view) : { bars: [], totalMs: 0 }), [steps, view]);
  const step = selected ? view?.steps.get(selected) : undefined;
  const stepLogs = logs.filter((l) => (selected ? l.stepKey === selected : true));

  async function retry() {
    setAction('retry');
    try {
      const { runId: next } = await api.post<{ runId: string }>(`/api/runs/${encodeURIComponent(runId)}/retry`);
      navigate(`/runs/${encodeURIComponent(next)}`);
    } catch (e) {
      setActionError(`Retry failed: ${errorMessage(e)}`);
    } finally {
      setAction(undefined);
    }
  }

  async function cancel() {
    setAction('cancel');
    try {
      await api.post(`/api/runs/${encodeURIComponent(runId)}/cancel`);
      await refresh();
    } catch (e) {
      setActionError(`Cancel failed: ${errorMessage(e)}`);
    } finally {
      setAction(undefined);
    }
  }

  if (error?.status === 404) {
    return (
      <main className="page">
        <EmptyState title="Run not found" action={<Link to="/runs">Back to runs</Link>} />
      </main>
    );
  }
  if (!detail || !view)
    return error ? (
      <main className="page">
        <ErrorNote error={error.message} />
      </main>
    ) : (
      <Spinner label="Loading run" />
    );

  return (
    <main className="page run-page" data-testid="run-page" data-status={view.status}>
      <div className="page-header">
        <div>
          <p className="breadcrumbs">
            <Link to="/runs">Runs</Link> /{' '}
            {flow ? <Link to={`/flows/${encodeURIComponent(flow.id)}`}>{flow.name}</Link> : detail.flowId}
          </p>
          <h1>
            Run <span className="mono">{runId.slice(0, 12)}</span>{' '}
            <StatusBadge status={view.status} testId="run-status" />
          </h1>
          <p className="muted small">
            {detail.triggerKind} · {detail.flowVersion ? `version ${detail.flowVersion}` : 'draft'} · started{' '}
            {formatTime(view.startedAt ?? detail.createdAt)}
            {view.endedAt && view.startedAt ? ` · took ${formatDuration(view.endedAt - view.startedAt)}` : ''}
          </p>
        </div>
        <div className="page-actions">
          {!finished ? (
            <button type="button" className="button" onClick={() => void cancel()} disabled={action !== undefined}>
              Cancel run
            </button>
          ) : null}
          {view.status === 'failed' || view.status === 'cancelled' ? (
            <button
              type="button"
              className="button primary"
              onClick={() => void retry()}
              disabled={action !== undefined}
              data-testid="retry-run"
            >
              Retry run
            </button>
          ) : null}
        </div>
      </div>
      <ErrorNote error={error?.message} />
      {view.error ? (
        <div className="error-note" role="alert">
          {view.error.message}
        </div>
      ) : null}
      {flow ? (
        <ReactFlowProvider>
          <RunGraph
            manifests={manifests}
            flow={flow.definition}
            view={view}
            selectedKey={selected}
            onSelect={setSelected}
          />
        </ReactFlowProvider>
      ) : null}
      <div className="run-layout">
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
                    onClick={() => setSelected(bar.key)}
                    aria-pressed={selected === bar.key}
                    data-testid={`step-row-${bar.key}`}
                  >
                    <span className="waterfall-name mono">{bar.key}</span>
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
                <div className="error-note" role="alert">
                  {step.error.code ? <strong>{step.error.code}: </strong> : null}
                  {step.error.message}
                </div>
              ) : null}
              <JsonBlock label="Input" value={step.input} testId="step-input" />
              <JsonBlock label="Output" value={step.output} testId="step-output" />
            </>
          ) : (
            <>
              <h2 id="step-title">Run data</h2>
              <p className="muted small">Choose a step in the timeline or on the graph to see its data.</p>
              <JsonBlock label="Trigger input" value={detail.input} />
              {detail.output !== undefined ? <JsonBlock label="Output" value={detail.output} /> : null}
            </>
          )}
          <h3>Logs{selected ? ' of this step' : ''}</h3>
          {stepLogs.length ? (
            <ul className="log-list" data-testid="run-logs">
              {stepLogs.map((l, i) => (
                <li key={l.id ?? i} className={`log-${l.level}`}>
                  <span className="log-time">{new Date(l.at).toLocaleTimeString()}</span>{' '}
                  <span className="log-level">{l.level}</span>{' '}
                  {l.stepKey && !selected ? <span className="mono">{l.stepKey}: </span> : null}
                  {l.message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">No logs.</p>
          )}
        </section>
      </div>
    </main>
  );
}
