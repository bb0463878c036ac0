// Connections (credentials): status, health, last use, test, reconnect, delete, and each connector's health.
// Secrets are never shown. Data and actions come from useConnections and useConnectorHealth; the tables and the
// connect dialog are parts in pages/connections/ and pages/health/.
import { useState } from 'react';
import type { Credential } from '../api/types.js';
import { useConnectorHealth } from '../hooks/use-connector-health.js';
import { connectionHealth } from '../model/connection-health.js';
import { connectMode, oauthStartUrl } from '../model/credential-form.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { Field, Select } from '../ui/field.js';
import { Notice, PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { ConnectDialog, type ConnectTarget } from './connections/connect-dialog.js';
import { ConnectionsTable } from './connections/connections-table.js';
import { ConnectorHealthTable } from './health/connector-health-table.js';
import { useConnections } from './connections/use-connections.js';

export function ConnectionsPage() {
  const connections = useConnections();
  const { items, error, connectable, manifestOf } = connections;
  const [connecting, setConnecting] = useState<ConnectTarget>();
  const [deleting, setDeleting] = useState<Credential>();
  const health = useConnectorHealth();

  function reconnect(credential: Credential) {
    const manifest = manifestOf(credential);
    if (manifest && connectMode(manifest.auth as { kind: string; grant?: unknown } | undefined).mode === 'popup')
      window.open(oauthStartUrl(manifest.name, credential.name, credential.id), 'weft-oauth', 'width=560,height=720');
    else setConnecting({ kind: 'reconnect', credential, manifest });
  }

  return (
    <main className="page">
      <PageHeader
        title="Connections"
        actions={
          connectable.length ? (
            <Field label="Add a connection" compact inline>
              <Select
                value=""
                placeholder="Choose an app…"
                options={connectable.map((m) => ({ value: m.name, label: m.title }))}
                onChange={(name) => {
                  const manifest = connectable.find((m) => m.name === name);
                  if (manifest) setConnecting({ kind: 'add', manifest });
                }}
              />
            </Field>
          ) : null
        }
      />
      <ErrorNote error={error} onRetry={connections.reload} />
      <Notice message={connections.notice} />
      {!items && !error ? <Spinner label="Loading connections" /> : null}
      {items && !items.length ? (
        <EmptyState title="No connections yet">
          Connect an app from a step’s panel, or choose one above. Secrets are stored encrypted.
        </EmptyState>
      ) : null}
      {items?.length ? (
        <ConnectionsTable
          items={items}
          appOf={(c) => manifestOf(c)?.title ?? c.connector}
          healthOf={(c) => connectionHealth(health.index, c.id, c.connector)}
          onTest={(c) => void connections.test(c)}
          onReconnect={reconnect}
          onDelete={setDeleting}
        />
      ) : null}
      {health.report ? (
        <ConnectorHealthTable
          report={health.report}
          titleOf={(name) => connections.manifestOf({ connector: name })?.title ?? name}
        />
      ) : null}
      <ConnectDialog target={connecting} onClose={() => setConnecting(undefined)} onConnected={connections.connected} />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete connection?"
        message={<>Steps that use “{deleting?.name}” will fail until they get another connection.</>}
        confirmLabel="Delete connection"
        danger
        onConfirm={() => {
          setDeleting(undefined);
          if (deleting) void connections.remove(deleting);
        }}
        onCancel={() => setDeleting(undefined)}
      />
    </main>
  );
}
