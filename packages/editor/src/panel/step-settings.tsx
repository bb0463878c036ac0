// Execution settings of a step: error handling, retries and timeout.
import type { StepNode } from '../model/flow-types.js';
import type { Problem } from '../model/problems.js';

export function StepSettings({
  step,
  onChange,
  problems,
}: {
  step: StepNode;
  onChange(patch: (s: StepNode) => StepNode, coalesce?: string): void;
  problems: Problem[];
}) {
  const retryProblems = problems.filter((p) => /\/(retry|timeout|onError)/.test(p.pointer));
  const setNumber = (key: 'timeout', text: string) =>
    onChange((s) => {
      const { [key]: _old, ...rest } = s;
      const n = Number(text);
      return text === '' || !Number.isFinite(n) ? rest : { ...rest, [key]: Math.round(n) };
    }, `settings.${key}`);
  return (
    <details className="panel-section" open={Boolean(step.onError || step.retry || step.timeout)}>
      <summary>
        <h3>Settings</h3>
      </summary>
      <div className="form-row">
        <label className="field-label" htmlFor="s-on-error">
          When this step fails
        </label>
        <select
          id="s-on-error"
          className="input"
          value={step.onError ?? 'fail'}
          onChange={(e) =>
            onChange((s) => {
              const { onError: _o, ...rest } = s;
              return e.target.value === 'fail'
                ? rest
                : { ...rest, onError: e.target.value as StepNode['onError'] & string };
            })
          }
        >
          <option value="fail">Stop the run (fail)</option>
          <option value="continue">Continue with the next steps</option>
          <option value="route">Follow the error output</option>
        </select>
      </div>
      <div className="form-grid">
        <div className="form-row">
          <label className="field-label" htmlFor="s-attempts">
            Attempts
          </label>
          <input
            id="s-attempts"
            className="input"
            type="number"
            min={1}
            max={50}
            value={step.retry?.attempts ?? 1}
            onChange={(e) =>
              onChange((s) => {
                const attempts = Math.max(1, Math.min(50, Math.round(Number(e.target.value) || 1)));
                const { retry: _r, ...rest } = s;
                return attempts === 1
                  ? rest
                  : { ...rest, retry: { ...(s.retry ?? {}), attempts, backoff: s.retry?.backoff ?? 'exponential' } };
              }, 'settings.attempts')
            }
          />
        </div>
        <div className="form-row">
          <label className="field-label" htmlFor="s-timeout">
            Timeout (ms)
          </label>
          <input
            id="s-timeout"
            className="input"
            type="number"
            min={1}
            placeholder="Default"
            value={step.timeout ?? ''}
            onChange={(e) => setNumber('timeout', e.target.value)}
          />
        </div>
      </div>
      {retryProblems.length ? (
        <ul className="field-problems">
          {retryProblems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
