// Connections (credentials): status, last use, test, reconnect, delete. Secrets are never shown.
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { Credential } from '../api/types.js';
import { loadCatalog } from '../api/catalog.js';
import type { ConnectorManifest } from '../model/catalog.js';
import { connectMode, oauthResult, oauthStartUrl } from '../model/credential-form.js';
import { ConnectForm } from '../panel/credential-picker.js';
import { ConfirmDialog, Dialog } from '../ui/dialog.js';
import { EmptyState, ErrorNote, relativeTime, Spinner, StatusBadge } from '../ui/status.js';

export function ConnectionsPage() {
  const [items, setItems] = useState<Credential[]>();
  const [manifests, setManifests] = useState<ConnectorManifest[]>([]);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [deleting, setDeleting] = useState<Credential>();
  const [reconnecting, setReconnecting] = useState<Credential>();
  const [adding, setAdding] = useState<ConnectorManifest>();

  const load = useCallback(() => {
    setError(undefined);
    api
      .get<{ items: Credential[] }>('/api/credentials')
      .then((b) => setItems(b.items))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    void loadCatalog().then(({ manifests: list }) => setManifests(list));
  }, []);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin === location.origin && oauthResult(event.data)) {
        setNotice('Connected.');
        load();
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [load]);

  const manifestOf = (c: Credential) =>
    manifests.find((m) => m.name === c.connector || c.connector.startsWith(`${m.name}@`));
  const connectable = manifests.filter((m) => connectMode(m.auth as { kind: string } | undefined).mode !== 'none');

  async function test(c: Credential) {
    try {
      const result = await api.post<{ ok?: boolean; message?: string }>(
        `/api/credentials/${encodeURIComponent(c.id)}/test`,
      );
      setNotice(
        result?.ok === false ? `“${c.name}” failed: ${result.message ?? 'unknown error'}` : `“${c.name}” works.`,
      );
    } catch (e) {
      setNotice(`“${c.name}” failed: ${errorMessage(e)}`);
    }
    load();
  }

  function reconnect(c: Credential) {
    const manifest = manifestOf(c);
    if (manifest && connectMode(manifest.auth as { kind: string; grant?: unknown } | undefined).mode === 'popup') {
      window.open(oauthStartUrl(manifest.name, c.name, c.id), 'weft-oauth', 'width=560,height=720');
    } else setReconnecting(c);
  }

  async function remove() {
    const target = deleting;
    setDeleting(undefined);
    if (!target) return;
    try {
      await api.delete(`/api/credentials/${encodeURIComponent(target.id)}`);
      setNotice(`Deleted “${target.name}”.`);
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <main className="page">
      <div className="page-header">
        <h1>Connections</h1>
        {connectable.length ? (
          <label className="field compact inline">
            <span className="field-label">Add a connection</span>
            <select
              className="input"
              value=""
              onChange={(e) => setAdding(connectable.find((m) => m.name === e.target.value))}
            >
              <option value="">Choose an app…</option>
              {connectable.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <ErrorNote error={error} onRetry={load} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {!items && !error ? <Spinner label="Loading connections" /> : null}
      {items && !items.length ? (
        <EmptyState title="No connections yet">
          Connect an app from a step’s panel, or choose one above. Secrets are stored encrypted.
        </EmptyState>
      ) : null}
      {items?.length ? (
        <table className="table" data-testid="credentials-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">App</th>
              <th scope="col">Status</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td className="strong">{c.name}</td>
                <td>{manifestOf(c)?.title ?? c.connector}</td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td className="muted">{relativeTime(c.lastUsedAt)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => void test(c)}
                    aria-label={`Test ${c.name}`}
                  >
                    Test
                  </button>
                  <button
                    type="button"
                    className={c.status === 'connected' ? 'button ghost small' : 'button small primary'}
                    onClick={() => reconnect(c)}
                    aria-label={`Reconnect ${c.name}`}
                  >
                    Reconnect
                  </button>
                  <button
                    type="button"
                    className="button ghost small danger-text"
                    onClick={() => setDeleting(c)}
                    aria-label={`Delete ${c.name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Dialog
        open={adding !== undefined || reconnecting !== undefined}
        title={reconnecting ? `Reconnect ${reconnecting.name}` : `Connect ${adding?.title ?? ''}`}
        onClose={() => (setAdding(undefined), setReconnecting(undefined))}
      >
        {adding || reconnecting ? (
          <ConnectForm
            manifest={
              adding ??
              manifestOf(reconnecting!) ?? {
                name: reconnecting!.connector,
                version: '1.0.0',
                title: reconnecting!.connector,
                auth: { kind: reconnecting!.kind },
              }
            }
            {...(reconnecting ? { defaultName: reconnecting.name, replaceId: reconnecting.id } : {})}
            onDone={async () => {
              setAdding(undefined);
              setReconnecting(undefined);
              setNotice('Connected.');
              load();
            }}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete connection?"
        message={<>Steps that use “{deleting?.name}” will fail until they get another connection.</>}
        confirmLabel="Delete connection"
        danger
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(undefined)}
      />
    </main>
  );
}
