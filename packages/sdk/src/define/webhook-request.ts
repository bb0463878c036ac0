// An incoming webhook delivery as the runtime hands it to connector code: raw bytes kept for signatures.
import type { JsonValue } from '@weft/core';

export interface WebhookRequest {
  method: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Exactly the bytes received: verify signatures over these, never over re-serialized JSON. */
  rawBody: Uint8Array;
  /** The body parsed as JSON when it is JSON (undefined otherwise). */
  body?: JsonValue;
  query?: Readonly<Record<string, string>>;
}

/** Connector-wide webhook behaviour, shared by its webhook triggers (a trigger may override each part). */
export interface WebhookSpec {
  /** True when the signature of `request` is valid for `secret`. Use the SDK's signature helpers. */
  verify?(request: WebhookRequest, secret: string): boolean | Promise<boolean>;
  /** The provider's delivery id, used to drop redeliveries. */
  eventId?(request: WebhookRequest): string | undefined;
  /** How the signing secret is called in the provider's UI, e.g. "Signing secret". */
  secretLabel?: string;
  /** Where the user finds the secret and registers the URL (shown in the editor). */
  instructions?: string;
}
