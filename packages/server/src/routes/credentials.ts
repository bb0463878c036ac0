// Credentials: secret values are write-only (never returned), stored sealed by the vault.
import type { CredentialRow } from '@weft/store';
import type { CredentialValues } from '@weft/sdk';
import { API, type Reply } from '@weft/core/contract';
import { noteAudit } from '../audit/audit-trail.js';
import type { ConnectorPlatform } from '../connector-platform.js';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

/** Fields each auth kind needs before a credential can be used. */
const REQUIRED_FIELDS: Record<string, string[]> = {
  apiKey: ['apiKey'],
  basic: ['username', 'password'],
  bearer: ['token'],
  oauth2: ['accessToken'],
};

export function publicCredential(row: CredentialRow): Reply<'getCredential'> {
  return {
    id: row.id,
    connector: row.connector,
    kind: row.kind,
    name: row.name,
    // Users see "connected" or "needs_reconnect"; the store's "active" is the former.
    status: row.status === 'active' ? 'connected' : row.status === 'needs_reconnect' ? row.status : 'error',
    expiresAt: row.expiresAt ?? null,
    lastUsedAt: row.lastUsedAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function credentialRoutes({ store, config }: Services, platform: ConnectorPlatform) {
  const router = securedRouter(store);
  const route = routesOn(router, config.bodyLimit);

  const rowOr404 = async (id: string) => {
    const row = await store.credentials.get(id);
    if (!row) throw new HttpProblem(404, 'credential_not_found', `There is no credential with id "${id}".`);
    return row;
  };

  route(API.listCredentials).handle(async () => ({
    items: (await store.credentials.list()).map(publicCredential),
  }));

  route(API.getCredential).handle(async ({ params }) => publicCredential(await rowOr404(params.id)));

  // Audit entries name the credential, never its values.
  route(API.createCredential).handle(async ({ body: { connector, name, kind, values } }, ctx) => {
    noteAudit(ctx, { target: { type: 'credential', name }, changes: { connector, kind } });
    const created = await platform.credentials.create({
      connector: connector.replace(/@\d+$/, ''),
      name,
      kind,
      values: completeValues(values, kind),
    });
    noteAudit(ctx, { target: { type: 'credential', id: created.id, name } });
    return publicCredential(await rowOr404(created.id));
  });

  // Reconnect in place: new secret values (and optionally a new name) under the same id, so the flows that use
  // the credential keep working; the status becomes connected again.
  route(API.reconnectCredential).handle(async ({ params, body }, ctx) => {
    const row = await rowOr404(params.id);
    const renamed =
      body.name?.trim() && body.name.trim() !== row.name ? { name: { from: row.name, to: body.name.trim() } } : {};
    noteAudit(ctx, {
      target: { type: 'credential', id: row.id, name: row.name },
      changes: { values: 'replaced', ...renamed },
    });
    await platform.credentials.replaceValues(row.id, completeValues(body.values, row.kind));
    if (body.name?.trim()) await store.credentials.update(row.id, { name: body.name.trim() });
    return publicCredential(await rowOr404(row.id));
  });

  route(API.deleteCredential).handle(async ({ params }, ctx) => {
    const existing = await store.credentials.get(params.id);
    if (existing) noteAudit(ctx, { target: { type: 'credential', id: existing.id, name: existing.name } });
    if (!(await store.credentials.delete(params.id)))
      throw new HttpProblem(404, 'credential_not_found', `There is no credential with id "${params.id}".`);
    return undefined;
  });

  // Checks the secret decrypts and has the fields its kind needs, and that an OAuth2 grant is not known to be
  // revoked; then, when the connector declares a test request (manifest `test`), asks the provider itself.
  route(API.testCredential).handle(async ({ params }, ctx) => {
    const row = await rowOr404(params.id);
    noteAudit(ctx, { target: { type: 'credential', id: row.id, name: row.name } });
    let values: CredentialValues;
    try {
      values = (await platform.credentials.get(row.id))?.values ?? {};
    } catch {
      return { ok: false, message: 'The stored secret cannot be decrypted with the current key.' };
    }
    const missing = (REQUIRED_FIELDS[row.kind] ?? []).filter((field) => !values[field]);
    if (missing.length) return { ok: false, message: `Missing ${missing.join(', ')}.` };
    if (row.status === 'needs_reconnect')
      return { ok: false, message: 'The connection was revoked or expired: reconnect it.' };
    // A signing secret alone (kind none) signs deliveries; there is nothing to ask the provider with.
    const installed =
      row.kind === 'none' ? undefined : platform.registry.manifests().find((m) => m.name === row.connector);
    const answer = installed
      ? await platform.registry.testConnection(`${installed.name}@${installed.version.split('.')[0]}`, row.id)
      : undefined;
    if (answer) return { ok: answer.ok, message: answer.message };
    return { ok: true, message: 'The credential is stored and complete.' };
  });

  return router;
}

/** The secret fields of a request (an object of strings, as the contract checked), complete for the auth kind. */
function completeValues(values: Record<string, string>, kind: string): CredentialValues {
  const missing = (REQUIRED_FIELDS[kind] ?? []).filter((field) => !values[field]);
  if (missing.length) {
    throw new HttpProblem(
      400,
      'invalid_body',
      `A ${kind} credential needs ${missing.map((f) => `"${f}"`).join(', ')}.`,
      {
        pointer: `/values/${missing[0]}`,
      },
    );
  }
  return values;
}
