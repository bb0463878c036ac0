import { describe, expect, it } from 'vitest';
import { safeNext, signInView } from './sign-in-options.js';

const OIDC = { id: 'oidc' as const, label: 'Keycloak', startUrl: '/api/auth/oidc/start' };

describe('the login page view', () => {
  it('shows the password form alone while the options are unknown or there is no provider', () => {
    expect(signInView(undefined, '')).toEqual({ providers: [], showPassword: true, passwordClosed: false });
    expect(signInView({ passwordLogin: true, providers: [] }, '')).toMatchObject({ showPassword: true });
  });

  it('offers the provider, passing on where to land', () => {
    const view = signInView({ passwordLogin: true, providers: [OIDC] }, '?next=%2Fflows%2Fa%3Fx%3D1');
    expect(view.providers).toEqual([{ label: 'Keycloak', href: '/api/auth/oidc/start?next=%2Fflows%2Fa%3Fx%3D1' }]);
    expect(view.showPassword).toBe(true);
    expect(signInView({ passwordLogin: true, providers: [OIDC] }, '?next=//evil.example').providers[0]?.href).toBe(
      '/api/auth/oidc/start',
    );
  });

  it('hides the password form when password sign-in is closed, unless the break-glass owner asks for it', () => {
    expect(signInView({ passwordLogin: false, providers: [OIDC] }, '')).toMatchObject({
      showPassword: false,
      passwordClosed: true,
    });
    expect(signInView({ passwordLogin: false, providers: [OIDC] }, '?password=1').showPassword).toBe(true);
  });

  it('says why a single sign-on failed, for known codes only', () => {
    expect(signInView(undefined, '?sso_error=sso_denied').error).toBe('The identity provider did not sign you in.');
    expect(signInView(undefined, '?sso_error=Your+account+was+hacked').error).toBe('Single sign-on failed. Try again.');
    expect(signInView(undefined, '?sso_error=toString').error).toBe('Single sign-on failed. Try again.');
  });

  it('keeps next within this origin', () => {
    expect(safeNext('/runs')).toBe('/runs');
    expect(safeNext('//evil.example')).toBeUndefined();
    expect(safeNext('/\\evil.example')).toBeUndefined();
    expect(safeNext('https://evil.example')).toBeUndefined();
  });
});
