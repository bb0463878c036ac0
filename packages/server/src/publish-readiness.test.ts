// Nothing broken goes live: publish and activation refuse, over HTTP (so the API and the CLI too), a flow with an
// empty required field, a missing connection, a trigger config its schema rejects or a mapping to a field its
// source does not have — each with its node, its field and a sentence a person understands. Saving still works.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft?.close());

interface ProblemItem {
  code: string;
  nodeId?: string;
  pointer: string;
  field?: string;
  message: string;
}

const hook = { id: 'in', connector: 'webhook@1', trigger: 'event' };

async function saved(definition: object): Promise<string> {
  const response = await weft.api('/api/flows', {
    method: 'POST',
    json: { definition: { schema: 'weft.flow/v1', name: 'readiness', ...definition } },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function refusal(response: Response): Promise<{ code: string; detail: string; problems: ProblemItem[] }> {
  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return (await response.json()) as { code: string; detail: string; problems: ProblemItem[] };
}

it('an HTTP step without a URL is saved, but publishing is refused with "URL is required" on the step', async () => {
  const id = await saved({
    trigger: hook,
    steps: [{ id: 'call', use: 'http@1.request', config: { method: 'GET', url: '' } }],
    edges: [{ from: 'in', to: 'call' }],
  });
  const body = await refusal(await weft.api(`/api/flows/${id}/publish`, { method: 'POST' }));
  expect(body.code).toBe('flow_not_ready');
  expect(body.problems).toEqual([
    {
      code: 'invalid_config',
      nodeId: 'call',
      pointer: '/definition/steps/0/config/url',
      field: 'config.url',
      message: 'URL is required',
    },
  ]);
  expect(body.detail).toContain('URL is required');
  // The editor's live check says the same before anyone presses Publish.
  const validation = (await (await weft.api(`/api/flows/${id}/validate`, { method: 'POST' })).json()) as {
    problems: ProblemItem[];
  };
  expect(validation.problems.map((p) => p.message)).toEqual(['URL is required']);
});

it('a value filled by a mapping is not judged by its {{ }} text, and a complete step publishes', async () => {
  const id = await saved({
    trigger: hook,
    steps: [{ id: 'call', use: 'http@1.request', config: { url: '{{ trigger.body.url }}', timeout: '{{ 5 }}' } }],
    edges: [{ from: 'in', to: 'call' }],
  });
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
});

it('a step whose connector needs a connection is refused until one is attached, and one that exists', async () => {
  const definition = {
    trigger: hook,
    steps: [{ id: 'post', name: 'Tell the team', use: 'slack@1.postMessage', config: { channel: '#ops', text: 'hi' } }],
    edges: [{ from: 'in', to: 'post' }],
  };
  const id = await saved(definition);
  const body = await refusal(await weft.api(`/api/flows/${id}/publish`, { method: 'POST' }));
  expect(body.problems).toEqual([
    expect.objectContaining({
      code: 'missing_connection',
      nodeId: 'post',
      pointer: '/definition/steps/0/credential',
      field: 'credential',
      message: 'A Slack connection is needed: choose or add a connection',
    }),
  ]);

  const gone = { ...definition, steps: [{ ...definition.steps[0], credential: 'no-such-connection' }] };
  await weft.api(`/api/flows/${id}`, {
    method: 'PUT',
    json: { definition: { schema: 'weft.flow/v1', name: 'r', ...gone } },
  });
  const stale = await refusal(await weft.api(`/api/flows/${id}/publish`, { method: 'POST' }));
  expect(stale.problems.map((p) => p.message)).toEqual([
    'The connection chosen here no longer exists: choose or add another',
  ]);

  const created = await weft.api('/api/credentials', {
    method: 'POST',
    json: { connector: 'slack', name: 'Team', kind: 'oauth2', values: { accessToken: 'xoxb-1' } },
  });
  const credential = ((await created.json()) as { id: string }).id;
  const ready = { ...definition, steps: [{ ...definition.steps[0], credential }] };
  await weft.api(`/api/flows/${id}`, {
    method: 'PUT',
    json: { definition: { schema: 'weft.flow/v1', name: 'r', ...ready } },
  });
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);

  // Switching on checks the published version again: its connection was deleted meanwhile.
  await weft.api(`/api/credentials/${credential}`, { method: 'DELETE' });
  const activation = await refusal(await weft.api(`/api/flows/${id}/activate`, { method: 'POST' }));
  expect(activation.code).toBe('flow_not_ready');
  expect(activation.problems).toEqual([expect.objectContaining({ nodeId: 'post', field: 'credential' })]);
  const record = (await (await weft.api(`/api/flows/${id}`)).json()) as { active: boolean };
  expect(record.active).toBe(false);
});

it('a postgres polling trigger whose config its schema rejects is refused, in plain words', async () => {
  const id = await saved({
    trigger: {
      id: 'rows',
      connector: 'postgres@1',
      trigger: 'newOrUpdatedRows',
      credential: 'missing',
      config: { column: 'updated_at', batchSize: 'lots' },
    },
    steps: [],
    edges: [],
  });
  const body = await refusal(await weft.api(`/api/flows/${id}/publish`, { method: 'POST' }));
  const messages = body.problems.map((p) => `${p.nodeId} ${p.pointer} ${p.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^rows \/definition\/trigger\/config\/table \w[\w ]* is required$/),
      expect.stringMatching(/^rows \/definition\/trigger\/config\/batchSize .* must be a whole number$/),
    ]),
  );
  for (const problem of body.problems) expect(problem.message).not.toMatch(/must have|property '|connector_/);
});

it('a signed built-in webhook needs its signing secret; an unsigned one does not', async () => {
  const id = await saved({
    trigger: { ...hook, config: { verify: 'hmac', algorithm: 'md5' } },
    steps: [],
    edges: [],
  });
  const body = await refusal(await weft.api(`/api/flows/${id}/publish`, { method: 'POST' }));
  expect(body.problems.map((p) => `${p.field} ${p.message}`).sort()).toEqual([
    'config.algorithm Algorithm must be one of: sha256, sha1, sha512',
    'credential The signing secret is needed: enter it in the trigger’s panel',
  ]);
});

it('a mapping that reads a field its upstream step never outputs is refused; a declared one is fine', async () => {
  const slack = await weft.api('/api/credentials', {
    method: 'POST',
    json: { connector: 'slack', name: 'Mapped', kind: 'oauth2', values: { accessToken: 'xoxb-2' } },
  });
  const credential = ((await slack.json()) as { id: string }).id;
  const post = (text: string) => ({
    trigger: hook,
    steps: [
      { id: 'post', use: 'slack@1.postMessage', credential, config: { channel: '#ops', text: 'hi' } },
      { id: 'again', use: 'slack@1.postMessage', credential, config: { channel: '#ops', text } },
    ],
    edges: [
      { from: 'in', to: 'post' },
      { from: 'post', to: 'again' },
    ],
  });
  const wrong = await saved(post('sent at {{ steps.post.timestamp }}'));
  const body = await refusal(await weft.api(`/api/flows/${wrong}/publish`, { method: 'POST' }));
  expect(body.problems).toEqual([
    {
      code: 'unknown_field',
      nodeId: 'again',
      pointer: '/definition/steps/1/config/text',
      field: 'config.text',
      message: 'Text reads "timestamp", but "post" has no such field',
    },
  ]);
  const right = await saved(post('sent at {{ steps.post.ts }}'));
  expect((await weft.api(`/api/flows/${right}/publish`, { method: 'POST' })).status).toBe(201);
});
