// Every sign-in, succeeded or refused, by password or single sign-on, as one event: the hook an audit log
// subscribes to (Services.signInEvents). Without a subscriber the events are logged. Events never carry a
// password, a code, a token or a claim set: only who, how, from where and why not.
import type { Role } from '@weft/store';
import type { Logger } from 'pino';

export interface SignInEvent {
  outcome: 'succeeded' | 'failed';
  method: 'password' | 'oidc';
  /** The client address as Koa sees it. */
  address: string;
  userId?: string;
  email?: string;
  role?: Role;
  /** Single sign-on: the account was created by this sign-in. */
  provisioned?: boolean;
  /** Why a sign-in failed: an error code of the catalogue (`invalid_credentials`, `sso_denied`...). */
  code?: string;
}

export type SignInListener = (event: SignInEvent) => void;

export function loggedSignIns(logger: Logger): SignInListener {
  return (event) => {
    if (event.outcome === 'succeeded') logger.info({ signIn: event }, 'signed in');
    else logger.warn({ signIn: event }, 'sign-in refused');
  };
}
