// Flow validation: every problem at once, each with node id and JSON pointer.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ancestorsOf, buildGraph, findCycle, isLoopBack, reachableFrom, type FlowGraph } from './graph.js';
import { controlConfigSchemas } from './control-schemas.js';
import { salvageFlow } from './flow-salvage.js';
import { flowJsonSchema } from './flow-schema.js';
import { kindOfUse, parseActionRef, portOf, type FlowDefinition, type StepNode } from './flow.js';
import type { JsonValue } from './json.js';
import type { ConnectorCatalog } from './ports.js';
import { plainSchemaErrors } from './plain-schema-errors.js';
import { pointerOf, type Problem } from './problems.js';
import { parseTemplateString, referencedSteps, TemplateSyntaxError } from './template.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
// Control node settings are reported in plain words, which need each error's own schema (verbose).
const configAjv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
const validateSchema = ajv.compile(flowJsonSchema);
const configValidators = new Map<string, ValidateFunction>(
  Object.entries(controlConfigSchemas).map(([use, schema]) => [use, configAjv.compile(schema)]),
);

export interface ValidateOptions {
  /** Installed connectors; when absent, connector references are only checked for shape. */
  catalog?: ConnectorCatalog;
}

export type ValidationResult = { ok: true; flow: FlowDefinition; problems: [] } | { ok: false; problems: Problem[] };

export function validateFlow(input: unknown, options: ValidateOptions = {}): ValidationResult {
  if (validateSchema(input)) {
    const flow = input as unknown as FlowDefinition;
    const problems = graphProblems(flow, options.catalog, new Set(), true);
    return problems.length ? { ok: false, problems } : { ok: true, flow, problems: [] };
  }
  const schemaProblems = dedupe((validateSchema.errors ?? []).map((e) => schemaProblem(e, input)));
  const salvaged = salvageFlow(input);
  if (!salvaged) return { ok: false, problems: schemaProblems };
  // A spot the schema already flagged is not reported twice (e.g. a port outside the pattern).
  const flagged = new Set(schemaProblems.map((p) => p.pointer));
  const more = graphProblems(salvaged.flow, options.catalog, salvaged.unchecked, salvaged.triggerChecked)
    .map(salvaged.restore)
    .filter((p) => !flagged.has(p.pointer));
  return { ok: false, problems: [...schemaProblems, ...more] };
}

function graphProblems(
  flow: FlowDefinition,
  catalog: ConnectorCatalog | undefined,
  unchecked: ReadonlySet<StepNode>,
  triggerChecked: boolean,
): Problem[] {
  const graph = buildGraph(flow);
  return [
    ...checkIds(flow),
    ...checkNodeTypes(flow, catalog, unchecked, triggerChecked),
    ...checkEdges(flow, graph),
    ...checkStructure(flow, graph),
    ...checkMappings(flow, graph),
  ];
}

function schemaProblem(error: ErrorObject, input: unknown): Problem {
  const problem: Problem = { code: 'schema', pointer: error.instancePath, message: describeSchemaError(error) };
  const match = /^\/steps\/(\d+)/.exec(error.instancePath);
  const steps = (input as { steps?: unknown[] } | null)?.steps;
  if (match && Array.isArray(steps)) {
    const id = (steps[Number(match[1])] as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') problem.nodeId = id;
  }
  return problem;
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath || 'the flow';
  switch (error.keyword) {
    case 'required':
      return `${where} is missing required property "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `${where} has unknown property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'const':
      return `${where} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    case 'enum':
      return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stepPointer(flow: FlowDefinition, id: string, ...rest: (string | number)[]): string {
  const index = flow.steps.findIndex((s) => s.id === id);
  return index === -1 ? pointerOf('trigger', ...rest) : pointerOf('steps', index, ...rest);
}

function checkIds(flow: FlowDefinition): Problem[] {
  const seen = new Set([flow.trigger.id]);
  const problems: Problem[] = [];
  flow.steps.forEach((step, i) => {
    if (seen.has(step.id)) {
      problems.push({
        code: 'duplicate_node',
        nodeId: step.id,
        pointer: pointerOf('steps', i, 'id'),
        message: `node id "${step.id}" is used more than once`,
      });
    }
    seen.add(step.id);
  });
  return problems;
}

function checkNodeTypes(
  flow: FlowDefinition,
  catalog: ConnectorCatalog | undefined,
  unchecked: ReadonlySet<StepNode>,
  triggerChecked: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const { trigger } = flow;
  if (catalog && triggerChecked && !catalog.hasTrigger(trigger.connector, trigger.trigger)) {
    problems.push({
      code: 'unknown_connector',
      nodeId: trigger.id,
      pointer: '/trigger',
      message: `no installed connector provides trigger "${trigger.trigger}" of "${trigger.connector}"`,
    });
  }
  flow.steps.forEach((step, i) => {
    if (unchecked.has(step)) return;
    const kind = kindOfUse(step.use);
    if (kind === 'action') {
      if (!parseActionRef(step.use)) {
        problems.push({
          code: 'unknown_node_type',
          nodeId: step.id,
          pointer: pointerOf('steps', i, 'use'),
          message: `"${step.use}" is not a node type: expected a control node (${Object.keys(controlConfigSchemas).join(', ')}) or a connector action like "slack@1.postMessage"`,
        });
      } else if (catalog && !catalog.hasAction(step.use)) {
        problems.push({
          code: 'unknown_connector',
          nodeId: step.id,
          pointer: pointerOf('steps', i, 'use'),
          message: `no installed connector provides action "${step.use}"`,
        });
      }
      return;
    }
    const validate = configValidators.get(step.use)!;
    if (!validate(step.config ?? {})) {
      // The branches of delay's "ms or until" are summed up by one message.
      const errors = (validate.errors ?? []).filter(
        (e) => !(step.use === 'delay' && e.instancePath === '' && e.schemaPath.startsWith('#/anyOf/')),
      );
      for (const error of plainSchemaErrors(errors)) {
        const delayChoice = step.use === 'delay' && error.pointer === '' && errors.some((e) => e.keyword === 'anyOf');
        const problem: Problem = {
          code: 'schema',
          nodeId: step.id,
          pointer: pointerOf('steps', i, 'config') + error.pointer,
          message: delayChoice ? 'A delay needs a duration (ms) or a date (until)' : error.message,
        };
        const field = error.pointer.split('/')[1];
        if (field) problem.field = `config.${field.replace(/~1/g, '/').replace(/~0/g, '~')}`;
        problems.push(problem);
      }
    }
  });
  return problems;
}

function allowedPorts(step: StepNode | undefined): (port: string) => boolean {
  if (!step) return (port) => port === 'success';
  switch (step.use) {
    case 'if':
      return (port) => port === 'true' || port === 'false' || port === 'error';
    case 'switch': {
      const cases = Array.isArray(step.config?.cases) ? (step.config.cases as { name?: JsonValue }[]) : [];
      const names = new Set(cases.map((c) => `case:${String(c?.name)}`));
      return (port) => names.has(port) || port === 'default' || port === 'error';
    }
    case 'forEach':
      return (port) => port === 'each' || port === 'done' || port === 'error';
    default:
      return (port) => port === 'success' || port === 'error';
  }
}

function checkEdges(flow: FlowDefinition, graph: FlowGraph): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  flow.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!graph.nodes.has(edge[end])) {
        problems.push({
          code: 'dangling_edge',
          pointer: pointerOf('edges', i, end),
          message: `edge ${i} ${end === 'from' ? 'starts at' : 'points to'} unknown node "${edge[end]}"`,
        });
      }
    }
    if (edge.to === flow.trigger.id) {
      problems.push({
        code: 'invalid_port',
        nodeId: edge.to,
        pointer: pointerOf('edges', i, 'to'),
        message: 'nothing can lead into the trigger',
      });
    }
    const key = `${edge.from}|${edge.to}|${portOf(edge)}`;
    if (seen.has(key)) {
      problems.push({
        code: 'duplicate_edge',
        pointer: pointerOf('edges', i),
        message: `edge from "${edge.from}" to "${edge.to}" (port ${portOf(edge)}) appears more than once`,
      });
    }
    seen.add(key);
    const source = graph.steps.get(edge.from);
    if (graph.nodes.has(edge.from) && !allowedPorts(source)(portOf(edge))) {
      problems.push({
        code: 'invalid_port',
        nodeId: edge.from,
        pointer: pointerOf('edges', i, 'port'),
        message: `"${edge.from}" has no port "${portOf(edge)}"`,
      });
    } else if (source && portOf(edge) === 'error' && source.onError !== 'route') {
      problems.push({
        code: 'invalid_port',
        nodeId: edge.from,
        pointer: pointerOf('edges', i, 'port'),
        message: `"${edge.from}" routes to its error port only with "onError": "route"`,
      });
    }
  });
  return problems;
}

function checkStructure(flow: FlowDefinition, graph: FlowGraph): Problem[] {
  const problems: Problem[] = [];
  const cycle = findCycle(graph);
  if (cycle) {
    problems.push({
      code: 'cycle',
      nodeId: cycle[0]!,
      pointer: stepPointer(flow, cycle[0]!),
      message: `the flow loops back on itself: ${cycle.join(' → ')} (use forEach to repeat steps)`,
    });
  }
  const reachable = reachableFrom(graph, flow.trigger.id);
  for (const step of flow.steps) {
    if (!reachable.has(step.id)) {
      problems.push({
        code: 'unreachable',
        nodeId: step.id,
        pointer: stepPointer(flow, step.id),
        message: `"${step.id}" can never run: no path leads to it from the trigger`,
      });
    }
  }
  flow.edges.forEach((edge, i) => {
    if (!graph.nodes.has(edge.from) || !graph.nodes.has(edge.to) || isLoopBack(graph, edge)) return;
    const fromLoop = graph.loopOf.get(edge.from);
    const toLoop = graph.loopOf.get(edge.to);
    const entersBody = portOf(edge) === 'each' && toLoop === edge.from;
    if (fromLoop !== toLoop && !entersBody) {
      problems.push({
        code: 'invalid_loop',
        nodeId: edge.to,
        pointer: pointerOf('edges', i),
        message: `edge from "${edge.from}" to "${edge.to}" crosses the boundary of a forEach body; continue after the loop from its "done" port`,
      });
    }
  });
  return problems;
}

function checkMappings(flow: FlowDefinition, graph: FlowGraph): Problem[] {
  const problems: Problem[] = [];
  flow.steps.forEach((step, i) => {
    const ancestors = ancestorsOf(graph, step.id);
    const sources = scriptSources(step);
    for (const { source, path, form } of sources) {
      const pointer = pointerOf('steps', i, ...path);
      if (form === 'template') {
        try {
          parseTemplateString(source);
        } catch (error) {
          if (!(error instanceof TemplateSyntaxError)) throw error;
          problems.push({
            code: 'script_syntax',
            nodeId: step.id,
            pointer,
            field: path.join('.'),
            message: error.message,
          });
          continue;
        }
      }
      for (const ref of referencedSteps(source)) {
        if (ancestors.has(ref)) continue;
        const why = graph.nodes.has(ref) ? 'does not run before it' : 'does not exist';
        problems.push({
          code: 'bad_reference',
          nodeId: step.id,
          pointer,
          field: path.join('.'),
          message: `"${step.id}" reads steps.${ref}, but "${ref}" ${why}`,
        });
      }
    }
  });
  return problems;
}

export interface ScriptSource {
  source: string;
  /** Path within the node, e.g. ['config', 'text']. */
  path: (string | number)[];
  form: 'template' | 'code';
}

/** Every template string and code body of a step, with where it sits. */
export function scriptSources(step: StepNode): ScriptSource[] {
  const found: ScriptSource[] = [];
  const walk = (value: JsonValue | undefined, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      if (step.use === 'transform.code' && path.length === 2 && path[1] === 'code')
        found.push({ source: value, path, form: 'code' });
      else if (value.includes('{{')) found.push({ source: value, path, form: 'template' });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(step.config, ['config']);
  return found;
}
