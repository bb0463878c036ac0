// Signers for webhook tests: produce the headers a provider would send, so tests exercise `verify` for real.
import { createHmac } from 'node:crypto';

type Payload = string | Uint8Array;
const seconds = (now?: number) => Math.floor((now ?? Date.now()) / 1000);

/** `Stripe-Signature` header value. Pass several secrets to mimic a secret roll (one v1 per secret). */
export function signStripe(options: {
  payload: Payload;
  secret: string | readonly string[];
  timestamp?: number;
}): string {
  const t = options.timestamp ?? seconds();
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const v1 = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(`${t}.`).update(options.payload).digest('hex')}`,
  );
  return [`t=${t}`, ...v1].join(',');
}

/** Standard Webhooks / Svix headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
export function signStandardWebhook(options: {
  id: string;
  payload: Payload;
  secret: string | readonly string[];
  timestamp?: number;
}): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const t = options.timestamp ?? seconds();
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const signatures = secrets.map((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    return `v1,${createHmac('sha256', key).update(`${options.id}.${t}.`).update(options.payload).digest('base64')}`;
  });
  return { 'webhook-id': options.id, 'webhook-timestamp': String(t), 'webhook-signature': signatures.join(' ') };
}

/** `X-Hub-Signature-256` header value. */
export function signGithub(options: { payload: Payload; secret: string }): string {
  return `sha256=${createHmac('sha256', options.secret).update(options.payload).digest('hex')}`;
}

/** Slack's `x-slack-signature` and `x-slack-request-timestamp` headers. */
export function signSlack(options: {
  payload: Payload;
  secret: string;
  timestamp?: number;
}): Record<'x-slack-signature' | 'x-slack-request-timestamp', string> {
  const t = options.timestamp ?? seconds();
  const digest = createHmac('sha256', options.secret).update(`v0:${t}:`).update(options.payload).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(t) };
}

/** A plain HMAC of the payload (default sha256, hex), with an optional prefix such as `sha256=`. */
export function signHmac(options: {
  payload: Payload;
  secret: string | Uint8Array;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
  encoding?: 'hex' | 'base64' | 'base64url';
  prefix?: string;
}): string {
  const digest = createHmac(options.algorithm ?? 'sha256', options.secret)
    .update(options.payload)
    .digest(options.encoding ?? 'hex');
  return `${options.prefix ?? ''}${digest}`;
}
