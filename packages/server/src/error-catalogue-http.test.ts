// Problems link to the catalogue: each `type` is `/errors#<code>` on the same server, the page is public, and
// each code has its row there; status and title come from the catalogue whatever raised the error.
import { ERROR_CATALOGUE, WeftError } from '@weft/core';
import { ConnectorError } from '@weft/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpProblem, problemFor } from './http/problem.js';
import { startTestRuntime, TOKEN, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft?.close());

describe('error catalogue over HTTP', () => {
  it('answers a problem whose type resolves to the code’s row on the public /errors page', async () => {
    const missing = await fetch(`${weft.url}/api/flows/no-such-flow`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const problem = (await missing.json()) as { type: string; code: string; title: string; status: number };
    expect(problem).toMatchObject({ type: '/errors#flow_not_found', code: 'flow_not_found', status: 404 });
    expect(problem.title).toBe(ERROR_CATALOGUE.flow_not_found.title);

    const page = await fetch(new URL(problem.type, weft.url));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    for (const code of Object.keys(ERROR_CATALOGUE)) expect(html).toContain(`id="${code}"`);
  });

  it('makes HttpProblem a WeftError with the catalogue’s fault', () => {
    const problem = new HttpProblem(404, 'hook_not_found', 'No active flow listens here.');
    expect(problem).toBeInstanceOf(WeftError);
    expect(problem.fault).toBe('user');
    expect(problemFor(problem).body).toMatchObject({
      status: 404,
      code: 'hook_not_found',
      type: '/errors#hook_not_found',
    });
  });

  it('answers a WeftError with its catalogued status, and a connector’s own code as its kind', () => {
    expect(problemFor(new WeftError('subflow_not_found', 'no such flow')).body.status).toBe(404);
    const refined = new ConnectorError({ kind: 'notFound', code: 'stripe_customer_deleted', message: 'deleted' });
    expect(problemFor(refined).body).toMatchObject({
      status: ERROR_CATALOGUE.connector_not_found.status,
      code: 'stripe_customer_deleted',
      type: '/errors#connector_not_found',
    });
  });
});
