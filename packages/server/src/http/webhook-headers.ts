// What of a webhook request's headers may be stored: the trigger input is readable by every viewer of the run and
// by every step that maps it, so the caller's credentials (Authorization, the access token header, cookies) and
// the signature headers are replaced by "[redacted]" before the run and its webhook event are persisted.
import type { WebhookHeaders } from '@weft/store';

export const REDACTED = '[redacted]';

/** Credential and signature headers of the providers Weft knows, beside the ones a trigger names. */
const ALWAYS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-auth-token',
  'x-webhook-token',
  'x-gitlab-token',
  'x-signature',
  'stripe-signature',
  'webhook-signature',
  'svix-signature',
  'x-hub-signature',
  'x-hub-signature-256',
  'x-slack-signature',
];

export function redactWebhookHeaders(
  headers: WebhookHeaders,
  extra: readonly string[] = [],
): Record<string, string | string[]> {
  const secret = new Set([...ALWAYS, ...extra.map((name) => name.toLowerCase())]);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = secret.has(name.toLowerCase()) ? REDACTED : typeof value === 'string' ? value : [...value];
  }
  return out;
}
