// defineConnector: a connector is pure data plus functions — name, semver version, auth, rate limits, actions
// and triggers. Loading it from disk is the registry's job (see registry/loader.ts).
import type { AuthSpec } from '../auth/auth-spec.js';
import type { ActionDefinition } from './action.js';
import type { ErrorHook } from './error-hook.js';
import type { RateLimit } from './rate-limit.js';
import type { TriggerDefinition } from './trigger.js';
import type { WebhookSpec } from './webhook-request.js';

export interface ConnectorDefinition {
  /** `[a-z][a-z0-9-]*`; flows reference `name@major`. */
  readonly name: string;
  /** Semver. Flows pin the major; any minor or patch of that major can be installed. */
  readonly version: string;
  readonly title: string;
  readonly description: string;
  /** A URL, a data: URI or inline SVG markup. */
  readonly icon?: string;
  readonly categories?: readonly string[];
  /** Default `{ kind: 'none' }`. */
  readonly auth?: AuthSpec;
  readonly rateLimits?: readonly RateLimit[];
  /** Relative request URLs in `ctx.http` resolve against it. */
  readonly baseUrl?: string;
  /**
   * Header that carries the step's idempotency key (`<runId>:<stepKey>`) on write requests (POST, PUT, PATCH,
   * DELETE). Unset: `Idempotency-Key` is sent, but since the API may ignore it, write requests are still not
   * repeated after an ambiguous failure. Declaring a name says the API honours it: writes then retry like reads.
   * `false`: the API rejects unknown headers, send none.
   */
  readonly idempotencyHeader?: string | false;
  /** Refines the SDK's default classification of failed responses (see `ErrorHook`). */
  readonly errors?: ErrorHook;
  readonly docsUrl?: string;
  readonly actions: readonly ActionDefinition[];
  readonly triggers?: readonly TriggerDefinition[];
  readonly webhook?: WebhookSpec;
  /** The cheapest authenticated request, made by "Test connection" (see `ConnectionTest`). */
  readonly test?: ConnectionTest;
}

/**
 * How "Test connection" checks a connection with the provider itself: one read-only request that needs valid
 * credentials (Stripe `GET /v1/balance`, Slack `POST /api/auth.test`, GitHub `GET /user`). A response with a status
 * of 400 or more fails the test; so does `false` at `okField` of the JSON body (Slack answers 200 with `ok: false`).
 */
export interface ConnectionTest {
  readonly method: 'GET' | 'POST';
  /** Relative to the connector's (or the connection's) base URL. */
  readonly path: string;
  readonly okField?: string;
}

/** A connector that keeps its actions' types (for `runAction`'s key and input inference). */
export interface Connector<
  A extends readonly ActionDefinition[] = readonly ActionDefinition[],
> extends ConnectorDefinition {
  readonly actions: A;
}

export function defineConnector<const A extends readonly ActionDefinition[]>(
  spec: ConnectorDefinition & { actions: A },
): Connector<A> {
  return Object.freeze({ ...spec });
}

export type ActionKeyOf<C> = C extends { readonly actions: readonly (infer A)[] }
  ? A extends { readonly key: infer K extends string }
    ? K
    : never
  : never;

/** The action of `C` with key `K`; for connectors whose keys are not literal types, any action. */
export type ActionOf<C, K extends string> = C extends { readonly actions: readonly (infer A)[] }
  ? A extends { readonly key: infer AK }
    ? string extends AK
      ? A
      : AK extends K
        ? A
        : never
    : never
  : never;
