// The three app examples (examples/stripe-failed-payment, clerk-user-sync, github-issue-triage) run end to end
// through the built CLI (`weft run --credentials`), every provider replaced by a fake on 127.0.0.1 through the
// connections' `baseUrl`. Needs the build (`tsc -b`, which `npm test` runs first).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeApi, type FakeApi, type FakeApiRequest } from '@weft/sdk/testing';
import { startFakeStripe, type FakeStripe } from './test-support/fake-stripe.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(root, 'packages/cli/dist/bin.js');
const example = (name: string, file: string) => join(root, 'examples', name, file);

let stripe: FakeStripe;
let slack: FakeApi;
let google: FakeApi;
let crm: FakeApi;
let github: FakeApi;
let openai: FakeApi;
let dir: string;
let credentialsFile: string;

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (tsc -b, or npm test)`);
  stripe = await startFakeStripe();
  stripe.objects.set('cus_QhBz7dT0aXyZ12', {
    id: 'cus_QhBz7dT0aXyZ12',
    object: 'customer',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
  });
  slack = await startFakeApi({
    'POST /api/chat.postMessage': (r) => ({
      json: {
        ok: true,
        channel: 'C0BILLING',
        ts: '1735689601.000100',
        message: { text: (r.json as { text: string }).text },
      },
    }),
  });
  google = await startFakeApi({
    'POST /gmail/v1/users/me/messages/send': () => ({ json: { id: '18d0c1', threadId: '18d0c1', labelIds: ['SENT'] } }),
  });
  crm = await startFakeApi((r) =>
    r.method === 'PUT' && r.path.startsWith('/api/contacts/')
      ? { json: { id: 'ct_981', ...(r.json as object) } }
      : { status: 404, json: { message: 'no route' } },
  );
  github = await startFakeApi({
    'POST /repos/octo/widgets/issues/42/labels': (r) => ({
      json: (r.json as { labels: string[] }).labels.map((name, id) => ({ id, name, color: 'ededed' })),
    }),
  });
  openai = await startFakeApi({
    'POST /v1/chat/completions': () => ({
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: {
              role: 'assistant',
              content: '{"category":"bug","summary":"Saving the settings page fails with a TypeError."}',
              refusal: null,
            },
          },
        ],
        usage: { prompt_tokens: 120, completion_tokens: 18, total_tokens: 138 },
      },
    }),
  });
  dir = await mkdtemp(join(tmpdir(), 'weft-examples-'));
  credentialsFile = join(dir, 'credentials.json');
  const credentials = {
    stripe: { connector: 'stripe', kind: 'apiKey', values: { apiKey: 'sk_test_123', baseUrl: stripe.baseUrl } },
    slack: { connector: 'slack', kind: 'oauth2', values: { accessToken: 'xoxb-test', baseUrl: `${slack.url}/api` } },
    google: { connector: 'google', kind: 'oauth2', values: { accessToken: 'ya29.test', baseUrl: google.url } },
    clerk: { connector: 'clerk', kind: 'apiKey', values: { apiKey: 'sk_test_clerk' } },
    crm: { connector: 'http', kind: 'bearer', values: { token: 'crm-token' } },
    github: { connector: 'github', kind: 'oauth2', values: { accessToken: 'ghp_test', baseUrl: github.url } },
    openai: { connector: 'openai', kind: 'apiKey', values: { apiKey: 'sk-proj-test', baseUrl: `${openai.url}/v1` } },
  };
  await writeFile(credentialsFile, JSON.stringify(credentials, null, 2));
});

afterAll(async () => {
  await Promise.all([stripe, slack, google, crm, github, openai].map((fake) => fake?.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

function weft(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: root, env: { ...process.env, WEFT_OUTBOUND_ALLOW: '127.0.0.1' }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const run = (flow: string, input: string) => weft('run', flow, '--input', input, '--credentials', credentialsFile);
const since = (api: FakeApi, count: number): FakeApiRequest[] => api.requests.slice(count);
const gmailMime = (request: FakeApiRequest) =>
  Buffer.from((request.json as { raw: string }).raw, 'base64url').toString('utf8');

describe('app examples through the CLI', () => {
  test('the three flows validate', async () => {
    const names = ['stripe-failed-payment', 'clerk-user-sync', 'github-issue-triage'];
    const results = await Promise.all(names.map((name) => weft('validate', example(name, 'flow.json'))));
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('valid') });
    }
  });

  test('stripe-failed-payment: looks up the customer (retrying a 500), alerts Slack and emails the customer', async () => {
    stripe.failNext('GET /v1/customers/cus_QhBz7dT0aXyZ12', {
      status: 500,
      json: { error: { type: 'api_error', message: 'boom' } },
    });
    const [s, sl, g] = [stripe.api.requests.length, slack.requests.length, google.requests.length];
    const result = await run(
      example('stripe-failed-payment', 'flow.json'),
      example('stripe-failed-payment', 'input.json'),
    );
    expect(result.stdout).toMatch(/run \S+ succeeded/);
    expect(result.code).toBe(0);

    const lookups = since(stripe.api, s);
    expect(lookups.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      'GET /v1/customers/cus_QhBz7dT0aXyZ12 Bearer sk_test_123',
      'GET /v1/customers/cus_QhBz7dT0aXyZ12 Bearer sk_test_123',
    ]);
    const [alert] = since(slack, sl);
    expect(alert!.headers.authorization).toBe('Bearer xoxb-test');
    expect(alert!.json).toMatchObject({
      channel: '#billing',
      text: 'Payment failed: Ada Lovelace owes 49.00 USD',
      blocks: [
        { type: 'header' },
        { type: 'section', fields: expect.arrayContaining([{ type: 'mrkdwn', text: '*Amount due*\n49.00 USD' }]) },
      ],
    });
    const [email] = since(google, g);
    expect(email!.headers.authorization).toBe('Bearer ya29.test');
    const mime = gmailMime(email!);
    expect(mime).toContain('To: ada@example.com\r\n');
    expect(mime).toContain('Subject: Your payment of 49.00 USD did not go through\r\n');
  });

  test('stripe-failed-payment: an unknown customer takes the error branch and still alerts Slack', async () => {
    const input = JSON.parse(await readFile(example('stripe-failed-payment', 'input.json'), 'utf8')) as {
      data: { object: { customer: string } };
    };
    input.data.object.customer = 'cus_Unknown000';
    const inputFile = join(dir, 'unknown-customer.json');
    await writeFile(inputFile, JSON.stringify(input));
    const [sl, g] = [slack.requests.length, google.requests.length];
    const result = await run(example('stripe-failed-payment', 'flow.json'), inputFile);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✗ customer\s+failed/);
    const messages = since(slack, sl).map((r) => (r.json as { text: string }).text);
    expect(messages).toEqual([
      expect.stringMatching(
        /^Payment failed for invoice in_\w+ of customer cus_Unknown000, but the customer could not be looked up: .*No such object/,
      ),
    ]);
    expect(since(google, g)).toEqual([]);
  });

  test('clerk-user-sync: upserts the contact with an Idempotency-Key from the event id', async () => {
    // The flow calls the CRM at crm.example.com; this run points it at the fake.
    const flow = (await readFile(example('clerk-user-sync', 'flow.json'), 'utf8')).replace(
      'https://crm.example.com',
      crm.url,
    );
    const flowFile = join(dir, 'clerk-user-sync.json');
    await writeFile(flowFile, flow);
    const result = await run(flowFile, example('clerk-user-sync', 'input.json'));
    expect(result.stdout).toMatch(/run \S+ succeeded/);
    const [upsert] = crm.requests;
    expect(upsert).toMatchObject({ method: 'PUT', path: '/api/contacts/user_2bT9pQk8LmN4oP1qR2sT3uV4wX' });
    expect(upsert!.headers).toMatchObject({
      authorization: 'Bearer crm-token',
      'idempotency-key': 'clerk-msg_2bT9pLw0XkQe6u1cVyH3sRz7aNd',
    });
    expect(upsert!.json).toEqual({
      externalId: 'user_2bT9pQk8LmN4oP1qR2sT3uV4wX',
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      source: 'clerk',
      plan: 'pro',
      signedUpAt: '2025-01-01T00:00:00.000Z',
    });
  });

  test('github-issue-triage: classifies with a JSON Schema, labels the bug and tells Slack', async () => {
    const sl = slack.requests.length;
    const result = await run(example('github-issue-triage', 'flow.json'), example('github-issue-triage', 'input.json'));
    expect(result.stdout).toMatch(/run \S+ succeeded/);
    const [classify] = openai.requests;
    expect(classify!.headers.authorization).toBe('Bearer sk-proj-test');
    expect(classify!.json).toMatchObject({
      model: 'gpt-4o-mini',
      response_format: { type: 'json_schema', json_schema: { name: 'triage', strict: true } },
    });
    expect(github.requests.map((r) => [r.path, r.json, r.headers.authorization])).toEqual([
      ['/repos/octo/widgets/issues/42/labels', { labels: ['bug', 'triage:auto'] }, 'Bearer ghp_test'],
    ]);
    expect(result.stdout).toMatch(/- labelFeature\s+skipped/);
    const [message] = since(slack, sl);
    expect(message!.json as { channel: string; text: string }).toEqual({
      channel: '#triage',
      text: 'New bug in octo/widgets: <https://github.com/octo/widgets/issues/42|#42 Clicking “Save” on the settings page does nothing> — Saving the settings page fails with a TypeError.',
    });
  });
});
