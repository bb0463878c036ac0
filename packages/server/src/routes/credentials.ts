// Credentials: secret values are write-only (never returned), stored sealed by the vault.
import type { CredentialRow } from '@weft/store';
import type { AuthKind, CredentialValues } from '@weft/sdk';
import { writeNeeds } from '../auth/roles.js';
import type { ConnectorPlatform } from '../connector-platform.js';
import type { Services } from '../context.js';
import { readJsonObject } from '../http/body.js';
import { HttpProblem } from '../http/problem.js';
import { securedRouter } from '../http/routers.js';

const KINDS: readonly AuthKind[] = ['none', 'apiKey', 'basic', 'bearer', 'oauth2'];

/** Fields each auth kind needs before a credential can be used. */
const REQUIRED_FIELDS: Record<string, string[]> = {
  apiKey: ['apiKey'],
  basic: ['username', 'password'],
  bearer: ['token'],
  oauth2: ['accessToken'],
};

export function publicCredential(row: CredentialRow) {
  return {
    id: row.id,
    connector: row.connector,
    kind: row.kind,
    name: row.name,
    // Users see "connected" or "needs_reconnect"; the store's "active" is the former.
    status: row.status === 'active' ? 'connected' : row.status,
    expiresAt: row.expiresAt ?? null,
    lastUsedAt: row.lastUsedAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function credentialRoutes({ store, config }: Services, platform: ConnectorPlatform) {
  const router = securedRouter(store);
  router.use(writeNeeds('editor'));

  const rowOr404 = async (id: string) => {
    const row = await store.credentials.get(id);
    if (!row) throw new HttpProblem(404, 'credential_not_found', `There is no credential with id "${id}".`);
    return row;
  };

  router.get('/api/credentials', async (ctx) => {
    ctx.body = { items: (await store.credentials.list()).map(publicCredential) };
  });

  router.get('/api/credentials/:id', async (ctx) => {
    ctx.body = publicCredential(await rowOr404(ctx.params.id!));
  });

  router.post('/api/credentials', async (ctx) => {
    const body = await readJsonObject(ctx, config.bodyLimit);
    const { connector, name, kind, values } = body;
    if (typeof connector !== 'string' || !connector)
      throw new HttpProblem(400, 'invalid_body', '"connector" must name a connector, e.g. "stripe".', {
        pointer: '/connector',
      });
    if (typeof name !== 'string' || !name || name.length > 200)
      throw new HttpProblem(400, 'invalid_body', '"name" must be a non-empty string.', { pointer: '/name' });
    if (!KINDS.includes(kind as AuthKind))
      throw new HttpProblem(400, 'invalid_body', `"kind" must be one of ${KINDS.join(', ')}.`, { pointer: '/kind' });
    const secrets = completeValues(values, String(kind));
    const created = await platform.credentials.create({
      connector: connector.replace(/@\d+$/, ''),
      name,
      kind: kind as AuthKind,
      values: secrets,
    });
    ctx.status = 201;
    ctx.body = publicCredential((await store.credentials.get(created.id))!);
  });

  // Reconnect in place: new secret values (and optionally a new name) under the same id, so the flows that use
  // the credential keep working; the status becomes connected again.
  router.put('/api/credentials/:id', async (ctx) => {
    const row = await rowOr404(ctx.params.id!);
    const body = await readJsonObject(ctx, config.bodyLimit);
    await platform.credentials.replaceValues(row.id, completeValues(body.values, row.kind));
    if (typeof body.name === 'string' && body.name.trim())
      await store.credentials.update(row.id, { name: body.name.trim() });
    ctx.body = publicCredential((await store.credentials.get(row.id))!);
  });

  router.delete('/api/credentials/:id', async (ctx) => {
    if (!(await store.credentials.delete(ctx.params.id!)))
      throw new HttpProblem(404, 'credential_not_found', `There is no credential with id "${ctx.params.id}".`);
    ctx.status = 204;
  });

  // Checks what can be checked without calling the provider: the secret decrypts and has the fields its kind
  // needs, and an OAuth2 grant is not known to be revoked.
  router.post('/api/credentials/:id/test', async (ctx) => {
    const row = await rowOr404(ctx.params.id!);
    let values: CredentialValues;
    try {
      values = (await platform.credentials.get(row.id))!.values;
    } catch {
      ctx.body = { ok: false, message: 'The stored secret cannot be decrypted with the current key.' };
      return;
    }
    const missing = (REQUIRED_FIELDS[row.kind] ?? []).filter((field) => !values[field]);
    if (missing.length) ctx.body = { ok: false, message: `Missing ${missing.join(', ')}.` };
    else if (row.status === 'needs_reconnect')
      ctx.body = { ok: false, message: 'The connection was revoked or expired: reconnect it.' };
    else ctx.body = { ok: true, message: 'The credential is stored and complete.' };
  });

  return router;
}

/** The secret fields of a request, checked to be strings and complete for the auth kind. */
function completeValues(values: unknown, kind: string): CredentialValues {
  if (
    !values ||
    typeof values !== 'object' ||
    Array.isArray(values) ||
    !Object.values(values).every((v) => typeof v === 'string')
  ) {
    throw new HttpProblem(400, 'invalid_body', '"values" must be an object of strings (the secret fields).', {
      pointer: '/values',
    });
  }
  const missing = (REQUIRED_FIELDS[kind] ?? []).filter((field) => !(values as Record<string, string>)[field]);
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
  return values as CredentialValues;
}
