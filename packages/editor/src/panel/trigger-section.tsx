// The trigger's own section: its webhook URL (any webhook trigger, with a copy button), the signing secret of signed
// deliveries (saved in the vault as the trigger's connection), listening for a test event and the last events, and
// the sample event pinned for tests and the picker.
import { useState } from 'react';
import { useEditor } from '../canvas/editor-context.js';
import { pinnedSample, pinSample } from '../model/flow-edit.js';
import type { JsonValue } from '../model/flow-types.js';
import { Button } from '../ui/button.js';
import { isConnectionProblem } from '../model/problems.js';
import { triggerSetup } from '../model/trigger-setup.js';
import { SigningSecret } from './signing-secret.js';
import { JsonInput } from '../ui/json-input.js';
import { ListenForEvent } from './listen-for-event.js';

const DEFAULT_SAMPLE = { body: { name: 'Ada' }, headers: {}, query: {} };

export function TriggerSection() {
  const { flow, edit, flowId, pickerInputs, manifests, problems } = useEditor();
  const setup = triggerSetup(manifests, flow.trigger);
  const secretProblems = (problems.get(flow.trigger.id) ?? []).filter(isConnectionProblem);
  const pinned = pinnedSample(flow);
  const known = pinned ?? pickerInputs.samples[flow.trigger.id];
  const [text, setText] = useState(() =>
    JSON.stringify(known ?? (flow.trigger.connector.startsWith('webhook@') ? DEFAULT_SAMPLE : {}), null, 2),
  );
  const [error, setError] = useState<string>();
  const hookUrl = `${location.origin}/hooks/${encodeURIComponent(flowId)}`;

  const pin = () => {
    try {
      const value = JSON.parse(text) as JsonValue;
      setError(undefined);
      edit((f) => pinSample(f, value));
    } catch (e) {
      setError(`The sample is not valid JSON: ${(e as Error).message}`);
    }
  };

  return (
    <>
      {setup.webhook ? (
        <section className="panel-section" aria-labelledby="hook-title" data-testid="webhook-section">
          <h3 id="hook-title">Webhook URL</h3>
          <div className="inline-controls">
            <input
              className="input mono"
              readOnly
              value={hookUrl}
              aria-label="Webhook URL"
              data-testid="webhook-url"
              onFocus={(e) => e.target.select()}
            />
            <Button size="small" onClick={() => void navigator.clipboard?.writeText(hookUrl)}>
              Copy
            </Button>
          </div>
          <p className="muted small">
            {flow.trigger.connector === 'webhook@1'
              ? 'POST JSON here to start a run once the flow is published and switched on. The event is { body, headers, query }.'
              : 'Paste this URL into the provider’s webhook settings. Deliveries start runs once the flow is published and switched on.'}
          </p>
        </section>
      ) : null}
      {setup.secret ? (
        <SigningSecret
          setup={setup}
          stored={flow.trigger.credential !== undefined}
          problems={secretProblems}
          onSaved={(id) => edit((f) => ({ ...f, trigger: { ...f.trigger, credential: id } }))}
        />
      ) : null}
      {setup.webhook || setup.polling ? (
        <ListenForEvent
          polling={setup.polling === true}
          onPinned={(value) => setText(JSON.stringify(value, null, 2))}
        />
      ) : null}
      <section className="panel-section" aria-labelledby="sample-title">
        <h3 id="sample-title">Sample event {pinned !== undefined ? <span className="tag">pinned</span> : null}</h3>
        <p className="muted small">
          Pinned data is used by “Test step”, “Test flow” and the data picker, and is saved with the flow.
        </p>
        <JsonInput
          value={text}
          onChange={setText}
          label="Sample event (JSON)"
          rows={8}
          error={error}
          testId="sample-input"
        />
        <div className="inline-controls">
          <Button variant="primary" size="small" onClick={pin} data-testid="pin-sample">
            {pinned !== undefined ? 'Update pinned sample' : 'Pin sample'}
          </Button>
          {pinned !== undefined ? (
            <Button size="small" onClick={() => edit((f) => pinSample(f, undefined))}>
              Unpin
            </Button>
          ) : null}
        </div>
      </section>
    </>
  );
}
