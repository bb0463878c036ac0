// The "New flow" dialog: the flow's name and what starts it, chosen from a searchable list of every trigger.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { loadCatalog } from '../../api/catalog.js';
import type { ConnectorManifest, PaletteItem } from '../../model/catalog.js';
import { triggerChoices } from '../../model/new-flow.js';
import { Button } from '../../ui/button.js';
import { ConnectorIcon } from '../../ui/connector-icon.js';
import { Dialog } from '../../ui/dialog.js';
import { Field } from '../../ui/field.js';

export function NewFlowDialog({
  open,
  onClose,
  onCreate,
}: {
  open: boolean;
  onClose: () => void;
  onCreate: (name: string, trigger: { connector: string; trigger: string }) => void;
}) {
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<PaletteItem>();
  const [manifests, setManifests] = useState<ConnectorManifest[]>([]);
  useEffect(() => {
    if (open) void loadCatalog().then((c) => setManifests(c.manifests));
  }, [open]);
  const choices = useMemo(() => triggerChoices(manifests, query), [manifests, query]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || !chosen?.trigger) return;
    onCreate(name.trim(), chosen.trigger);
    onClose();
    setName('');
    setQuery('');
    setChosen(undefined);
  }
  return (
    <Dialog open={open} title="New flow" onClose={onClose}>
      <form onSubmit={submit}>
        <Field label="Name">
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            autoFocus
            placeholder="e.g. New order to Slack"
          />
        </Field>
        <fieldset className="trigger-chooser">
          <legend className="field-label">What starts the flow?</legend>
          <input
            type="search"
            className="search small"
            aria-label="Search triggers"
            placeholder="Search: Stripe, schedule, webhook…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <ul className="trigger-choices" role="radiogroup" aria-label="Triggers" data-testid="trigger-choices">
            {choices.map((item) => (
              <li key={item.id}>
                <label className={`trigger-choice${chosen?.id === item.id ? ' chosen' : ''}`}>
                  <input
                    type="radio"
                    name="trigger"
                    value={item.id}
                    checked={chosen?.id === item.id}
                    onChange={() => setChosen(item)}
                    data-testid={`choose-${item.id}`}
                  />
                  <ConnectorIcon icon={item.icon} size={24} title={item.connectorTitle} />
                  <span>
                    <span className="trigger-choice-title">{item.title}</span>
                    <span className="muted small"> · {item.connectorTitle}</span>
                    <span className="trigger-choice-desc muted small">{item.description}</span>
                  </span>
                </label>
              </li>
            ))}
            {!choices.length ? <li className="muted small">No trigger matches “{query}”.</li> : null}
          </ul>
        </fieldset>
        <div className="dialog-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!chosen}>
            Create flow
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
