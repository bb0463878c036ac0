// Test helpers (not part of the build): a local OpenID/OAuth2 provider (oauth2-mock-server on 127.0.0.1) and the
// `acme` connector that connects to it with the authorization code flow.
import { defineConnector } from '@weft/sdk';
import { OAuth2Server } from 'oauth2-mock-server';

export async function startOAuthProvider(): Promise<{ provider: OAuth2Server; issuer: string }> {
  const provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  return { provider, issuer: provider.issuer.url!.replace(/\/$/, '') };
}

/** An OAuth2 connector (authorization code, scope `read`) whose provider is `issuer`. */
export function acmeConnector(issuer: string) {
  return defineConnector({
    name: 'acme',
    version: '1.0.0',
    title: 'Acme',
    description: 'An OAuth2 API',
    auth: {
      kind: 'oauth2',
      grant: 'authorizationCode',
      authorizeUrl: `${issuer}/authorize`,
      tokenUrl: `${issuer}/token`,
      scopes: ['read'],
    },
    actions: [],
  });
}
