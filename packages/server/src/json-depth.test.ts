// A JSON body nested thousands of levels deep is the client's mistake (400), not a stack overflow (500) in
// whatever walks the value next — storage, validation or script checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger, ERROR_LEVEL } from './test-support/log-capture.js';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
const log = capturingLogger();
beforeAll(async () => {
  weft = await startTestRuntime({ logger: log.logger, editorDir: '/nonexistent-editor-build' });
});
afterAll(() => weft?.close());

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const flowWithConfig = (config: string) =>
  `{"schema":"weft.flow/v1","name":"deep","trigger":{"id":"t","connector":"webhook@1","trigger":"event"},` +
  `"steps":[{"id":"n1","use":"transform.map","config":${config}}],"edges":[{"from":"t","to":"n1"}]}`;

describe('JSON nesting', () => {
  it('refuses a flow whose step config nests 30,000 levels deep with 400', async () => {
    const response = await weft.api('/api/flows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: flowWithConfig(nested(30_000)),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: '/errors#json_too_deep', status: 400 });
    expect(log.entries.filter((entry) => entry.level >= ERROR_LEVEL)).toEqual([]);
  });

  it('accepts ordinary nesting, and brackets inside strings do not count', async () => {
    const response = await weft.api('/api/flows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: flowWithConfig(`{"text":"${'[{'.repeat(500)}","deep":${nested(50)}}`),
    });
    expect(response.status).toBe(201);
  });
});
