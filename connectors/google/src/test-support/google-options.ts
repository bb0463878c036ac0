// The Google connector pointed at a fake: its token endpoint replaced, and credentials shaped like the ones
// Weft stores after connecting (client id and secret kept for refreshes).
import type { Credential } from '@weft/sdk';
import connector from '../index.js';
import type { FakeGoogle } from './fake-google.js';

export function googleAt(google: FakeGoogle): typeof connector {
  return { ...connector, auth: { ...connector.auth, tokenUrl: google.tokenUrl } } as typeof connector;
}

export function googleCredential(values: Record<string, string> = {}, expiresAt?: number): Partial<Credential> {
  return {
    values: {
      accessToken: 'ya29.valid',
      refreshToken: '1//refresh-ok',
      clientId: 'client-1.apps.googleusercontent.com',
      clientSecret: 'gcp-secret',
      ...values,
    },
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}
