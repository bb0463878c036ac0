// Server and connector errors rewritten for people wherever the editor shows them: no `connector_upstream:`
// code prefixes, and schema wording ("/channel is required", "must have required property 'url'",
// "must be <= 100") turned into sentences that name the field ("Channel is required", "Limit must be at most 100").

const CODE_PREFIX = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+:\s*/;
const SCHEMA_LIST = /^Invalid (?:input|configuration|output) for [^:]+:\s*(.+)$/s;
const ACRONYMS = new Set(['url', 'id', 'api', 'http', 'sql', 'json', 'html', 'uri', 'cc', 'bcc']);

/** `spreadsheetId` → "Spreadsheet ID" (the same wording as the server's publish problems). */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const COMPARISONS: [RegExp, string][] = [
  [/must be <= /, 'must be at most '],
  [/must be >= /, 'must be at least '],
  [/must be < /, 'must be less than '],
  [/must be > /, 'must be more than '],
  [/must be string\b/, 'must be text'],
  [/must be integer\b/, 'must be a whole number'],
  [/must be number\b/, 'must be a number'],
  [/must be boolean\b/, 'must be yes or no'],
  [/must be array\b/, 'must be a list'],
  [/must be object\b/, 'must be a group of fields'],
  [/must be equal to one of the allowed values/, 'is not one of the allowed choices'],
  [/must match pattern "[^"]*"/, 'is not in the expected format'],
  [/must NOT have fewer than 1 characters/, 'is required'],
  [/must NOT have more than (\d+) characters/, 'must be at most $1 characters'],
  [/must NOT have additional properties/, 'has a setting that does not belong here'],
];

/** One schema complaint (`/channel is required`, `must have required property 'url'`) as a sentence. */
function plainSchemaItem(item: string): string {
  const required = /^(\/\S*)?\s*must have required property '([^']+)'$/.exec(item);
  if (required) return `${fieldLabel(required[2]!)} is required`;
  const located = /^\/(\S+?)\s+(.+)$/.exec(item);
  let subject = 'This setting';
  let rest = item;
  if (located) {
    const segments = located[1]!.split('/');
    const last = segments.at(-1)!;
    subject = /^\d+$/.test(last)
      ? `Item ${Number(last) + 1} of ${fieldLabel(segments.at(-2) ?? '')}`
      : fieldLabel(last);
    rest = located[2]!;
  } else if (/^\((?:input|config)\)\s+/.test(item)) rest = item.replace(/^\((?:input|config)\)\s+/, '');
  for (const [pattern, replacement] of COMPARISONS) rest = rest.replace(pattern, replacement);
  return located || rest !== item ? `${subject} ${rest}` : item;
}

export function plainError(text: string): string {
  const message = text.trim().replace(CODE_PREFIX, '');
  const list = SCHEMA_LIST.exec(message);
  if (list) return `${list[1]!.split(/;\s*/).map(plainSchemaItem).join('. ')}.`;
  if (/must have required property '/.test(message)) return plainSchemaItem(message);
  return message;
}
