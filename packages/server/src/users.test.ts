// User management through the API: invites (single use, accepted with a password, signing the user in), role
// changes, deactivation (the user's token and session fail at once, sign-in is refused like a wrong password),
// reactivation, deletion (flows and credentials stay), password reset links and changing one's own password;
// and the rule that the last active owner is never demoted, deactivated or deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
const OWNER = { email: 'owner@example.com', password: 'owner password 1' };

beforeAll(async () => {
  weft = await startTestRuntime({ owner: OWNER });
});
afterAll(() => weft?.close());

const json = async <T = Record<string, unknown>>(response: Response): Promise<T> => (await response.json()) as T;

async function login(email: string, password: string): Promise<Response> {
  return fetch(`${weft.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** A request with a session cookie (and the CSRF header, for writes). */
function asSession(cookie: string, path: string, init: { method?: string; json?: unknown } = {}) {
  return fetch(`${weft.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      cookie,
      'x-weft-request': '1',
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

const asToken = (token: string, path: string) =>
  fetch(`${weft.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** A user with a session and an API token of their own. */
async function member(email: string, role: string) {
  const password = `${role} password 123`;
  const created = await weft.api('/api/users', { method: 'POST', json: { email, password, role } });
  expect(created.status).toBe(201);
  const user = await json<{ id: string; status: string; lastSignInAt: string | null }>(created);
  expect(user).toMatchObject({ status: 'active', lastSignInAt: null });
  const cookie = cookieOf(await login(email, password));
  const token = await json<{ token: string }>(
    await asSession(cookie, '/api/auth/tokens', { method: 'POST', json: { name: 'mine' } }),
  );
  return { id: user.id, email, password, cookie, token: token.token };
}

async function ownerId(): Promise<string> {
  const users = await json<{ items: { id: string; email: string }[] }>(await weft.api('/api/users'));
  return users.items.find((u) => u.email === OWNER.email)!.id;
}

describe('invites', () => {
  it('invites by a single-use link; accepting sets the password and signs the user in', async () => {
    const created = await weft.api('/api/users/invites', {
      method: 'POST',
      json: { email: 'Invited@Example.com', role: 'editor' },
    });
    expect(created.status).toBe(201);
    const { invite, url, token } = await json<{
      invite: { id: string; email: string; role: string; expiresAt: string; createdAt: string };
      url: string;
      token: string;
    }>(created);
    expect(url).toBe(`/invite/${token}`);
    expect(invite).toMatchObject({ email: 'invited@example.com', role: 'editor' });
    // 72 hours by default (WEFT_INVITE_TTL_HOURS).
    expect(Date.parse(invite.expiresAt) - Date.parse(invite.createdAt)).toBe(72 * 3_600_000);
    const pending = await json<{ items: { id: string }[] }>(await weft.api('/api/users/invites'));
    expect(pending.items.map((i) => i.id)).toContain(invite.id);

    const shown = await fetch(`${weft.url}/api/auth/invites/${token}`);
    expect(await json(shown)).toEqual({ email: 'invited@example.com', role: 'editor', expiresAt: invite.expiresAt });
    const accepted = await fetch(`${weft.url}/api/auth/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'invited password 1' }),
    });
    expect(accepted.status).toBe(200);
    expect(await json(accepted)).toMatchObject({ user: { email: 'invited@example.com', role: 'editor' } });
    const me = await asSession(cookieOf(accepted), '/api/auth/me');
    expect(await json(me)).toMatchObject({ user: { email: 'invited@example.com', role: 'editor' }, via: 'session' });

    const again = await fetch(`${weft.url}/api/auth/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'another password 1' }),
    });
    expect(again.status).toBe(410);
    expect(await json(again)).toMatchObject({ code: 'invite_gone' });
    expect((await fetch(`${weft.url}/api/auth/invites/${token}`)).status).toBe(410);
    expect((await fetch(`${weft.url}/api/auth/invites/inv_unknown`)).status).toBe(404);
    expect((await json<{ items: { id: string }[] }>(await weft.api('/api/users/invites'))).items).toEqual([]);
    const users = await json<{ items: { email: string; lastSignInAt: string | null }[] }>(await weft.api('/api/users'));
    expect(users.items.find((u) => u.email === 'invited@example.com')?.lastSignInAt).toMatch(/^\d{4}-/);
  });

  it('refuses an invite for an email that is already a user, at invite and at accept (409)', async () => {
    const { token } = await json<{ token: string }>(
      await weft.api('/api/users/invites', { method: 'POST', json: { email: 'later@example.com', role: 'viewer' } }),
    );
    await weft.api('/api/users', {
      method: 'POST',
      json: { email: 'later@example.com', password: 'some password 1', role: 'viewer' },
    });
    const accepted = await fetch(`${weft.url}/api/auth/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'invited password 1' }),
    });
    expect(accepted.status).toBe(409);
    expect(await json(accepted)).toMatchObject({ code: 'user_exists' });
    const again = await weft.api('/api/users/invites', {
      method: 'POST',
      json: { email: 'later@example.com', role: 'viewer' },
    });
    expect(again.status).toBe(409);
  });

  it('revokes an invite: its link stops working', async () => {
    const { invite, token } = await json<{ invite: { id: string }; token: string }>(
      await weft.api('/api/users/invites', { method: 'POST', json: { email: 'revoked@example.com', role: 'viewer' } }),
    );
    expect((await weft.api(`/api/users/invites/${invite.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await weft.api(`/api/users/invites/${invite.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${weft.url}/api/auth/invites/${token}`)).status).toBe(410);
  });
});

describe('roles, deactivation and deletion', () => {
  it("changes a user's role", async () => {
    const user = await member('role@example.com', 'viewer');
    const changed = await weft.api(`/api/users/${user.id}/role`, { method: 'PUT', json: { role: 'operator' } });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ id: user.id, role: 'operator', status: 'active' });
    expect(await json(await asSession(user.cookie, '/api/auth/me'))).toMatchObject({ user: { role: 'operator' } });
    expect((await weft.api('/api/users/usr_missing/role', { method: 'PUT', json: { role: 'viewer' } })).status).toBe(
      404,
    );
  });

  it("a demoted user's existing API tokens lose the rights the user lost", async () => {
    const user = await member('demoted@example.com', 'owner');
    expect((await asToken(user.token, '/api/users')).status).toBe(200);
    await weft.api(`/api/users/${user.id}/role`, { method: 'PUT', json: { role: 'viewer' } });
    expect((await asToken(user.token, '/api/users')).status).toBe(403);
    expect((await asToken(user.token, '/api/flows')).status).toBe(200);
    const me = await json<{ user: { role: string } }>(await asToken(user.token, '/api/auth/me'));
    expect(me.user.role).toBe('viewer');
  });

  it("deactivation fails the user's token and session at once; sign-in is refused like a wrong password", async () => {
    const user = await member('deactivated@example.com', 'editor');
    expect((await asToken(user.token, '/api/flows')).status).toBe(200);
    const deactivated = await weft.api(`/api/users/${user.id}/deactivate`, { method: 'POST' });
    expect(await json(deactivated)).toMatchObject({ id: user.id, status: 'deactivated' });
    expect((await asToken(user.token, '/api/flows')).status).toBe(401);
    expect((await asSession(user.cookie, '/api/auth/me')).status).toBe(401);
    const refused = await login(user.email, user.password);
    const wrong = await login(user.email, 'not the password');
    expect(refused.status).toBe(401);
    const { instance: _a, ...refusedBody } = await json(refused);
    const { instance: _b, ...wrongBody } = await json(wrong);
    expect(refusedBody).toEqual(wrongBody);

    const reactivated = await weft.api(`/api/users/${user.id}/reactivate`, { method: 'POST' });
    expect(await json(reactivated)).toMatchObject({ status: 'active' });
    expect((await asToken(user.token, '/api/flows')).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('deletes a user: sessions and tokens go, the flows and credentials they made stay', async () => {
    const user = await member('leaver@example.com', 'editor');
    const flow = await json<{ id: string }>(
      await fetch(`${weft.url}/api/flows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          schema: 'weft.flow/v1',
          name: 'made by a leaver',
          trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
          steps: [],
          edges: [],
        }),
      }),
    );
    const credential = await json<{ id: string }>(
      await fetch(`${weft.url}/api/credentials`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ connector: 'http', name: 'leaver key', kind: 'bearer', values: { token: 'x' } }),
      }),
    );
    expect((await weft.api(`/api/users/${user.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asToken(user.token, '/api/flows')).status).toBe(401);
    expect((await asSession(user.cookie, '/api/auth/me')).status).toBe(401);
    expect((await weft.api(`/api/flows/${flow.id}`)).status).toBe(200);
    expect((await weft.api(`/api/credentials/${credential.id}`)).status).toBe(200);
    const users = await json<{ items: { id: string }[] }>(await weft.api('/api/users'));
    expect(users.items.map((u) => u.id)).not.toContain(user.id);
    expect((await weft.api(`/api/users/${user.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('never demotes, deactivates or deletes the last active owner (409 last_owner)', async () => {
    const id = await ownerId();
    for (const [path, method, body] of [
      [`/api/users/${id}/role`, 'PUT', { role: 'editor' }],
      [`/api/users/${id}/deactivate`, 'POST', undefined],
      [`/api/users/${id}`, 'DELETE', undefined],
    ] as const) {
      const response = await weft.api(path, { method, ...(body ? { json: body } : {}) });
      expect(response.status, `${method} ${path}`).toBe(409);
      expect(await json(response)).toMatchObject({ code: 'last_owner' });
    }
    // Deleting yourself as the last owner, signed in with a session, is refused too.
    const cookie = cookieOf(await login(OWNER.email, OWNER.password));
    expect((await asSession(cookie, `/api/users/${id}`, { method: 'DELETE' })).status).toBe(409);
    // With a second owner, the first may step down; then the second is the last one.
    const second = await member('second-owner@example.com', 'owner');
    expect((await weft.api(`/api/users/${id}/role`, { method: 'PUT', json: { role: 'owner' } })).status).toBe(200);
    expect(
      (await asSession(second.cookie, `/api/users/${second.id}/role`, { method: 'PUT', json: { role: 'editor' } }))
        .status,
    ).toBe(200);
    const last = await asSession(cookie, `/api/users/${id}/deactivate`, { method: 'POST' });
    expect(last.status).toBe(409);
  });
});

describe('passwords', () => {
  it('resets a password by a single-use link, which ends the sessions the user had', async () => {
    const user = await member('forgetful@example.com', 'viewer');
    const created = await weft.api(`/api/users/${user.id}/password-reset`, { method: 'POST' });
    expect(created.status).toBe(201);
    const { url, token, expiresAt } = await json<{ url: string; token: string; expiresAt: string }>(created);
    expect(url).toBe(`/reset/${token}`);
    expect(await json(await fetch(`${weft.url}/api/auth/password-resets/${token}`))).toEqual({
      email: user.email,
      expiresAt,
    });
    const reset = () =>
      fetch(`${weft.url}/api/auth/password-resets/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'a brand new password' }),
      });
    expect((await reset()).status).toBe(204);
    expect((await asSession(user.cookie, '/api/auth/me')).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'a brand new password')).status).toBe(200);
    expect((await reset()).status).toBe(410);
    expect((await fetch(`${weft.url}/api/auth/password-resets/pwr_unknown`)).status).toBe(404);
    expect((await weft.api('/api/users/usr_missing/password-reset', { method: 'POST' })).status).toBe(404);
  });

  it('changes your own password: the current session stays, the others end', async () => {
    const user = await member('changer@example.com', 'viewer');
    const other = cookieOf(await login(user.email, user.password));
    const wrong = await asSession(user.cookie, '/api/auth/password', {
      method: 'PUT',
      json: { currentPassword: 'not it', newPassword: 'my next password' },
    });
    expect(wrong.status).toBe(403);
    expect(await json(wrong)).toMatchObject({ code: 'wrong_password' });
    const changed = await asSession(user.cookie, '/api/auth/password', {
      method: 'PUT',
      json: { currentPassword: user.password, newPassword: 'my next password' },
    });
    expect(changed.status).toBe(204);
    expect((await asSession(user.cookie, '/api/auth/me')).status).toBe(200);
    expect((await asSession(other, '/api/auth/me')).status).toBe(401);
    expect((await login(user.email, 'my next password')).status).toBe(200);
  });
});
