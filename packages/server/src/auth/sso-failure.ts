// Why a single sign-on did not sign anyone in, as a code of the catalogue (error-codes/sso.ts): the callback
// turns it into a redirect to the login page for a browser, or a problem+json for an API caller.
import type { SsoErrorCode } from '@weft/core/contract';

export class SsoFailure extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SsoFailure';
  }
}
