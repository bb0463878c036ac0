// One run: live node statuses while it executes, a timing waterfall, and the selected step's input, output,
// error, attempts and logs. Failed runs can be retried, running ones cancelled. The run (stored and live steps
// merged) comes from useRun; header, timeline and step detail are parts in pages/run/.
import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { useRun } from '../hooks/use-run.js';
import { isFinished } from '../model/run-state.js';
import { Link } from '../ui/link.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { RunGraph } from './run/run-graph.js';
import { RunHeader } from './run/run-header.js';
import { RunTimeline } from './run/run-timeline.js';
import { StepDetail } from './run/step-detail.js';
import { useRunActions } from './run/use-run-actions.js';
import { useRunFlow } from './run/use-run-flow.js';
import { ReplayDialog } from './run/replay-dialog.js';
import { RunReplays } from './run/run-replays.js';
import { replayTarget } from '../model/replay-input.js';
import { Button } from '../ui/button.js';
import { plainError } from '../model/plain-error.js';

export function RunPage({ runId }: { runId: string }) {
  const { view, detail, logs, error: loadError, refresh } = useRun(runId, { logs: true });
  const { flow, manifests } = useRunFlow(detail?.flowId);
  const actions = useRunActions(runId, refresh);
  const [selected, setSelected] = useState<string>();
  const [replaying, setReplaying] = useState(false);
  const error = actions.error ? { message: actions.error } : loadError;

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

  const replay = isFinished(view.status)
    ? replayTarget({
        flow: flow?.definition,
        manifests,
        step: selected ? view.steps.get(selected) : undefined,
        runInput: detail.input,
      })
    : undefined;

  return (
    <main className="page run-page" data-testid="run-page" data-status={view.status}>
      <RunHeader view={view} detail={detail} flow={flow} actions={actions} />
      <RunReplays detail={detail} />
      <ErrorNote error={error?.message} />
      {detail.stepCount !== undefined && detail.stepCount > detail.steps.length ? (
        <p className="muted small" data-testid="steps-shown">
          Showing the first {detail.steps.length.toLocaleString()} of {detail.stepCount.toLocaleString()} steps.
        </p>
      ) : null}
      {view.error ? (
        <div className="error-note" role="alert">
          {plainError(view.error.message)}
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
      {replay ? (
        <div className="replay-bar">
          <Button onClick={() => setReplaying(true)} testId="replay-from-here">
            Replay from here
          </Button>
        </div>
      ) : null}
      {replay && replaying ? (
        <ReplayDialog key={replay.from} runId={runId} target={replay} onClose={() => setReplaying(false)} />
      ) : null}
      <div className="run-layout">
        <RunTimeline
          view={view}
          flow={flow?.definition}
          finished={isFinished(view.status)}
          selected={selected}
          onSelect={setSelected}
        />
        <StepDetail
          step={selected ? view.steps.get(selected) : undefined}
          detail={detail}
          logs={logs}
          selected={selected}
        />
      </div>
    </main>
  );
}
