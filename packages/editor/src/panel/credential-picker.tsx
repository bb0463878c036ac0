// Chooses the credential a step uses, connects a new one (OAuth2 popup or a key form) and tests it.
import type { Body } from '@weft/core/contract';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call, errorMessage } from '../api/client.js';
import type { Credential } from '../api/types.js';
import type { ConnectorManifest } from '../model/catalog.js';
import {
  API_ADDRESS_FIELD,
  connectMode,
  formValues,
  oauthAvailability,
  oauthResult,
  oauthStartUrl,
} from '../model/credential-form.js';
import type { Problem } from '../model/problems.js';
import { StatusBadge } from '../ui/status.js';
import { Button } from '../ui/button.js';
import { FormError } from '../ui/form-error.js';

export function CredentialPicker({
  manifest,
  value,
  onChange,
  problems = [],
}: {
  manifest: ConnectorManifest;
  value: string | undefined;
  onChange(id: string | undefined): void;
  /** What stops publishing about this node's connection (none chosen, or the chosen one is gone). */
  problems?: Problem[];
}) {
  const [items, setItems] = useState<Credential[]>();
  const [error, setError] = useState<string>();
  const [connecting, setConnecting] = useState(false);
  const [test, setTest] = useState<{ ok: boolean; message: string }>();
  const mode = connectMode(manifest.auth as { kind: string; grant?: unknown } | undefined);

  const load = useCallback(async () => {
    try {
      const body = await call('listCredentials');
      setItems(body.items.filter((c) => c.connector === manifest.name || c.connector.startsWith(`${manifest.name}@`)));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [manifest.name]);
  useEffect(() => void load(), [load]);

  const selected = items?.find((c) => c.id === value);

  async function testConnection() {
    if (!value) return;
    setTest(undefined);
    try {
      const result = await call('testCredential', { params: { id: value } });
      setTest({ ok: result?.ok !== false, message: result?.message ?? 'Connection works.' });
      void load();
    } catch (e) {
      setTest({ ok: false, message: errorMessage(e) });
    }
  }

  if (mode.mode === 'none') return null;
  return (
    <section className="panel-section" aria-labelledby="credential-title">
      <h3 id="credential-title">Connection</h3>
      {error ? <p className="form-error">Credentials could not be loaded: {error}</p> : null}
      <div className={`form-row${problems.length ? ' invalid' : ''}`}>
        <label className="field-label" htmlFor="credential-select">
          {manifest.title} account
        </label>
        <div className="inline-controls">
          <select
            id="credential-select"
            className="input"
            value={value ?? ''}
            onChange={(e) => onChange(e.target.value || undefined)}
            aria-invalid={problems.length ? true : undefined}
            aria-describedby={problems.length ? 'credential-problems' : undefined}
          >
            <option value="">{items?.length ? 'Choose a connection…' : 'No connection yet'}</option>
            {items?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.status !== 'connected' ? ` (${c.status.replace('_', ' ')})` : ''}
              </option>
            ))}
          </select>
          {selected ? <StatusBadge status={selected.status} /> : null}
        </div>
        {problems.length ? (
          <ul className="field-problems" id="credential-problems" data-testid="field-problems-credential">
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="inline-controls">
        <Button size="small" onClick={() => setConnecting(!connecting)} aria-expanded={connecting}>
          Connect new…
        </Button>
        <Button size="small" onClick={() => void testConnection()} disabled={!value}>
          Test connection
        </Button>
      </div>
      {test ? (
        <p className={test.ok ? 'form-ok' : 'form-error'} role="status">
          {test.ok ? '✓ ' : '✗ '}
          {test.message}
        </p>
      ) : null}
      {connecting ? (
        <ConnectForm
          manifest={manifest}
          onDone={async (id) => {
            setConnecting(false);
            await load();
            onChange(id);
          }}
        />
      ) : null}
    </section>
  );
}

export function ConnectForm({
  manifest,
  onDone,
  defaultName,
  replaceId,
}: {
  manifest: ConnectorManifest;
  onDone(id: string): void | Promise<void>;
  defaultName?: string;
  /** Reconnect this credential in place (same id, so the flows using it keep working). */
  replaceId?: string;
}) {
  const mode = connectMode(manifest.auth as { kind: string; grant?: unknown } | undefined, manifest.name);
  const [name, setName] = useState(defaultName ?? `${manifest.title} account`);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [useToken, setUseToken] = useState(false);
  const token = mode.mode === 'popup' && useToken ? mode.token : undefined;
  const fields = mode.mode === 'form' ? mode.fields : token ? [token] : [];

  useEffect(() => {
    if (mode.mode !== 'popup') return;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== location.origin) return;
      const result = oauthResult(event.data);
      if (result) void onDone(result.credentialId);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [mode.mode, onDone]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    if (mode.mode === 'popup' && !token) {
      // The window opens now (while the click counts); it is sent to the provider only when an OAuth app is set up.
      const popup = window.open('about:blank', 'weft-oauth', 'width=560,height=720');
      if (!popup) return setError('The sign-in window was blocked. Allow pop-ups for this site and try again.');
      const url = oauthStartUrl(manifest.name, name, replaceId);
      const answer = await fetch(url, { redirect: 'manual', credentials: 'same-origin' })
        .then(async (r) => {
          if (r.type === 'opaqueredirect' || (r.status >= 300 && r.status < 400)) return { redirected: true };
          const body = (await r.json().catch(() => ({}))) as { code?: string; detail?: string };
          return { redirected: false, ...body };
        })
        .catch(() => ({ redirected: false }));
      const available = oauthAvailability(answer, manifest.title, mode.token !== undefined);
      if (available.ok) popup.location.href = url;
      else {
        popup.close();
        setNotice(available.message);
      }
      return;
    }
    setBusy(true);
    try {
      const saved = replaceId
        ? await call('reconnectCredential', { params: { id: replaceId }, body: { name, values: formValues(values) } })
        : await call('createCredential', {
            body: {
              connector: manifest.name,
              name,
              kind: token ? 'oauth2' : authKind(manifest.auth?.kind),
              values: formValues(values),
            },
          });
      await onDone(saved.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="connect-form" onSubmit={(e) => void submit(e)} aria-label={`Connect ${manifest.title}`}>
      <label className="field">
        <span className="field-label">Connection name</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      {fields.map((f) => (
        <label className="field" key={f.key}>
          <span className="field-label">{f.label}</span>
          <input
            className="input"
            type={f.secret ? 'password' : 'text'}
            autoComplete="off"
            required
            value={values[f.key] ?? ''}
            onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            data-testid={`credential-field-${f.key}`}
          />
          {f.help ? <span className="field-help">{f.help}</span> : null}
        </label>
      ))}
      {fields.length ? (
        <details className="advanced-fields" data-testid="credential-advanced">
          <summary>Advanced</summary>
          <label className="field">
            <span className="field-label">{API_ADDRESS_FIELD.label}</span>
            <input
              className="input"
              type="url"
              autoComplete="off"
              placeholder={typeof manifest.baseUrl === 'string' ? manifest.baseUrl : 'https://…'}
              value={values[API_ADDRESS_FIELD.key] ?? ''}
              onChange={(e) => setValues({ ...values, [API_ADDRESS_FIELD.key]: e.target.value })}
              data-testid="credential-field-baseUrl"
            />
            <span className="field-help">{API_ADDRESS_FIELD.help}</span>
          </label>
        </details>
      ) : null}
      {notice ? (
        <div className="form-notice" role="alert" data-testid="oauth-notice">
          <span>{notice}</span>
          <button type="button" className="toast-close" aria-label="Close message" onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      ) : null}
      {typeof manifest.auth?.help === 'string' ? <p className="field-help">{manifest.auth.help}</p> : null}
      <FormError message={error} />
      <div className="inline-controls">
        <Button type="submit" variant="primary" size="small" disabled={busy} data-testid="connect-submit">
          {mode.mode === 'popup' && !token ? `Sign in with ${manifest.title}` : busy ? 'Saving…' : 'Save connection'}
        </Button>
        {mode.mode === 'popup' && mode.token ? (
          <Button size="small" onClick={() => setUseToken(!useToken)} data-testid="toggle-token-form">
            {useToken ? `Sign in with ${manifest.title} instead` : 'Use a token instead'}
          </Button>
        ) : null}
      </div>
      {fields.length ? <p className="muted small">Secrets are stored encrypted and are never shown again.</p> : null}
    </form>
  );
}

/** The manifest's auth kind as the create route takes it; a kind the server does not know is its to refuse. */
const authKind = (kind: string | undefined) => (kind ?? 'apiKey') as Body<'createCredential'>['kind'];
