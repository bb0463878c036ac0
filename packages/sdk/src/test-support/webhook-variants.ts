// The deliveries of the webhook conformance suite: per scheme, a valid one and its variations (tampered body,
// wrong secret, stale/future/boundary timestamps, malformed headers, case, prefixes, spaces, several signatures,
// empty and non-JSON bodies). `expect` pins the verdict where both sides must say the same thing.
import { createHmac } from 'node:crypto';

export const NOW = 1_700_000_000_000;
export const T = NOW / 1000;
const BODY = '{"id":"evt_1","object":"event","type":"invoice.paid"}';
/** A body that is not valid UTF-8 (0xfe, 0xff), and the same with the invalid bytes swapped. */
const BYTES = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xfe, 0x22, 0x7d]);
const SWAPPED = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);

export interface Variant {
  name: string;
  payload: string | Buffer;
  headers: Record<string, string>;
  secret: string;
  now: number;
  expect?: boolean;
  hmac?: { prefix?: string; algorithm?: 'sha1' | 'sha256' | 'sha512'; encoding?: 'hex' | 'base64' | 'base64url' };
}

const mac = (algorithm: string, key: string | Buffer, ...parts: (string | Buffer)[]) => {
  const h = createHmac(algorithm, key);
  for (const part of parts) h.update(part);
  return h;
};

export function stripeVariants(): Variant[] {
  const secret = 'whsec_stripe_test_secret';
  const sig = (t: number | string, payload: string | Buffer = BODY, key = secret) =>
    mac('sha256', key, `${t}.`, payload).digest('hex');
  const v = (name: string, header: string, extra: Partial<Variant> = {}): Variant => ({
    name,
    payload: BODY,
    headers: header === '' ? {} : { 'stripe-signature': header },
    secret,
    now: NOW,
    ...extra,
  });
  return [
    v('valid', `t=${T},v1=${sig(T)}`, { expect: true }),
    v('tampered body', `t=${T},v1=${sig(T)}`, { payload: `${BODY} `, expect: false }),
    v('wrong secret', `t=${T},v1=${sig(T, BODY, 'whsec_other')}`, { expect: false }),
    v('stale: 301 s old', `t=${T - 301},v1=${sig(T - 301)}`, { expect: false }),
    v('boundary: exactly 300 s old', `t=${T - 300},v1=${sig(T - 300)}`, { expect: true }),
    v('boundary: 300.999 s old (whole seconds)', `t=${T - 300},v1=${sig(T - 300)}`, { now: NOW + 999, expect: true }),
    v('future: 300 s ahead', `t=${T + 300},v1=${sig(T + 300)}`, { expect: true }),
    v('future: 301 s ahead', `t=${T + 301},v1=${sig(T + 301)}`),
    v('future: a day ahead', `t=${T + 86_400},v1=${sig(T + 86_400)}`),
    v('t=<n>.0 (signed as <n>)', `t=${T}.0,v1=${sig(T)}`, { expect: true }),
    v('t not a number (signed as NaN)', `t=abc,v1=${sig('NaN')}`),
    v('upper-case hex', `t=${T},v1=${sig(T).toUpperCase()}`, { expect: false }),
    v('space after the comma', `t=${T}, v1=${sig(T)}`, { expect: false }),
    v('space inside the value', `t=${T},v1= ${sig(T)}`, { expect: false }),
    v('upper-case keys', `T=${T},V1=${sig(T)}`, { expect: false }),
    v('SHA256= inside v1', `t=${T},v1=sha256=${sig(T)}`, { expect: false }),
    v('v1 followed by =junk', `t=${T},v1=${sig(T)}=junk`, { expect: true }),
    v('several v1, one valid (secret roll)', `t=${T},v1=${'0'.repeat(64)},v1=${sig(T)}`, { expect: true }),
    v('several v1, none valid', `t=${T},v1=${'0'.repeat(64)},v1=${sig(T, BODY, 'x')}`, { expect: false }),
    v('only v0', `t=${T},v0=${sig(T)}`, { expect: false }),
    v('no t', `v1=${sig(T)}`, { expect: false }),
    v('two t, the last one signed', `t=${T - 5},t=${T},v1=${sig(T)}`, { expect: true }),
    v('no header', '', { expect: false }),
    v('empty body, signed', `t=${T},v1=${sig(T, '')}`, { payload: '', expect: false }),
    v('non-JSON body, signed', `t=${T},v1=${sig(T, 'hello')}`, { payload: 'hello', expect: true }),
    v('invalid UTF-8, signed as sent', `t=${T},v1=${sig(T, BYTES)}`, { payload: BYTES }),
    v('invalid UTF-8 bytes swapped', `t=${T},v1=${sig(T, BYTES.toString())}`, { payload: SWAPPED }),
  ];
}

/** Standard Webhooks with `webhook-*` names (the `standardwebhooks` oracle) or `svix-*` names (the `svix` one). */
export function standardVariants(family: 'webhook' | 'svix'): Variant[] {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const other = family === 'webhook' ? 'svix' : 'webhook';
  const sig = (id: string, t: number | string, payload: string | Buffer = BODY, k: Buffer = key) =>
    `v1,${mac('sha256', k, `${id}.${t}.`, payload).digest('base64')}`;
  const h = (id: string, t: number | string, signature: string, names = family) => ({
    [`${names}-id`]: id,
    [`${names}-timestamp`]: String(t),
    [`${names}-signature`]: signature,
  });
  const v = (name: string, headers: Record<string, string>, extra: Partial<Variant> = {}): Variant => ({
    name,
    payload: BODY,
    headers,
    secret,
    now: NOW,
    ...extra,
  });
  const drop = (name: string) => {
    const all = h('msg_1', T, sig('msg_1', T));
    delete all[`${family}-${name}`];
    return all;
  };
  return [
    v('valid', h('msg_1', T, sig('msg_1', T)), { expect: true }),
    v('tampered body', h('msg_1', T, sig('msg_1', T)), { payload: `${BODY} `, expect: false }),
    v('wrong secret', h('msg_1', T, sig('msg_1', T, BODY, Buffer.from('other'))), { expect: false }),
    v('another message id', h('msg_2', T, sig('msg_1', T)), { expect: false }),
    v('stale: 301 s old', h('msg_1', T - 301, sig('msg_1', T - 301)), { expect: false }),
    v('boundary: exactly 300 s old', h('msg_1', T - 300, sig('msg_1', T - 300)), { expect: true }),
    v('boundary: 300.999 s old', h('msg_1', T - 300, sig('msg_1', T - 300)), { now: NOW + 999, expect: true }),
    v('future: 300 s ahead', h('msg_1', T + 300, sig('msg_1', T + 300)), { expect: true }),
    v('future: 301 s ahead', h('msg_1', T + 301, sig('msg_1', T + 301)), { expect: false }),
    v('timestamp <n>.0 (signed as <n>)', h('msg_1', `${T}.0`, sig('msg_1', T)), { expect: true }),
    v('timestamp not a number', h('msg_1', 'abc', sig('msg_1', 'NaN')), { expect: false }),
    v('several signatures, one valid', h('msg_1', T, `v1,AAAA ${sig('msg_1', T)} v2,BBBB`), { expect: true }),
    v('several signatures, none valid', h('msg_1', T, `v1,AAAA v1,${sig('msg_2', T).slice(3)}`), { expect: false }),
    v('two spaces between signatures', h('msg_1', T, `v1,AAAA  ${sig('msg_1', T)}`), { expect: true }),
    v('only a v2 signature', h('msg_1', T, sig('msg_1', T).replace('v1,', 'v2,')), { expect: false }),
    v('upper-case V1', h('msg_1', T, sig('msg_1', T).replace('v1,', 'V1,')), { expect: false }),
    v('signature without padding', h('msg_1', T, sig('msg_1', T).replace(/=+$/, '')), { expect: false }),
    v('signature followed by ,extra', h('msg_1', T, `${sig('msg_1', T)},extra`), { expect: true }),
    v('no id header', drop('id'), { expect: false }),
    v('no timestamp header', drop('timestamp'), { expect: false }),
    v('no signature header', drop('signature'), { expect: false }),
    v('empty body, signed', h('msg_1', T, sig('msg_1', T, '')), { payload: '', expect: true }),
    v('non-JSON body, signed', h('msg_1', T, sig('msg_1', T, 'hello')), { payload: 'hello', expect: true }),
    v(
      'unsigned idempotency-key added',
      { ...h('msg_1', T, sig('msg_1', T)), 'idempotency-key': 'k' },
      { expect: true },
    ),
    v(`${other}-* headers only`, h('msg_1', T, sig('msg_1', T), other), { expect: true }),
    v(
      `signed ${family}-*, forged ${other}-* added`,
      { ...h('msg_9', T, 'v1,AAAA', other), ...h('msg_1', T, sig('msg_1', T)) },
      { expect: true },
    ),
    v(
      `signed ${other}-*, forged ${family}-* added`,
      { ...h('msg_1', T, sig('msg_1', T), other), ...h('msg_9', T, 'v1,AAAA') },
      { expect: false },
    ),
    v('invalid UTF-8, signed as sent', h('msg_1', T, sig('msg_1', T, BYTES)), { payload: BYTES }),
    v('invalid UTF-8 bytes swapped', h('msg_1', T, sig('msg_1', T, BYTES.toString())), { payload: SWAPPED }),
  ];
}

export function githubVariants(): Variant[] {
  const secret = "It's a Secret to Everybody";
  const hex = (payload: string | Buffer = BODY, key = secret, algorithm = 'sha256') =>
    mac(algorithm, key, payload).digest('hex');
  const v = (name: string, header: string | undefined, extra: Partial<Variant> = {}): Variant => ({
    name,
    payload: BODY,
    headers: header === undefined ? {} : { 'x-hub-signature-256': header },
    secret,
    now: NOW,
    ...extra,
  });
  const big = JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ i, name: `item ${i}` })) });
  return [
    v('valid', `sha256=${hex()}`, { expect: true }),
    v('GitHub docs example', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17', {
      payload: 'Hello, World!',
      expect: true,
    }),
    v('tampered body', `sha256=${hex()}`, { payload: `${BODY} `, expect: false }),
    v('re-indented body', `sha256=${hex()}`, { payload: JSON.stringify(JSON.parse(BODY), null, 2), expect: false }),
    v('wrong secret', `sha256=${hex(BODY, 'other')}`, { expect: false }),
    v('upper-case hex', `sha256=${hex().toUpperCase()}`, { expect: false }),
    v('SHA256= prefix', `SHA256=${hex()}`, { expect: false }),
    v('no prefix', hex(), { expect: false }),
    v('sha1= with a sha1 digest', `sha1=${hex(BODY, secret, 'sha1')}`, { expect: false }),
    v('sha256= with a sha1 digest', `sha256=${hex(BODY, secret, 'sha1')}`, { expect: false }),
    v('leading space', ` sha256=${hex()}`, { expect: false }),
    v('trailing space', `sha256=${hex()} `, { expect: false }),
    v('space after =', `sha256= ${hex()}`, { expect: false }),
    v('truncated', `sha256=${hex().slice(0, -2)}`, { expect: false }),
    v('extra characters', `sha256=${hex()}00`, { expect: false }),
    v('two signatures', `sha256=${'0'.repeat(64)},sha256=${hex()}`, { expect: false }),
    v('prefix only', 'sha256=', { expect: false }),
    v('empty header', '', { expect: false }),
    v('no header', undefined, { expect: false }),
    v('empty secret', `sha256=${hex(BODY, '')}`, { secret: '', expect: false }),
    v('empty body, signed', `sha256=${hex('')}`, { payload: '', expect: false }),
    v('non-JSON body, signed', `sha256=${hex('a=1&b=2')}`, { payload: 'a=1&b=2', expect: true }),
    v('unicode body', `sha256=${hex('{"t":"héllo ✓"}')}`, { payload: '{"t":"héllo ✓"}', expect: true }),
    v('large body', `sha256=${hex(big)}`, { payload: big, expect: true }),
  ];
}

export function slackVariants(): Variant[] {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const sig = (t: number | string, payload: string | Buffer = BODY, key = secret) =>
    `v0=${mac('sha256', key, `v0:${t}:`, payload).digest('hex')}`;
  const v = (
    name: string,
    t: number | string | undefined,
    signature: string | undefined,
    extra: Partial<Variant> = {},
  ): Variant => ({
    name,
    payload: BODY,
    headers: {
      ...(signature === undefined ? {} : { 'x-slack-signature': signature }),
      ...(t === undefined ? {} : { 'x-slack-request-timestamp': String(t) }),
    },
    secret,
    now: NOW,
    ...extra,
  });
  const form = 'token=x&team_id=T1&command=%2Fweft&text=hi';
  return [
    v('valid', T, sig(T), { expect: true }),
    v('tampered body', T, sig(T), { payload: `${BODY} `, expect: false }),
    v('wrong secret', T, sig(T, BODY, 'other'), { expect: false }),
    v('timestamp changed', T + 1, sig(T), { expect: false }),
    v('stale: 301 s old', T - 301, sig(T - 301), { expect: false }),
    v('boundary: exactly 300 s old', T - 300, sig(T - 300), { expect: true }),
    v('boundary: 300.999 s old', T - 300, sig(T - 300), { now: NOW + 999, expect: true }),
    v('future: 300 s ahead', T + 300, sig(T + 300), { expect: true }),
    v('future: 301 s ahead', T + 301, sig(T + 301)),
    v('future: a day ahead', T + 86_400, sig(T + 86_400)),
    v('timestamp in milliseconds', NOW, sig(NOW)),
    v('timestamp <n>.0 (signed as <n>)', `${T}.0`, sig(T), { expect: true }),
    v('timestamp with a leading space', ` ${T}`, sig(T), { expect: true }),
    v('timestamp in hex (signed in decimal)', `0x${T.toString(16)}`, sig(T), { expect: true }),
    v('timestamp not a number', 'abc', sig('abc'), { expect: false }),
    v('empty timestamp', '', sig(''), { expect: false }),
    v('no timestamp header', undefined, sig(T), { expect: false }),
    v('no signature header', T, undefined, { expect: false }),
    v(
      'upper-case hex',
      T,
      sig(T).replace(/=(.*)/, (_, d: string) => `=${d.toUpperCase()}`),
      { expect: false },
    ),
    v('upper-case V0=', T, sig(T).replace('v0=', 'V0='), { expect: false }),
    v('v1= instead of v0=', T, sig(T).replace('v0=', 'v1='), { expect: false }),
    v('v0= with no digest', T, 'v0=', { expect: false }),
    v('digest followed by =junk', T, `${sig(T)}=junk`, { expect: true }),
    v('space after =', T, sig(T).replace('v0=', 'v0= '), { expect: false }),
    v('empty body, signed', T, sig(T, ''), { payload: '', expect: true }),
    v('form body (slash command), signed', T, sig(T, form), { payload: form, expect: true }),
    v('non-JSON body, signed', T, sig(T, 'hello'), { payload: 'hello', expect: true }),
  ];
}

export function hmacVariants(): Variant[] {
  const secret = 'hmac-secret-value';
  type Hmac = NonNullable<Variant['hmac']>;
  const digest = (o: Hmac = {}, payload: string | Buffer = BODY, key = secret) =>
    mac(o.algorithm ?? 'sha256', key, payload).digest(o.encoding ?? 'hex');
  const v = (name: string, header: string | undefined, extra: Partial<Variant> = {}): Variant => ({
    name,
    payload: BODY,
    headers: header === undefined ? {} : { 'x-signature': header },
    secret,
    now: NOW,
    ...extra,
  });
  const b64: Hmac = { encoding: 'base64', prefix: '' };
  return [
    v('valid', `sha256=${digest()}`, { expect: true }),
    v('tampered body', `sha256=${digest()}`, { payload: `${BODY} `, expect: false }),
    v('wrong secret', `sha256=${digest({}, BODY, 'other')}`, { expect: false }),
    v('sha1', `sha1=${digest({ algorithm: 'sha1' })}`, { hmac: { algorithm: 'sha1', prefix: 'sha1=' }, expect: true }),
    v('sha512', `${digest({ algorithm: 'sha512' })}`, { hmac: { algorithm: 'sha512', prefix: '' }, expect: true }),
    v('sha1 digest where sha256 is configured', `sha256=${digest({ algorithm: 'sha1' })}`, { expect: false }),
    v('base64', digest(b64), { hmac: b64, expect: true }),
    v('base64url', digest({ encoding: 'base64url' }), { hmac: { encoding: 'base64url', prefix: '' }, expect: true }),
    v('base64 in upper case', digest(b64).toUpperCase(), { hmac: b64, expect: false }),
    v('upper-case hex (accepted)', `sha256=${digest().toUpperCase()}`, { expect: true }),
    v('upper-case prefix', `SHA256=${digest()}`, { expect: false }),
    v('no prefix', digest(), { expect: false }),
    v('prefix twice', `sha256=sha256=${digest()}`, { expect: false }),
    v('surrounding spaces', `  sha256=${digest()} `, { expect: true }),
    v('space after the prefix', `sha256= ${digest()}`, { expect: false }),
    v('truncated', `sha256=${digest().slice(0, -2)}`, { expect: false }),
    v('extra characters', `sha256=${digest()}00`, { expect: false }),
    v('two signatures', `sha256=${'0'.repeat(64)},sha256=${digest()}`, { expect: false }),
    v('empty header', '', { expect: false }),
    v('no header', undefined, { expect: false }),
    v('empty secret', `sha256=${digest({}, BODY, '')}`, { secret: '', expect: false }),
    v('empty body, signed', `sha256=${digest({}, '')}`, { payload: '', expect: true }),
    v('non-JSON body, signed', `sha256=${digest({}, 'hello')}`, { payload: 'hello', expect: true }),
    v('binary body, signed', `sha256=${digest({}, BYTES)}`, { payload: BYTES, expect: true }),
  ];
}
