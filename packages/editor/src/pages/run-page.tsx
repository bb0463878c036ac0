// One run: live node statuses while it executes, a timing waterfall, and the selected step's input, output,
// error, attempts and logs. Failed runs can be retried, running ones cancelled.
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import { loadCatalog } from '../api/catalog.js';
import { subscribe } from '../api/live.js';
import type { ConnectorManifest } from '../model/catalog.js';
import { toTime, type FlowRecord, type LogItem, type RunDetail } from '../api/types.js';
import { navigate } from '../app/router.js';
import { applyRunEvent, isFinished, runViewFrom, type RunView } from '../model/run-state.js';
import { formatDuration, waterfall } from '../model/waterfall.js';
import { Link } from '../ui/link.js';
import { EmptyState, ErrorNote, formatTime, JsonBlock, Spinner, StatusBadge } from '../ui/status.js';
import { RunGraph } from './run-graph.js';

export function RunPage({ runId }: { runId: string }) {
  const [detail, setDetail] = useState<RunDetail>();
  const [view, setView] = useState<RunView>();
  const [logs, setLogs] = useState<LogItem[]>([]);
  const [flow, setFlow] = useState<FlowRecord>();
  const [error, setError] = useState<{ status?: number; message: string }>();
  const [selected, setSelected] = useState<string>();
  const [action, setAction] = useState<string>();
  const [manifests, setManifests] = useState<ConnectorManifest[]>([]);

  useEffect(() => {
    void loadCatalog().then(({ manifests: list }) => setManifests(list));
  }, []);

  const refresh = useCallback(async () => {
    try {
      const [run, logPage] = await Promise.all([
        api.get<RunDetail>(`/api/runs/${encodeURIComponent(runId)}`),
        api.get<{ items: LogItem[] }>(`/api/runs/${encodeURIComponent(runId)}/logs`).catch(() => ({ items: [] })),
      ]);
      setDetail(run);
      setView((old) => {
        const fresh = runViewFrom({
          ...run,
          startedAt: toTime(run.startedAt) ?? null,
          endedAt: toTime(run.endedAt) ?? null,
        });
        // Keep live steps the server has not stored yet.
        return old && !isFinished(fresh.status) ? { ...fresh, steps: new Map([...old.steps, ...fresh.steps]) } : fresh;
      });
      setLogs(logPage.items);
      return run;
    } catch (e) {
      setError({ status: (e as { status?: number }).status, message: errorMessage(e) });
      return undefined;
    }
  }, [runId]);

  useEffect(() => {
    void refresh().then((run) => {
      if (run) api.get<FlowRecord>(`/api/flows/${encodeURIComponent(run.flowId)}`).then(setFlow, () => undefined);
    });
  }, [refresh]);

  const finished = view ? isFinished(view.status) : false;
  useEffect(() => {
    if (!view || finished) return;
    const stop = subscribe({ runId }, (event) => {
      if (event.type === 'log')
        setLogs((l) => [...l, { level: event.level, message: event.message, at: event.at, stepKey: event.stepKey }]);
      else setView((v) => (v ? applyRunEvent(v, event) : v));
      if (event.type === 'run.finished') void refresh();
    });
    const timer = setInterval(() => void refresh(), 2000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [runId, finished, refresh, view === undefined]);

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
      setError({ message: `Retry failed: ${errorMessage(e)}` });
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
      setError({ message: `Cancel failed: ${errorMessage(e)}` });
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
                <li key={i} className={`log-${l.level}`}>
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
