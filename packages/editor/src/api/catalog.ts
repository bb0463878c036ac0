// The connector catalog, fetched once per session and shared by the editor, run and connections pages.
import { withFallbacks, type ConnectorManifest } from '../model/catalog.js';
import { call, errorMessage } from './client.js';

let cached: Promise<{ manifests: ConnectorManifest[]; error?: string }> | undefined;

export function loadCatalog(): Promise<{ manifests: ConnectorManifest[]; error?: string }> {
  cached ??= call('listConnectors').then(
    (body) => ({ manifests: withFallbacks(body.items ?? []) }),
    (e: unknown) => {
      cached = undefined;
      return { manifests: withFallbacks([]), error: errorMessage(e) };
    },
  );
  return cached;
}
