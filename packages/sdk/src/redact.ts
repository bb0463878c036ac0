// Secret redaction for everything a connector can write: log lines, error messages and step outputs.
// Each secret is also redacted in every encoding the SDK (or a connector) derives from it on the way out and
// an upstream may echo back: URL-encoded (encodeURIComponent, form encoding, lower-case escapes), JSON-escaped
// (once and twice, for JSON text inside strings), hex, and base64/base64url at any byte alignment — so
// `Basic base64(user:pass)`, `base64(key:)` and a secret inside any larger base64 blob are caught without
// knowing what surrounds it.

import { isFileRef } from '@weft/core';

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not redacted: replacing `1` or `ab` everywhere would destroy outputs. */
const MIN_SECRET_LENGTH = 4;

/** Returns `value` with every occurrence of every secret replaced by `[redacted]` (deep; objects are copied). */
export function redactSecrets<T>(value: T, secrets: Iterable<string>): T {
  const list = expandSecrets(secrets);
  if (list.length === 0) return value;
  return redactValue(value, list) as T;
}

/** A redactor over a set of secrets that can grow (e.g. when a token is refreshed mid-step). */
export class SecretSet {
  private readonly secrets = new Set<string>();
  private expanded: string[] | undefined = [];

  constructor(initial: Iterable<string> = []) {
    for (const secret of initial) this.add(secret);
  }

  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.expanded = undefined;
  }

  redact<T>(value: T): T {
    this.expanded ??= expandSecrets(this.secrets);
    return this.expanded.length === 0 ? value : (redactValue(value, this.expanded) as T);
  }

  get size(): number {
    return this.secrets.size;
  }
}

/** A base64 run shorter than this is not redacted on its own: too likely to occur by chance. */
const MIN_BASE64_CORE = 8;

/** Every text form a secret may travel in. Exported for tests that scan for leaks. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const uri = encodeURIComponent(secret);
  forms.add(uri);
  forms.add(uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  forms.add(encodeURI(secret));
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(JSON.stringify(json).slice(1, -1));
  const bytes = Buffer.from(secret);
  forms.add(bytes.toString('hex'));
  forms.add(bytes.toString('hex').toUpperCase());
  for (const alphabet of ['base64', 'base64url'] as const) {
    forms.add(bytes.toString(alphabet));
    for (const core of base64Cores(bytes, alphabet)) forms.add(core);
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * The base64 characters that depend on the secret alone, for each of the three byte offsets it can start at in
 * a longer encoded text (`user:pass`, `key:`, a JSON document...): the groups shared with unknown neighbours
 * are left out, so a few characters may survive, but never enough to recover the secret.
 */
function base64Cores(bytes: Buffer, alphabet: 'base64' | 'base64url'): string[] {
  const cores: string[] = [];
  for (const shift of [0, 1, 2]) {
    const total = shift + bytes.length;
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(alphabet);
    const core = encoded.slice(shift === 0 ? 0 : 4, Math.floor(total / 3) * 4);
    if (core.length >= MIN_BASE64_CORE) cores.push(core);
  }
  return cores;
}

function expandSecrets(secrets: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) all.add(form);
  }
  // Longest first, so that a secret containing another is replaced whole.
  return [...all].sort((a, b) => b.length - a.length);
}

function redactString(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result;
}

function redactValue(value: unknown, secrets: readonly string[], seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  // A file reference keeps its id, size and digest (they name the bytes, and a hex or base64 form of a secret
  // could occur in them by chance); its shown name and type are redacted like any text.
  if (isFileRef(value)) {
    const { $file } = value;
    return { $file: { ...$file, name: redactString($file.name, secrets), type: redactString($file.type, secrets) } };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[redactString(key, secrets)] = redactValue(item, secrets, seen);
  return copy;
}
