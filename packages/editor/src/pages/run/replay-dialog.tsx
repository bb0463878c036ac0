// "Replay from here": the selected step's recorded input in a JSON box, checked against the step's input schema
// as it is typed (errors listed by JSON pointer), then POST /api/runs/:id/replay and on to the new run. The
// server checks again; its problems are shown the same way.
import { useMemo, useState } from 'react';
import { ApiError, call, errorMessage } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import {
  checkReplayInput,
  formatInput,
  pointerLabel,
  replayBody,
  serverInputErrors,
  type ReplayTarget,
} from '../../model/replay-input.js';
import type { SchemaError } from '../../model/schema-check.js';
import { Button } from '../../ui/button.js';
import { Dialog } from '../../ui/dialog.js';

export function ReplayDialog({ runId, target, onClose }: { runId: string; target: ReplayTarget; onClose: () => void }) {
  const [text, setText] = useState(() => formatInput(target.initial));
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState<{ errors: SchemaError[]; message?: string }>({ errors: [] });
  const check = useMemo(() => checkReplayInput(text, target.schema), [text, target.schema]);
  const errors = check.ok ? server.errors : check.errors;
  const edited = check.ok && 'input' in replayBody(target, check.value);

  async function submit() {
    if (!check.ok) return;
    setBusy(true);
    try {
      const { runId: next } = await call('replayRun', { params: { id: runId }, body: replayBody(target, check.value) });
      navigate(`/runs/${encodeURIComponent(next)}`);
    } catch (e) {
      setBusy(false);
      const problems = e instanceof ApiError ? e.problems : [];
      setServer({ errors: serverInputErrors(problems), message: errorMessage(e) });
    }
  }

  return (
    <Dialog open title={`Replay from “${target.from}”`} onClose={onClose} testId="replay-dialog">
      <div className="dialog-body">
        <p className="muted small">
          {target.kind === 'trigger'
            ? 'The run starts again with this event.'
            : 'The steps before this one keep their outputs; this step and the ones after it run again with this input.'}
          {target.schema ? ' It is checked against the step’s input schema.' : ''}
        </p>
        <textarea
          className="input mono"
          rows={14}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setServer({ errors: [] });
          }}
          aria-label="Step input (JSON)"
          aria-invalid={errors.length > 0}
          data-testid="replay-input"
          spellCheck={false}
          readOnly={!target.editable}
        />
        {!target.editable ? (
          <p className="muted small">This step runs once per item of a loop: it replays with its recorded input.</p>
        ) : null}
        {errors.length ? (
          <ul className="form-error" role="alert" data-testid="replay-input-errors">
            {errors.map((error, i) => (
              <li key={i} data-testid="replay-input-error">
                <code>{pointerLabel(error.pointer)}</code> {error.message}
              </li>
            ))}
          </ul>
        ) : null}
        {server.message && !server.errors.length ? (
          <p className="form-error" role="alert">
            {server.message}
          </p>
        ) : null}
      </div>
      <div className="dialog-actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" onClick={() => void submit()} disabled={busy || !check.ok} testId="replay-submit">
          {busy ? 'Replaying…' : edited ? 'Replay with this input' : 'Replay'}
        </Button>
      </div>
    </Dialog>
  );
}
