// Testing one step: runs just that node with the upstream data the caller supplies, records nothing.
import {
  executeFlow,
  type FlowDefinition,
  type JsonValue,
  type LogRecord,
  type StepNode,
  type StepRecord,
} from '@weft/core';
import type { Reply } from '@weft/core/contract';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';

export type StepTestResult = Reply<'testStep'>;

export async function testStep(
  services: Services,
  flow: FlowDefinition,
  node: StepNode,
  supplied: unknown,
): Promise<StepTestResult> {
  if (supplied !== undefined && (typeof supplied !== 'object' || supplied === null || Array.isArray(supplied))) {
    throw new HttpProblem(
      400,
      'invalid_body',
      '"input" must be an object like { "trigger": …, "steps": { "<id>": … } }.',
      { pointer: '/input' },
    );
  }
  const { trigger = null, steps = {} } = (supplied ?? {}) as { trigger?: JsonValue; steps?: Record<string, JsonValue> };
  if (node.use === 'forEach')
    throw new HttpProblem(400, 'not_testable', 'Test a forEach by testing the flow; test its body steps one by one.');
  const records: StepRecord[] = [];
  const logs: LogRecord[] = [];
  const journal = {
    loadSteps: async () => [],
    saveStep: async (record: StepRecord) => void records.push(record),
    appendLog: async (record: LogRecord) => void logs.push(record),
  };
  const single: FlowDefinition = {
    ...flow,
    steps: [{ ...node, retry: { attempts: 1 } }],
    edges: [{ from: flow.trigger.id, to: node.id }],
  };
  const started = Date.now();
  await executeFlow({
    flow: single,
    runId: 'step-test',
    input: trigger,
    sandbox: services.sandbox,
    journal,
    seed: steps,
    ...(services.actions ? { actions: services.actions } : {}),
  });
  const last = records.filter((r) => r.nodeId === node.id).at(-1);
  const result: StepTestResult = {
    status: last?.status === 'succeeded' ? 'succeeded' : 'failed',
    logs: logs.map(({ level, message }) => ({ level, message })),
    durationMs: Date.now() - started,
  };
  if (last?.input !== undefined) result.input = last.input;
  if (last?.output !== undefined) result.output = last.output;
  if (last?.error) result.error = last.error;
  if (last?.port) result.port = last.port;
  return result;
}
