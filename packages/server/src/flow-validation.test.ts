// Validating a flow over the API reports every independent problem at once: schema, graph and script syntax.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft?.close());

it('a schema typo does not hide a code syntax error or a dangling edge elsewhere in the flow', async () => {
  const response = await weft.api('/api/flows/validate', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'three problems',
      trigger: { id: 'in', connector: 'webhook@1', trigger: 'event' },
      steps: [
        { id: 'typo', use: 'transform.map', colour: 'red' },
        { id: 'code', use: 'transform.code', config: { code: 'return (' } },
      ],
      edges: [
        { from: 'in', to: 'typo' },
        { from: 'typo', to: 'code' },
        { from: 'code', to: 'ghost' },
      ],
    },
  });
  expect(response.status).toBe(200);
  const { problems } = (await response.json()) as { problems: { code: string; pointer: string }[] };
  expect(problems.map((p) => `${p.code} ${p.pointer}`).sort()).toEqual([
    'dangling_edge /edges/2/to',
    'schema /steps/0',
    'script_syntax /steps/1/config/code',
  ]);
});
