// The dialog that connects an app: a new credential for a chosen connector, or a credential reconnected in
// place (same id, so the flows that use it keep working).
import type { Credential } from '../../api/types.js';
import type { ConnectorManifest } from '../../model/catalog.js';
import { ConnectForm } from '../../panel/credential-picker.js';
import { Dialog } from '../../ui/dialog.js';

export type ConnectTarget =
  | { kind: 'add'; manifest: ConnectorManifest }
  | { kind: 'reconnect'; credential: Credential; manifest: ConnectorManifest | undefined };

/** The manifest to connect with; a credential of an unknown connector is reconnected with its stored auth kind. */
function manifestFor(target: ConnectTarget): ConnectorManifest {
  if (target.kind === 'add') return target.manifest;
  if (target.manifest) return target.manifest;
  const { connector, kind } = target.credential;
  // The stored kind was checked against the auth kinds when the credential was created.
  const auth = { kind: kind as ConnectorManifest['auth']['kind'] };
  return { name: connector, version: '1.0.0', title: connector, auth, actions: [], triggers: [] };
}

export function ConnectDialog({
  target,
  onClose,
  onConnected,
}: {
  target: ConnectTarget | undefined;
  onClose: () => void;
  onConnected: () => void;
}) {
  const title = !target
    ? ''
    : target.kind === 'reconnect'
      ? `Reconnect ${target.credential.name}`
      : `Connect ${target.manifest.title}`;
  return (
    <Dialog open={target !== undefined} title={title} onClose={onClose}>
      {target ? (
        <ConnectForm
          manifest={manifestFor(target)}
          {...(target.kind === 'reconnect'
            ? { defaultName: target.credential.name, replaceId: target.credential.id }
            : {})}
          onDone={() => {
            onClose();
            onConnected();
          }}
        />
      ) : null}
    </Dialog>
  );
}
