// Load-time validation of a connector: the manifest against the meta-schema, embedded JSON Schemas compile,
// keys are unique and the functions each kind needs are there. Every problem names the connector and a JSON
// pointer into its manifest.
import { Ajv, type ErrorObject } from 'ajv';
import { WeftError, type JsonObject } from '@weft/core';
import type { ConnectorDefinition } from '../define/connector.js';
import { connectorManifestSchema } from './manifest-schema.js';
import { manifestOf, type ConnectorManifest } from './manifest.js';

export interface ManifestProblem {
  /** RFC 6901 pointer into the manifest, e.g. `/actions/0/key`. */
  pointer: string;
  message: string;
}

export type ConnectorValidation =
  | { ok: true; connector: ConnectorDefinition; manifest: ConnectorManifest }
  | { ok: false; name: string | undefined; problems: ManifestProblem[] };

/** One Ajv for the meta-schema and for connectors' own schemas (input validation reuses it). */
export const schemaAjv = new Ajv({ allErrors: true, strict: false, validateFormats: false, useDefaults: true });
const validateManifestShape = schemaAjv.compile(connectorManifestSchema);

export function validateConnector(value: unknown): ConnectorValidation {
  const name = nameOf(value);
  const fail = (problems: ManifestProblem[]): ConnectorValidation => ({ ok: false, name, problems });
  if (typeof value !== 'object' || value === null) {
    return fail([{ pointer: '', message: 'is not a connector object (expected the result of defineConnector)' }]);
  }
  const connector = value as ConnectorDefinition;
  if (!Array.isArray(connector.actions)) return fail([{ pointer: '/actions', message: 'must be an array' }]);
  if (connector.triggers !== undefined && !Array.isArray(connector.triggers)) {
    return fail([{ pointer: '/triggers', message: 'must be an array' }]);
  }
  let manifest: ConnectorManifest;
  try {
    manifest = manifestOf(connector);
  } catch (error) {
    return fail([
      { pointer: '', message: `cannot be serialized: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  const shape = validateManifestShape(manifest) ? [] : (validateManifestShape.errors ?? []).map(toProblem);
  // The other checks run even when the shape is wrong (they skip what they cannot read), so one bad field
  // does not hide the rest; a spot the shape check already flagged is not reported twice.
  const flagged = new Set(shape.map((p) => p.pointer));
  const problems = [
    ...shape,
    ...[
      ...unknownProperties(connector),
      ...functionProblems(connector),
      ...keyProblems(manifest),
      ...schemaProblems(manifest),
    ].filter((p) => shape.length === 0 || !flagged.has(p.pointer)),
  ];
  return problems.length > 0 ? fail(problems) : { ok: true, connector, manifest };
}

export class ConnectorManifestError extends WeftError {
  readonly problems: ManifestProblem[];

  constructor(name: string | undefined, source: string | undefined, problems: ManifestProblem[]) {
    super('connector_manifest_invalid', describeProblems(name, source, problems), {
      fault: 'system',
      details: { problems: problems.map((p) => ({ ...p })) as unknown as JsonObject[] } as JsonObject,
    });
    this.name = 'ConnectorManifestError';
    this.problems = problems;
  }
}

export function describeProblems(
  name: string | undefined,
  source: string | undefined,
  problems: ManifestProblem[],
): string {
  const who = `connector ${name === undefined ? '(unnamed)' : `"${name}"`}${source ? ` from ${source}` : ''}`;
  const list = problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ');
  return `Invalid manifest of ${who}: ${list}`;
}

function nameOf(value: unknown): string | undefined {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

function toProblem(error: ErrorObject): ManifestProblem {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = `has unknown property "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum') message = `must be one of ${JSON.stringify(params.allowedValues)}`;
  return { pointer: error.instancePath, message };
}

const CONNECTOR_KEYS = new Set([
  'name',
  'version',
  'title',
  'description',
  'icon',
  'categories',
  'auth',
  'rateLimits',
  'baseUrl',
  'idempotencyHeader',
  'docsUrl',
  'errors',
  'actions',
  'triggers',
  'webhook',
  'test',
]);
const ACTION_KEYS = new Set(['key', 'title', 'description', 'input', 'output', 'retry', 'run']);
const TRIGGER_KEYS = new Set([
  'respond',
  'key',
  'kind',
  'title',
  'description',
  'config',
  'output',
  'intervalMs',
  'poll',
  'dedupeKey',
  'verify',
  'toEvents',
  'eventId',
  'schedule',
  'run',
]);

/** manifestOf only copies known fields, so a typo (`ratelimits`) would otherwise vanish silently. */
function unknownProperties(connector: ConnectorDefinition): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const check = (value: unknown, known: Set<string>, pointer: string) => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      if (!known.has(key)) problems.push({ pointer, message: `has unknown property "${key}"` });
    }
  };
  check(connector, CONNECTOR_KEYS, '');
  connector.actions.forEach((action, i) => check(action, ACTION_KEYS, `/actions/${i}`));
  (connector.triggers ?? []).forEach((trigger, i) => check(trigger, TRIGGER_KEYS, `/triggers/${i}`));
  return problems;
}

function functionProblems(connector: ConnectorDefinition): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const need = (target: unknown, fn: string, pointer: string) => {
    if (typeof target !== 'object' || target === null) return;
    if (typeof (target as Record<string, unknown>)[fn] !== 'function') {
      problems.push({ pointer, message: `needs a function "${fn}"` });
    }
  };
  connector.actions.forEach((action, i) => need(action, 'run', `/actions/${i}`));
  if (connector.errors !== undefined && typeof connector.errors !== 'function') {
    problems.push({ pointer: '/errors', message: 'must be a function (failure) => refinement' });
  }
  (connector.triggers ?? []).forEach((trigger, i) => {
    if (typeof trigger !== 'object' || trigger === null) return;
    if (trigger.kind === 'polling') {
      need(trigger, 'poll', `/triggers/${i}`);
      need(trigger, 'dedupeKey', `/triggers/${i}`);
    } else if (trigger.kind === 'webhook') {
      need(trigger, 'toEvents', `/triggers/${i}`);
    }
  });
  return problems;
}

function keyProblems(manifest: ConnectorManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const list of ['actions', 'triggers'] as const) {
    const seen = new Set<string>();
    manifest[list].forEach((entry, i) => {
      if (typeof entry?.key !== 'string') return;
      if (seen.has(entry.key)) problems.push({ pointer: `/${list}/${i}/key`, message: `duplicate key "${entry.key}"` });
      seen.add(entry.key);
    });
  }
  manifest.triggers.forEach((trigger, i) => {
    if (typeof trigger?.schedule?.cron === 'string' && !isCron(trigger.schedule.cron)) {
      problems.push({
        pointer: `/triggers/${i}/schedule/cron`,
        message: `"${trigger.schedule.cron}" is not a cron expression (5 or 6 fields)`,
      });
    }
  });
  return problems;
}

function schemaProblems(manifest: ConnectorManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const check = (schema: JsonObject | undefined, pointer: string) => {
    if (typeof schema !== 'object' || schema === null) return;
    try {
      schemaAjv.compile(schema);
    } catch (error) {
      problems.push({
        pointer,
        message: `is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  manifest.actions.forEach((action, i) => {
    check(action.input, `/actions/${i}/input`);
    check(action.output, `/actions/${i}/output`);
  });
  manifest.triggers.forEach((trigger, i) => {
    check(trigger.config, `/triggers/${i}/config`);
    check(trigger.output, `/triggers/${i}/output`);
  });
  return problems;
}

function isCron(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  return (fields.length === 5 || fields.length === 6) && fields.every((f) => /^[\d*/,?LW#A-Za-z-]+$/.test(f));
}
