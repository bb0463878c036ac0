// `defineConnector({ errors })`: how a connector refines the SDK's default reading of a failed response. The
// SDK owns the status ladder (401/403 auth, 404/410 notFound, 408 timeout, 429 rateLimited, 5xx upstream,
// other 4xx validation), the message quoting the API, and Retry-After; a connector only says what is
// specific to its API — GitHub's 403 that is really a rate limit, OpenAI's 429 that is an exhausted quota.
import type { ConnectorErrorKind, ConnectorErrorOptions } from '../errors.js';

/** A response that failed (status 400 or above), as the hook sees it. */
export interface FailedCall {
  status: number;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  body: unknown;
  /** Method, host and path (never the query): `GET api.github.com/repos/o/r`. */
  request: string;
  /** The API's own message from common error shapes, when it sent one. */
  upstreamMessage: string | undefined;
  /** The server's Retry-After in ms, when it sent one. */
  retryAfterMs: number | undefined;
  /** The SDK's default kind for the status. */
  kind: ConnectorErrorKind;
  /** The runtime clock's time (ms), for reset headers that give an epoch. */
  now: number;
}

/**
 * What to change of the default error; anything left out keeps the default. A refined `kind` without a
 * `message` gets the default message of that kind. `details` are added to the default ones.
 */
export type ErrorRefinement = Partial<
  Pick<ConnectorErrorOptions, 'kind' | 'message' | 'code' | 'retryable' | 'retryAfterMs' | 'details'>
>;

export type ErrorHook = (failure: FailedCall) => ErrorRefinement | undefined;
