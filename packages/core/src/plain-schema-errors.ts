// Schema errors written for people: "URL is required", not "must have required property 'url'". A field is
// named by its schema `title`, else by its key in words (`spreadsheetId` → "Spreadsheet ID").
import type { ErrorObject } from 'ajv';

const ACRONYMS = new Set(['url', 'id', 'api', 'http', 'https', 'sql', 'json', 'html', 'uri', 'cc', 'bcc', 'ip', 'sms']);

/** `spreadsheetId` → "Spreadsheet ID", `from_email` → "From email". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
  if (!words.length) return key;
  const [first, ...rest] = words;
  return [first!.charAt(0).toUpperCase() + first!.slice(1), ...rest].join(' ');
}

/** The schema of one object property, when the schema declares it. */
function propertySchema(schema: unknown, key: string): Record<string, unknown> | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  const found = properties?.[key];
  return found && typeof found === 'object' ? (found as Record<string, unknown>) : undefined;
}

function labelOf(key: string | undefined, schema: unknown): string {
  const title = schema && typeof schema === 'object' ? (schema as { title?: unknown }).title : undefined;
  if (typeof title === 'string' && title.trim()) return title.trim();
  if (key === undefined) return 'This setting';
  return /^\d+$/.test(key) ? `Item ${Number(key) + 1}` : humanizeKey(key);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

export interface PlainSchemaError {
  /** JSON pointer, relative to the validated value, of the field concerned (a missing field points at itself). */
  pointer: string;
  message: string;
}

/**
 * One plain sentence per error. Needs errors from an Ajv with `verbose: true` (for the field's own schema).
 * Branch errors under anyOf/oneOf and `if` are summed up by their parent; duplicates are dropped.
 */
export function plainSchemaErrors(errors: readonly ErrorObject[] | null | undefined): PlainSchemaError[] {
  const found: PlainSchemaError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (/\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath) || error.keyword === 'if') continue;
    const plain = plainSchemaError(error);
    const key = `${plain.pointer}|${plain.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(plain);
  }
  return found;
}

function plainSchemaError(error: ErrorObject): PlainSchemaError {
  const segments = error.instancePath.split('/').slice(1);
  const key = segments.at(-1)?.replace(/~1/g, '/').replace(/~0/g, '~');
  const params = error.params as Record<string, unknown>;
  const own = labelOf(key, error.parentSchema);
  const at = (message: string, pointer = error.instancePath) => ({ pointer, message });
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const label = labelOf(missing, propertySchema(error.parentSchema, missing));
      return at(`${label} is required`, `${error.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
    case 'dependencies':
    case 'dependentRequired': {
      const missing = String(params.missingProperty);
      const label = labelOf(missing, propertySchema(error.parentSchema, missing));
      const pointer = `${error.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return at(`${label} is required when ${humanizeKey(String(params.property)).toLowerCase()} is set`, pointer);
    }
    case 'minLength':
      return at(
        params.limit === 1 || error.data === ''
          ? `${own} is required`
          : `${own} must be at least ${String(params.limit)} characters`,
      );
    case 'maxLength':
      return at(`${own} must be at most ${String(params.limit)} characters`);
    case 'type':
      return at(`${own} must be ${typeWords(params.type)}`);
    case 'enum':
      return at(`${own} must be one of: ${list((params.allowedValues as unknown[]) ?? [])}`);
    case 'const':
      return at(`${own} must be ${list([params.allowedValue])}`);
    case 'minimum':
      return at(`${own} must be at least ${String(params.limit)}`);
    case 'maximum':
      return at(`${own} must be at most ${String(params.limit)}`);
    case 'exclusiveMinimum':
      return at(`${own} must be more than ${String(params.limit)}`);
    case 'exclusiveMaximum':
      return at(`${own} must be less than ${String(params.limit)}`);
    case 'minItems':
      return at(`${own} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return at(`${own} takes at most ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
    case 'pattern':
      return at(`${own} is not in the expected format`);
    case 'format':
      return at(`${own} must be a valid ${String(params.format).replace(/-/g, ' ')}`);
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return at(`"${extra}" is not a setting here`, `${error.instancePath}/${extra}`);
    }
    case 'anyOf':
    case 'oneOf':
      return at(segments.length ? `${own} is not valid` : 'These settings do not fit together');
    case 'uniqueItems':
      return at(`${own} lists the same item twice`);
    default:
      return at(`${own} ${error.message ?? 'is not valid'}`);
  }
}
