// The connections list's data and actions: credentials, the connector manifests (titles, auth modes), test,
// delete, and a reload when an OAuth popup reports a new connection.
import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client.js';
import { loadCatalog } from '../../api/catalog.js';
import type { Credential } from '../../api/types.js';
import type { ConnectorManifest } from '../../model/catalog.js';
import { connectMode, oauthResult } from '../../model/credential-form.js';

export interface Connections {
  items: Credential[] | undefined;
  /** Connectors a credential can be created for. */
  connectable: ConnectorManifest[];
  error: string | undefined;
  notice: string | undefined;
  manifestOf(credential: Pick<Credential, 'connector'>): ConnectorManifest | undefined;
  reload(): void;
  connected(): void;
  test(credential: Credential): Promise<void>;
  remove(credential: Credential): Promise<void>;
}

export function useConnections(): Connections {
  const [items, setItems] = useState<Credential[]>();
  const [manifests, setManifests] = useState<ConnectorManifest[]>([]);
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});

  const reload = useCallback(() => {
    setMessage((m) => ({ notice: m.notice }));
    call('listCredentials')
      .then((b) => setItems(b.items))
      .catch((e: unknown) => setMessage({ error: errorMessage(e) }));
  }, []);
  useEffect(reload, [reload]);
  useEffect(() => {
    void loadCatalog().then(({ manifests: list }) => setManifests(list));
  }, []);

  const connected = useCallback(() => {
    setMessage({ notice: 'Connected.' });
    reload();
  }, [reload]);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin === location.origin && oauthResult(event.data)) connected();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [connected]);

  return {
    items,
    connectable: manifests.filter((m) => connectMode(m.auth as { kind: string } | undefined).mode !== 'none'),
    error: message.error,
    notice: message.notice,
    manifestOf: (c) => manifests.find((m) => m.name === c.connector || c.connector.startsWith(`${m.name}@`)),
    reload,
    connected,
    async test(c) {
      try {
        const result = await call('testCredential', { params: { id: c.id } });
        setMessage({
          notice:
            result?.ok === false ? `“${c.name}” failed: ${result.message ?? 'unknown error'}` : `“${c.name}” works.`,
        });
      } catch (e) {
        setMessage({ notice: `“${c.name}” failed: ${errorMessage(e)}` });
      }
      reload();
    },
    async remove(c) {
      try {
        await call('deleteCredential', { params: { id: c.id } });
        setMessage({ notice: `Deleted “${c.name}”.` });
        reload();
      } catch (e) {
        setMessage({ error: errorMessage(e) });
      }
    },
  };
}
