// What a node received and produced in the last step test or test run.
import { useEditor } from '../canvas/editor-context.js';
import { formatDuration } from '../model/waterfall.js';
import { JsonBlock, Spinner, StatusBadge } from '../ui/status.js';
import { Button } from '../ui/button.js';
import { plainError } from '../model/plain-error.js';

export function TestSection({ nodeId, isTrigger }: { nodeId: string; isTrigger: boolean }) {
  const { stepTests, testSteps, testStep, testingStep } = useEditor();
  const tested = stepTests.get(nodeId);
  const fromRun = testSteps.get(nodeId);
  return (
    <section className="panel-section" aria-labelledby="test-title">
      <div className="section-head">
        <h3 id="test-title">{isTrigger ? 'Last event' : 'Test'}</h3>
        {!isTrigger ? (
          <Button
            size="small"
            onClick={() => void testStep(nodeId)}
            disabled={testingStep !== undefined}
            data-testid="test-step"
          >
            {testingStep === nodeId ? 'Testing…' : 'Test step'}
          </Button>
        ) : null}
      </div>
      {testingStep === nodeId ? <Spinner label="Running the step" /> : null}
      {tested ? (
        <div className="test-result" data-testid="step-test-result" data-ok={tested.error ? 'false' : 'true'}>
          <p className="muted small">Step test · uses the pinned trigger sample and earlier steps’ test data</p>
          {tested.unsaved ? (
            <p className="form-error small">
              The flow has problems and could not be saved, so the server may have tested the last saved version of this
              step.
            </p>
          ) : null}
          {tested.error ? (
            <p className="form-error" role="alert" data-testid="step-test-error">
              {plainError(tested.error.message)}
            </p>
          ) : null}
          <JsonBlock label="Input" value={tested.input} />
          {tested.output !== undefined ? (
            <JsonBlock label="Output" value={tested.output} testId="step-test-output" />
          ) : null}
          {tested.logs?.length ? (
            <ul className="log-list">
              {tested.logs.map((l, i) => (
                <li key={i} className={`log-${l.level}`}>
                  <span className="log-level">{l.level}</span> {l.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {!tested && fromRun ? (
        <div className="test-result" data-testid="run-step-result">
          <p className="muted small">
            From the last run: <StatusBadge status={fromRun.status} />{' '}
            {fromRun.endedAt ? formatDuration(fromRun.endedAt - fromRun.startedAt) : ''}
          </p>
          {fromRun.error ? <p className="form-error">{plainError(fromRun.error.message)}</p> : null}
          {fromRun.input !== undefined ? <JsonBlock label="Input" value={fromRun.input} /> : null}
          {fromRun.output !== undefined ? <JsonBlock label="Output" value={fromRun.output} /> : null}
        </div>
      ) : null}
      {!tested && !fromRun && !isTrigger && testingStep !== nodeId ? (
        <p className="muted small">
          Run this step alone with the trigger’s pinned sample and earlier steps’ test data, or test the whole flow.
        </p>
      ) : null}
    </section>
  );
}
