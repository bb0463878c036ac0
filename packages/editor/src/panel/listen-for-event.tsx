// "Listen for a test event" and "Last event" for webhook triggers: the editor waits (a long poll, renewed until
// stopped) for the next delivery to the flow's URL and pins it as the sample; the recent deliveries, stored or
// taken while listening, can be pinned too. A draft's delivery taken while listening starts no run. A polling
// trigger is polled with the draft's settings instead, and its first item becomes the sample.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../api/client.js';
import { useEditor } from '../canvas/editor-context.js';
import { pinSample } from '../model/flow-edit.js';
import type { JsonValue } from '../model/flow-types.js';
import { Button } from '../ui/button.js';
import { formatTime } from '../ui/status.js';
import { FormError } from '../ui/form-error.js';

/** One long poll; renewed while listening. */
const WAIT_MS = 25_000;

interface Delivery {
  id: string;
  receivedAt: number;
  runId?: string;
  sample: boolean;
  input: JsonValue;
}

export function ListenForEvent({ polling, onPinned }: { polling: boolean; onPinned(value: JsonValue): void }) {
  const { flowId, edit } = useEditor();
  const [listening, setListening] = useState(false);
  const [error, setError] = useState<string>();
  const [recent, setRecent] = useState<Delivery[]>([]);
  const active = useRef(0);

  const refresh = useCallback(() => {
    call('listDeliveries', { params: { id: flowId } })
      .then((reply) => setRecent(reply.items))
      .catch(() => undefined);
  }, [flowId]);
  useEffect(refresh, [refresh]);
  useEffect(() => () => void (active.current += 1), []);

  const pin = (delivery: Delivery) => {
    edit((f) => pinSample(f, delivery.input));
    onPinned(delivery.input);
  };

  const listen = async () => {
    const ticket = ++active.current;
    setListening(true);
    setError(undefined);
    const after = Date.now();
    try {
      while (active.current === ticket) {
        const { delivery } = await call('waitForDelivery', {
          params: { id: flowId },
          query: { timeout: WAIT_MS, after },
        });
        if (active.current !== ticket) return;
        if (delivery) {
          pin(delivery);
          refresh();
          break;
        }
      }
    } catch (e) {
      if (active.current === ticket) setError(`Listening stopped: ${errorMessage(e)}`);
    }
    if (active.current === ticket) setListening(false);
  };

  const stop = () => {
    active.current += 1;
    setListening(false);
  };

  return (
    <section className="panel-section" aria-labelledby="listen-title" data-testid="listen-section">
      <h3 id="listen-title">Test event</h3>
      <p className="muted small">
        {polling
          ? 'Listening checks the source with these settings until it finds an item: that item becomes the sample ' +
            'the next steps map from. It starts no run. Save the flow first so the latest settings are used.'
          : 'Send an event to the webhook URL (from the provider’s dashboard or its CLI) while listening: it ' +
            'becomes the sample the next steps map from. Before the flow is switched on, that event starts no ' +
            'run. Save the flow first so the signing secret is used.'}
      </p>
      <div className="inline-controls">
        {listening ? (
          <>
            <span className="small" role="status" data-testid="listening">
              {polling ? 'Checking the source for an item…' : 'Listening for the next event…'}
            </span>
            <Button size="small" onClick={stop}>
              Stop
            </Button>
          </>
        ) : (
          <Button variant="primary" size="small" onClick={() => void listen()} testId="listen-event">
            Listen for a test event
          </Button>
        )}
      </div>
      <FormError message={error} />
      <h4 className="small">Last events</h4>
      {recent.length ? (
        <ul className="last-events small" data-testid="last-events">
          {recent.map((d) => (
            <li key={d.id} className="inline-controls">
              <span>
                {formatTime(d.receivedAt)} · {d.sample ? 'test event (no run)' : 'started a run'}
              </span>
              <Button size="small" onClick={() => pin(d)}>
                Use as sample
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No event received yet.</p>
      )}
    </section>
  );
}
