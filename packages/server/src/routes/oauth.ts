// OAuth2 authorization code flow (state + PKCE handled by the SDK): start redirects to the provider, the
// callback stores the tokens as a credential and tells the opener window.
import type { JsonObject } from '@weft/core';
import { API } from '@weft/core/contract';
import type { Store } from '@weft/store';
import { noteAudit } from '../audit/audit-trail.js';
import type { ConnectorPlatform } from '../connector-platform.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { publicRouter, securedRouter } from '../http/routers.js';

/** Routes without a body need no body limit. */
const NO_BODY = 0;

/** The provider's redirect back: public, as it arrives cross-site without the SameSite=Strict session cookie; its
 * single-use state binds it to the user who started it. */
export function oauthCallbackRoutes(platform: ConnectorPlatform) {
  const router = publicRouter();

  routesOn(
    router,
    NO_BODY,
  )(API.oauthCallback).handle(async ({ query: q }, ctx) => {
    if (!q.state) throw new HttpProblem(400, 'oauth_state_missing', 'The provider did not return a state parameter.');
    const done = await platform.oauth.completeAuthorization({
      state: q.state,
      ...(q.code ? { code: q.code } : {}),
      ...(q.error ? { error: q.error } : {}),
      ...(q.error_description ? { errorDescription: q.error_description } : {}),
    });
    const data: JsonObject = done.data ?? {};
    // The callback comes without a session: the actor is the user who started the authorization.
    if (typeof data.userId === 'string') noteAudit(ctx, { actor: { type: 'user', id: data.userId } });
    const reconnectId = typeof data.reconnectId === 'string' ? data.reconnectId : undefined;
    let credentialId: string;
    if (reconnectId) {
      await platform.credentials.replaceValues(reconnectId, done.values, done.expiresAt);
      credentialId = reconnectId;
    } else {
      const name = typeof data.name === 'string' ? data.name : done.connector;
      credentialId = (
        await platform.credentials.create({
          connector: done.connector.replace(/@\d+$/, ''),
          name,
          kind: 'oauth2',
          values: done.values,
          ...(done.expiresAt ? { expiresAt: done.expiresAt } : {}),
        })
      ).id;
    }
    noteAudit(ctx, {
      target: { type: 'credential', id: credentialId, ...(typeof data.name === 'string' ? { name: data.name } : {}) },
      changes: { connector: done.connector, reconnected: reconnectId !== undefined },
    });
    const message = JSON.stringify({ type: 'weft:oauth', credentialId });
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'");
    ctx.body = `<!doctype html><title>Connected</title><p>Connected. You can close this window.</p><script>window.opener&&window.opener.postMessage(${message}, location.origin);window.close();</script>`;
  });

  return router;
}

export function oauthRoutes(store: Store, platform: ConnectorPlatform) {
  const router = securedRouter(store);

  routesOn(
    router,
    NO_BODY,
  )(API.oauthStart).handle(async ({ params, query: q, principal }, ctx) => {
    const connector = params.connector.includes('@') ? params.connector : `${params.connector}@1`;
    const data: JsonObject = { userId: principal.userId, name: q.credentialName ?? connector };
    if (q.reconnect) data.reconnectId = q.reconnect;
    const started = await platform.oauth.startAuthorization({ connector, data });
    ctx.redirect(started.url);
    return undefined;
  });

  return router;
}
