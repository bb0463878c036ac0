// Whether a valid flow can be published and switched on: each connector step's and trigger's settings against
// their schema, a connection wherever the connector needs one, and each mapping against the output schema of the
// step it reads. A flow with these problems can still be saved (a draft is work in progress); it cannot go live.
import { Ajv, type ValidateFunction } from 'ajv';
import { kindOfUse, type FlowDefinition } from './flow.js';
import type { JsonObject, JsonValue } from './json.js';
import { humanizeKey, plainSchemaErrors } from './plain-schema-errors.js';
import type { ConnectorCatalog, NodeSpec } from './ports.js';
import { pointerOf, type Problem } from './problems.js';
import { templateExpressions } from './template.js';

// The same options as the SDK's input validation, so publish refuses exactly what a run would.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, useDefaults: true, verbose: true });
const compiled = new WeakMap<object, ValidateFunction | null>();

function validatorOf(schema: JsonObject): ValidateFunction | undefined {
  if (!compiled.has(schema)) {
    let validate: ValidateFunction | null = null;
    try {
      validate = ajv.compile(schema);
    } catch {
      // A schema this validator cannot read is not the user's problem: nothing is checked.
    }
    compiled.set(schema, validate);
  }
  return compiled.get(schema) ?? undefined;
}

export function readinessProblems(flow: FlowDefinition, catalog: ConnectorCatalog): Problem[] {
  const { trigger } = flow;
  const problems: Problem[] = [];
  const specs = new Map<string, NodeSpec>();
  const triggerSpec = catalog.describeTrigger?.(trigger);
  if (triggerSpec) {
    specs.set(trigger.id, triggerSpec);
    problems.push(...nodeProblems(trigger.id, ['trigger'], trigger.config, trigger.credential, triggerSpec));
  }
  flow.steps.forEach((step, i) => {
    if (kindOfUse(step.use) !== 'action') return;
    const spec = catalog.describeAction?.(step);
    if (!spec) return;
    specs.set(step.id, spec);
    problems.push(...nodeProblems(step.id, ['steps', i], step.config, step.credential, spec));
  });
  flow.steps.forEach((step, i) => problems.push(...mappingProblems(flow, step.id, ['steps', i], step.config, specs)));
  return problems;
}

function nodeProblems(
  nodeId: string,
  at: (string | number)[],
  config: JsonObject | undefined,
  credential: string | undefined,
  spec: NodeSpec,
): Problem[] {
  const problems: Problem[] = [];
  if (spec.connection && !credential) {
    problems.push({
      code: 'missing_connection',
      nodeId,
      pointer: pointerOf(...at, 'credential'),
      field: 'credential',
      message: `${capitalize(spec.connection)} is needed: ${spec.connectionHint ?? 'choose or add a connection'}`,
    });
  }
  if (spec.config) problems.push(...configProblems(nodeId, at, config ?? {}, spec.config));
  return problems;
}

function configProblems(nodeId: string, at: (string | number)[], config: JsonObject, schema: JsonObject): Problem[] {
  const validate = validatorOf(schema);
  if (!validate) return [];
  const copy = dropEmptyRequired(JSON.parse(JSON.stringify(config)) as JsonObject, schema);
  if (validate(copy)) return [];
  const base = pointerOf(...at, 'config');
  return plainSchemaErrors(validate.errors)
    .filter((error) => !mappedAt(config, error.pointer))
    .map((error) => {
      const problem: Problem = {
        code: 'invalid_config',
        nodeId,
        pointer: base + error.pointer,
        message: error.message,
      };
      const key = error.pointer.split('/')[1];
      if (key) problem.field = `config.${key.replace(/~1/g, '/').replace(/~0/g, '~')}`;
      return problem;
    });
}

/** A value filled in by a mapping at run time is not judged by its `{{ }}` text. */
function mappedAt(config: JsonObject, pointer: string): boolean {
  let current: JsonValue | undefined = config;
  for (const raw of pointer.split('/').slice(1)) {
    if (typeof current === 'string') return current.includes('{{');
    if (current === null || typeof current !== 'object') return false;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    current = Array.isArray(current) ? current[Number(key)] : (current as JsonObject)[key];
  }
  return typeof current === 'string' && current.includes('{{');
}

/** An empty text in a required field is a field left blank: it is reported as missing. */
function dropEmptyRequired(value: JsonObject, schema: JsonObject): JsonObject {
  const required = Array.isArray(schema.required) ? schema.required : [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const key of Object.keys(value)) {
    if (value[key] === '' && required.includes(key)) delete value[key];
    else if (isObject(value[key]) && isObject(properties[key])) dropEmptyRequired(value[key], properties[key]);
  }
  return value;
}

const PATH = /^(trigger|steps)((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[(['"])[^'"\\]*\3\])*)$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[(['"])([^'"\\]*)\3\]/g;

/** Mappings that name a path (`{{ steps.customer.email }}`) must name a field the source declares. */
function mappingProblems(
  flow: FlowDefinition,
  nodeId: string,
  at: (string | number)[],
  config: JsonObject | undefined,
  specs: ReadonlyMap<string, NodeSpec>,
): Problem[] {
  if (!config) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { source, path } of templateExpressions(config, ['config'])) {
    const match = PATH.exec(source.trim());
    if (!match) continue;
    const segments = [...match[2]!.matchAll(SEGMENT)].map((s) => s[1] ?? s[2] ?? s[4]!);
    const sourceId = match[1] === 'trigger' ? flow.trigger.id : segments.shift();
    if (sourceId === undefined) continue;
    const output = specs.get(sourceId)?.output;
    if (!output) continue;
    const step = flow.steps.find((s) => s.id === sourceId);
    // A step that routes or continues on error holds `{ error }` instead of its output.
    if (step && step.onError && step.onError !== 'fail' && segments[0] === 'error') continue;
    // A connector's own result lists its fields; a provider's event payload (a trigger) is only partly described.
    const missing = firstUndeclared(output, segments, step !== undefined);
    if (missing === undefined) continue;
    const key = `${path.join('/')}|${source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = match[1] === 'trigger' ? 'The trigger' : `"${step?.name ?? sourceId}"`;
    const problem: Problem = {
      code: 'unknown_field',
      nodeId,
      pointer: pointerOf(...at, ...path),
      message: `${humanizeKey(String(path.at(-1) ?? 'This mapping'))} reads "${missing}", but ${name} has no such field`,
    };
    if (path[0] === 'config' && path[1] !== undefined) problem.field = `config.${path[1]}`;
    problems.push(problem);
  }
  return problems;
}

/**
 * The first segment of `segments` the schema says cannot exist, or undefined (found, or not knowable). An object
 * that lists its properties is closed when it says `additionalProperties: false`, and, with `closedTop`, at the top.
 */
function firstUndeclared(schema: JsonObject, segments: readonly string[], closedTop: boolean): string | undefined {
  let current: JsonValue | undefined = schema;
  for (const [depth, segment] of segments.entries()) {
    if (!isObject(current)) return undefined;
    if (current.anyOf || current.oneOf || current.allOf || current.$ref || current.patternProperties) return undefined;
    if (current.type === 'array' || isObject(current.items)) {
      if (!/^\d+$/.test(segment) || !isObject(current.items)) return undefined;
      current = current.items;
      continue;
    }
    const properties: JsonValue | undefined = current.properties;
    if (!isObject(properties) || !Object.keys(properties).length) return undefined;
    const closed =
      current.additionalProperties === false || (closedTop && depth === 0 && !current.additionalProperties);
    if (!closed) return undefined;
    if (!Object.hasOwn(properties, segment)) return segment;
    current = properties[segment];
  }
  return undefined;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
