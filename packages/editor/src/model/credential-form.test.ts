import { describe, expect, it } from 'vitest';
import { connectMode, formValues, oauthResult, oauthStartUrl, oauthAvailability } from './credential-form.js';

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

describe('token forms and OAuth availability', () => {
  it('offers a pasted token beside OAuth sign-in where the provider issues one (Slack, GitHub, a short-lived Google token), not elsewhere', () => {
    const oauth = { kind: 'oauth2', grant: 'authorizationCode' };
    expect(connectMode(oauth, 'slack')).toMatchObject({ mode: 'popup', token: { key: 'accessToken', secret: true } });
    expect(connectMode(oauth, 'github')).toMatchObject({ token: { label: 'Personal access token' } });
    expect(connectMode(oauth, 'google')).toMatchObject({ mode: 'popup', token: { key: 'accessToken' } });
    expect(connectMode(oauth, 'notion')).toEqual({ mode: 'popup' });
  });

  it('says in words when no OAuth app is configured, pointing at the token form when there is one', () => {
    expect(oauthAvailability({ redirected: true }, 'Slack', true)).toEqual({ ok: true });
    const missing = oauthAvailability({ redirected: false, code: 'oauth_client_missing' }, 'Slack', true);
    expect(missing).toEqual({
      ok: false,
      message:
        'Signing in with Slack is not set up on this server (no Slack OAuth app is configured). Use a token instead, or ask your administrator to configure it.',
    });
    expect(JSON.stringify(missing)).not.toMatch(/[{}]"?type|oauth_client_missing/);
  });
});

describe('form values', () => {
  it('an empty API address is left out, a given one is trimmed, secrets are kept as typed', () => {
    expect(formValues({ apiKey: ' sk_1 ', baseUrl: '  ' })).toEqual({ apiKey: ' sk_1 ' });
    expect(formValues({ accessToken: 'xoxb', baseUrl: ' http://127.0.0.1:9/api ' })).toEqual({
      accessToken: 'xoxb',
      baseUrl: 'http://127.0.0.1:9/api',
    });
  });
});
