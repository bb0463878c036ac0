// When a flow fails its JSON Schema, validation still checks the graph of whatever is well-formed enough to
// walk, so one typo does not hide ten other problems. Salvaging keeps every step that has a string id (it is a
// node others may point to) and every edge with string ends; parts the schema already rejected (a missing
// `use`, a non-object config, a malformed trigger) are kept as nodes but left out of the checks that would
// only repeat the schema problem. Problems found on the salvaged copy point back into the original flow.
import type { FlowDefinition, StepNode } from './flow.js';
import type { Problem } from './problems.js';

export interface SalvagedFlow {
  flow: FlowDefinition;
  /** Steps whose `use` or `config` the schema rejected: not type-checked again. */
  unchecked: ReadonlySet<StepNode>;
  /** Whether the trigger's connector reference is well-formed enough to look up. */
  triggerChecked: boolean;
  /** Rewrites a problem's pointer (and index in its message) from the salvaged copy to the original. */
  restore(problem: Problem): Problem;
}

/** Stands in for a missing `use`: no node type has this name, and the step is in `unchecked`, so never reported. */
const UNUSABLE = '\u0000unusable';
const ON_ERROR = new Set(['fail', 'continue', 'route']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function salvageFlow(input: unknown): SalvagedFlow | undefined {
  if (!isObject(input) || !isObject(input.trigger) || !Array.isArray(input.steps) || !Array.isArray(input.edges))
    return undefined;
  const { trigger } = input;
  if (typeof trigger.id !== 'string') return undefined;
  const unchecked = new Set<StepNode>();
  const stepIndex: number[] = [];
  const steps: StepNode[] = [];
  input.steps.forEach((item: unknown, i) => {
    if (!isObject(item) || typeof item.id !== 'string') return;
    const step: StepNode = { id: item.id, use: typeof item.use === 'string' && item.use ? item.use : UNUSABLE };
    if (step.use === UNUSABLE) unchecked.add(step);
    if (isObject(item.config)) step.config = item.config as StepNode['config'];
    else if (item.config !== undefined) unchecked.add(step);
    if (typeof item.onError === 'string' && ON_ERROR.has(item.onError)) step.onError = item.onError as never;
    steps.push(step);
    stepIndex.push(i);
  });
  const edgeIndex: number[] = [];
  const edges: FlowDefinition['edges'] = [];
  input.edges.forEach((item: unknown, i) => {
    if (!isObject(item) || typeof item.from !== 'string' || typeof item.to !== 'string') return;
    edges.push({ from: item.from, to: item.to, ...(typeof item.port === 'string' ? { port: item.port } : {}) });
    edgeIndex.push(i);
  });
  const triggerChecked = typeof trigger.connector === 'string' && typeof trigger.trigger === 'string';
  const flow: FlowDefinition = {
    schema: 'weft.flow/v1',
    name: typeof input.name === 'string' ? input.name : '',
    trigger: {
      id: trigger.id,
      connector: triggerChecked ? (trigger.connector as string) : '',
      trigger: triggerChecked ? (trigger.trigger as string) : '',
    },
    steps,
    edges,
  };
  const restore = (problem: Problem): Problem => {
    const pointer = problem.pointer.replace(/^\/(steps|edges)\/(\d+)/, (_match, list: string, index: string) => {
      const map = list === 'steps' ? stepIndex : edgeIndex;
      return `/${list}/${map[Number(index)] ?? index}`;
    });
    const message =
      problem.code === 'dangling_edge'
        ? problem.message.replace(/^edge (\d+) /, (_match, index: string) => `edge ${edgeIndex[Number(index)]} `)
        : problem.message;
    return { ...problem, pointer, message };
  };
  return { flow, unchecked, triggerChecked, restore };
}
