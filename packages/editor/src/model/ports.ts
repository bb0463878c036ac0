// Output ports of each kind of node: what the canvas draws as handles and what an edge may start from.
import { isObject, type StepNode } from './flow-types.js';

export interface PortInfo {
  id: string;
  label: string;
}

const SUCCESS: PortInfo = { id: 'success', label: 'next' };
const ERROR: PortInfo = { id: 'error', label: 'error' };

export function switchCaseNames(step: StepNode): string[] {
  const cases = step.config?.cases;
  if (!Array.isArray(cases)) return [];
  return cases.flatMap((c) => (isObject(c) && typeof c.name === 'string' && c.name ? [c.name] : []));
}

/** Output ports of a step (the trigger, passed as undefined, has only `success`). */
export function outputPorts(step: StepNode | undefined): PortInfo[] {
  if (!step) return [SUCCESS];
  let ports: PortInfo[];
  switch (step.use) {
    case 'if':
      ports = [
        { id: 'true', label: 'true' },
        { id: 'false', label: 'false' },
      ];
      break;
    case 'switch':
      ports = [
        ...switchCaseNames(step).map((name) => ({ id: `case:${name}`, label: name })),
        { id: 'default', label: 'default' },
      ];
      break;
    case 'forEach':
      ports = [
        { id: 'each', label: 'each item' },
        { id: 'done', label: 'done' },
      ];
      break;
    default:
      ports = [SUCCESS];
  }
  return step.onError === 'route' ? [...ports, ERROR] : ports;
}

export function hasPort(step: StepNode | undefined, port: string): boolean {
  return outputPorts(step).some((p) => p.id === port);
}
