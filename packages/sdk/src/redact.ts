// Secret redaction for everything a connector can write: log lines, error messages and step outputs.
// Each secret is also redacted in the encodings it commonly travels in (URL-encoded, base64, Basic auth).

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

function expandSecrets(secrets: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    all.add(secret);
    all.add(encodeURIComponent(secret));
    all.add(Buffer.from(secret).toString('base64'));
    all.add(Buffer.from(secret).toString('base64url'));
  }
  // Longest first, so that a secret containing another is replaced whole.
  return [...all].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
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
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[redactString(key, secrets)] = redactValue(item, secrets, seen);
  return copy;
}
