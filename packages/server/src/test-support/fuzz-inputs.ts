// Test helper: hostile request parts for the API fuzz — a seeded PRNG, ids, bodies and content types that a
// careless or malicious client sends. Deterministic: the same seed gives the same requests.

export type Rng = () => number;

/** mulberry32: small, fast, good enough to spread cases; seeded so a failure can be replayed. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

export const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'TRACE',
] as const;

/** Path segments in place of an id (already percent-encoded where a client would encode them). */
export const HOSTILE_IDS = [
  '..',
  '.',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  'a%00b',
  'x'.repeat(5000),
  '9'.repeat(400),
  '%C3%A9t%C3%A9',
  '%F0%9F%92%A5',
  '%E2%80%AE',
  "1'%20OR%20'1'%3D'1",
  '%27%3B%20DROP%20TABLE%20flows%3B--',
  '%FF%FE',
  '%C0%AF',
  '%25',
  '%2F',
  '%5C',
  '__proto__',
  'constructor',
  'null',
  '-1',
  '%20',
  '~',
  '%7B%7B%20trigger%20%7D%7D',
  '%3Cscript%3E',
];

export const CONTENT_TYPES = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'application/merge-patch+json',
  'application/problem+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'garbage/////',
  '',
] as const;

const JSON_VALUES: unknown[] = [null, true, 0, -1, 1e308, '', 'x', [], {}, [1, 'a'], { a: { b: null } }, '\u0000'];

function deep(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A flow definition to mutate: valid as is (a webhook trigger and a mapping). */
export const FLOW = {
  schema: 'weft.flow/v1',
  name: 'fuzz',
  trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'n1', use: 'transform.map', config: { value: '{{ trigger.body }}' } }],
  edges: [{ from: 't', to: 'n1' }],
};

/** Bodies that look like what a route expects, then one field replaced by something else. */
const FLOW_BODIES = [FLOW, { definition: FLOW }];
const SHAPES: [RegExp, Record<string, unknown>[]][] = [
  [/^\/api\/flows\/[^/]+\/steps\//, [{ definition: FLOW, input: { trigger: { a: 1 }, steps: {} } }]],
  [/^\/api\/flows\/[^/]+\/test$/, [{ input: { trigger: {}, steps: {} } }]],
  [/^\/api\/flows/, FLOW_BODIES],
  [
    /^\/api\/auth\/login/,
    [
      { email: 'owner@example.com', password: 'x' },
      { email: 'a@b.c', password: 'p' },
    ],
  ],
  [/^\/api\/auth\/tokens/, [{ name: 'token', role: 'viewer' }]],
  [/^\/api\/users/, [{ email: 'new@example.com', password: 'a long password', role: 'editor' }]],
  [/^\/api\/credentials\/[^/]+/, [{ values: { token: 't' }, name: 'renamed' }]],
  [
    /^\/api\/credentials/,
    [
      { connector: 'stripe', name: 'c', kind: 'apiKey', values: { apiKey: 'k' } },
      { connector: 'http', name: 'c', kind: 'bearer', values: { token: 't' } },
    ],
  ],
  [/^\/hooks\//, [{ type: 'invoice.paid', data: { object: { id: 'x' } } }, { a: [1, { b: 'c' }] }]],
];
const ANY_SHAPE = SHAPES.flatMap(([, shapes]) => shapes);

export interface FuzzBody {
  kind: string;
  body?: Buffer;
}

export const BODY_KINDS = 15;

/** A body of kind `kind` (0 to BODY_KINDS - 1), or of a random kind, shaped for `path` most of the time. */
export function fuzzBody(rng: Rng, path: string, kind = Math.floor(rng() * BODY_KINDS)): FuzzBody {
  const fitting = SHAPES.find(([pattern]) => pattern.test(path))?.[1];
  const shape = pick(rng, fitting && rng() < 0.8 ? fitting : ANY_SHAPE);
  const text = JSON.stringify(shape);
  const utf8 = (kind: string, value: string): FuzzBody => ({ kind, body: Buffer.from(value, 'utf8') });
  switch (kind) {
    case 0:
      return { kind: 'none' };
    case 1:
      return utf8('shape', text);
    case 2:
      return utf8('truncated json', text.slice(0, Math.floor(rng() * text.length)));
    case 3:
      return utf8('deep array', deep(1000 + Math.floor(rng() * 30_000), 'array'));
    case 4: {
      const nested = deep(1000 + Math.floor(rng() * 20_000), 'object');
      const field = pick(rng, ['definition', 'input', 'values', 'name', 'config']);
      return utf8(`deep object in ${field}`, `{"${field}":${nested}}`);
    }
    case 5: {
      const field = pick(rng, Object.keys(shape));
      return utf8(
        `huge string in ${field}`,
        JSON.stringify({ ...shape, [field]: 'x'.repeat(100_000 + Math.floor(rng() * 200_000)) }),
      );
    }
    case 6:
      return utf8('over the size limit', JSON.stringify({ ...shape, pad: 'x'.repeat(1_100_000) }));
    case 7: {
      const field = pick(rng, Object.keys(shape));
      return utf8(`wrong type for ${field}`, JSON.stringify({ ...shape, [field]: pick(rng, JSON_VALUES) }));
    }
    case 8:
      return utf8('NUL bytes', text.replace(/"([^"]*)"/, '"$1\\u0000\u0000"'));
    case 9: {
      const cut = text.indexOf('"', 2) + 1;
      return {
        kind: 'invalid UTF-8',
        body: Buffer.concat([
          Buffer.from(text.slice(0, cut)),
          Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
          Buffer.from(text.slice(cut)),
        ]),
      };
    }
    case 10:
      return {
        kind: 'random bytes',
        body: Buffer.from(Array.from({ length: Math.floor(rng() * 2000) }, () => Math.floor(rng() * 256))),
      };
    case 11:
      return utf8('non-object JSON', JSON.stringify(pick(rng, JSON_VALUES)));
    case 12:
      return utf8(
        'prototype keys',
        `{"__proto__":{"role":"owner"},"constructor":{"prototype":{"x":1}},${text.slice(1)}`,
      );
    case 13: {
      // Deep nesting where a valid body has an object (a step's config, a run's input), not at the top.
      const holders = objectPaths(shape);
      const open = holders.filter((at) => OPEN_OBJECTS.has(at[at.length - 1] ?? ''));
      const at = pick(rng, open.length && rng() < 0.8 ? open : holders);
      const marked = JSON.stringify(withValue(shape, [...at, 'deep'], '\u0001deep'));
      const nested = deep(pick(rng, [300, 3000, 30_000, 100_000]), rng() < 0.5 ? 'array' : 'object');
      return utf8(`deep value at /${at.join('/')}`, marked.replace('"\\u0001deep"', nested));
    }
    default: {
      const field = pick(rng, Object.keys(shape));
      const nested = { ...shape, [field]: { [pick(rng, ['$ref', '{{ x }}', '../', ''])]: pick(rng, JSON_VALUES) } };
      return utf8(`odd object in ${field}`, JSON.stringify(nested));
    }
  }
}

/** Objects a route accepts any content in: where nesting gets past validation into storage and scripts. */
const OPEN_OBJECTS = new Set(['config', 'input', 'trigger', 'steps', 'values', 'data', 'object']);

/** Paths of every object inside `value` (arrays by index), the root included. */
function objectPaths(value: unknown, at: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  const own = Array.isArray(value) ? [] : [at];
  return [...own, ...Object.entries(value).flatMap(([key, child]) => objectPaths(child, [...at, key]))];
}

function withValue(value: unknown, path: string[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...(value as unknown[])] as never)
    : { ...(value as object) };
  copy[head] = withValue(copy[head], rest, leaf);
  return copy;
}
