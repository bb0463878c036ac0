// The built-in webhook trigger's optional checks, from the flow's trigger config and its credential:
//   verify: "hmac" (signature of the raw body in a header) or "standardWebhooks" (webhook-id/-timestamp/-signature,
//   whsec_ secrets, 300 s tolerance); access: "basic" (username/password) or "header" (a shared token).
// Secrets come from the trigger's credential (signingSecret, username/password, token), never from the flow.
// A verified delivery is deduplicated on what its signature covers: the signed webhook-id, or (hmac, which signs
// only the body) the body's digest; an id header the caller may add or change is never used then.
import type { FlowDefinition, JsonObject } from '@weft/core';
import { signedBodyId, standardWebhookHeaders, verifyHmac, verifyStandardWebhook } from '@weft/sdk';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Context } from 'koa';
import type { Services } from '../context.js';
import { HttpProblem } from './problem.js';

const same = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export interface GuardOutcome {
  /** Set when a signature was checked: the id it covers, the only one to deduplicate on. */
  signedEventId?: string;
  /** Headers of this trigger that carry a credential or a signature (lower case), never to be stored. */
  secretHeaders: string[];
}

export async function guardBuiltinWebhook(
  ctx: Context,
  { platform }: Services,
  flow: FlowDefinition,
  raw: Buffer,
): Promise<GuardOutcome> {
  const config: JsonObject = flow.trigger.config ?? {};
  const verify = typeof config.verify === 'string' ? config.verify : 'none';
  const access = typeof config.access === 'string' ? config.access : 'public';
  const accessHeader = typeof config.accessHeader === 'string' ? config.accessHeader.toLowerCase() : 'x-webhook-token';
  const signatureHeader =
    typeof config.signatureHeader === 'string' ? config.signatureHeader.toLowerCase() : 'x-signature';
  const outcome: GuardOutcome = { secretHeaders: [accessHeader, signatureHeader] };
  if (verify === 'none' && access === 'public') return outcome;
  const credentialId = flow.trigger.credential;
  const values = credentialId && platform ? (await platform.credentials.get(credentialId))?.values : undefined;
  if (!values)
    throw new HttpProblem(
      401,
      'webhook_unconfigured',
      'This webhook checks its callers, but its connection is missing.',
    );
  const headers = Object.fromEntries(
    Object.entries(ctx.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
  );

  if (access === 'basic') {
    const given = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    const expected = Buffer.from(`${values.username ?? ''}:${values.password ?? ''}`).toString('base64');
    if (!given || !same(given, expected)) {
      ctx.set('WWW-Authenticate', 'Basic realm="weft webhook"');
      throw new HttpProblem(401, 'webhook_unauthorized', 'Wrong or missing basic credentials.');
    }
  } else if (access === 'header') {
    if (!values.token || !same(headers[accessHeader] ?? '', values.token))
      throw new HttpProblem(401, 'webhook_unauthorized', `Wrong or missing ${accessHeader} header.`);
  }

  if (verify === 'hmac') {
    const ok = verifyHmac({
      payload: raw,
      secret: values.signingSecret ?? '',
      signature: headers[signatureHeader],
      ...(typeof config.signaturePrefix === 'string' ? { prefix: config.signaturePrefix } : {}),
      ...(config.algorithm === 'sha1' || config.algorithm === 'sha512' ? { algorithm: config.algorithm } : {}),
      ...(config.encoding === 'base64' ? { encoding: 'base64' as const } : {}),
    });
    if (!ok) throw new HttpProblem(401, 'bad_signature', 'The webhook signature is missing or invalid.');
    outcome.signedEventId = signedBodyId(raw);
  } else if (verify === 'standardWebhooks') {
    const secrets = (values.signingSecret ?? '').split(/\s+/).filter(Boolean);
    if (!secrets.length || !verifyStandardWebhook({ payload: raw, headers, secret: secrets })) {
      throw new HttpProblem(401, 'bad_signature', 'The Standard Webhooks signature is missing, invalid or too old.');
    }
    outcome.signedEventId = standardWebhookHeaders(headers).id!;
  }
  return outcome;
}
