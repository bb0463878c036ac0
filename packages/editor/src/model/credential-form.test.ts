import { describe, expect, it } from 'vitest';
import { connectMode, oauthResult, oauthStartUrl } from './credential-form.js';

describe('connecting a credential', () => {
  it('asks for the fields of each auth kind', () => {
    expect(connectMode({ kind: 'none' })).toEqual({ mode: 'none' });
    expect(connectMode(undefined)).toEqual({ mode: 'none' });
    expect(connectMode({ kind: 'apiKey' })).toMatchObject({ mode: 'form', fields: [{ key: 'apiKey', secret: true }] });
    expect(connectMode({ kind: 'basic' })).toMatchObject({
      fields: [
        { key: 'username', secret: false },
        { key: 'password', secret: true },
      ],
    });
    expect(connectMode({ kind: 'bearer' })).toMatchObject({ fields: [{ key: 'token' }] });
    expect(connectMode({ kind: 'oauth2', grant: 'clientCredentials' })).toMatchObject({
      fields: [{ key: 'clientId' }, { key: 'clientSecret' }],
    });
    expect(connectMode({ kind: 'oauth2', grant: 'authorizationCode' })).toEqual({ mode: 'popup' });
  });

  it('builds the OAuth start URL and reads only well-formed callback messages', () => {
    expect(oauthStartUrl('google-sheets', 'My sheets & co')).toBe(
      '/api/oauth/google-sheets/start?credentialName=My%20sheets%20%26%20co',
    );
    expect(oauthStartUrl('github', 'Work', 'cred_1')).toBe(
      '/api/oauth/github/start?credentialName=Work&reconnect=cred_1',
    );
    expect(oauthResult({ type: 'weft:oauth', credentialId: 'c1' })).toEqual({ credentialId: 'c1' });
    expect(oauthResult({ type: 'other', credentialId: 'c1' })).toBeUndefined();
    expect(oauthResult('weft:oauth')).toBeUndefined();
  });
});
