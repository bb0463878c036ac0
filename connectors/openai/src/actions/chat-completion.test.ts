import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFakeClock, runAction } from '@weft/sdk/testing';
import connector from '../index.js';
import { API_KEY, startFakeOpenAI, type FakeOpenAI } from '../test-support/fake-openai.js';

let openai: FakeOpenAI;
beforeAll(async () => {
  openai = await startFakeOpenAI();
});
afterAll(() => openai.close());
const options = () => ({ credentials: { apiKey: API_KEY }, baseUrl: openai.baseUrl, clock: createFakeClock() });

const triageSchema = {
  type: 'object',
  properties: {
    category: { type: 'string', enum: ['bug', 'feature', 'question'] },
    confidence: { type: 'number' },
  },
  required: ['category', 'confidence'],
  additionalProperties: false,
};
const defaults = { model: 'gpt-4o-mini', schemaName: 'result', strict: true };
const messages = [
  { role: 'system' as const, content: 'Classify the GitHub issue.' },
  { role: 'user' as const, content: 'The login button does nothing' },
];

describe('chatCompletion', () => {
  test('asks for structured output with the JSON Schema and returns the parsed object', async () => {
    openai.reply({ content: '{"category":"bug","confidence":0.92}' });
    const { output } = await runAction(connector, 'chatCompletion', {
      ...options(),
      input: { ...defaults, messages, schema: triageSchema, schemaName: 'triage', temperature: 0 },
    });
    expect(output).toEqual({
      content: '{"category":"bug","confidence":0.92}',
      object: { category: 'bug', confidence: 0.92 },
      model: 'gpt-4o-mini-2024-07-18',
      finishReason: 'stop',
      usage: { promptTokens: 42, completionTokens: 17, totalTokens: 59 },
    });
    const request = openai.api.requests.at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.json).toEqual({
      model: 'gpt-4o-mini',
      messages,
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'triage', schema: triageSchema, strict: true } },
    });
  });

  test('without a schema, returns the text only', async () => {
    openai.reply({ content: 'Sure.' });
    const { output } = await runAction(connector, 'chatCompletion', {
      ...options(),
      input: { ...defaults, messages, model: 'gpt-4.1' },
    });
    expect(output).toMatchObject({ content: 'Sure.', model: 'gpt-4.1-2024-07-18' });
    expect(output).not.toHaveProperty('object');
    expect(openai.api.requests.at(-1)!.json).not.toHaveProperty('response_format');
  });

  test('a refusal and a cut-off answer are errors that say what to do', async () => {
    openai.reply({ refusal: 'I can’t help with that.' });
    await expect(
      runAction(connector, 'chatCompletion', { ...options(), input: { ...defaults, messages, schema: triageSchema } }),
    ).rejects.toMatchObject({ code: 'openai_refusal', message: expect.stringContaining('I can’t help with that.') });
    openai.reply({ content: '{"category":"bu', finishReason: 'length' });
    await expect(
      runAction(connector, 'chatCompletion', {
        ...options(),
        input: { ...defaults, messages, schema: triageSchema, maxTokens: 5 },
      }),
    ).rejects.toMatchObject({ code: 'openai_truncated', message: expect.stringContaining('raise maxTokens') });
  });

  test('a 429 waits for Retry-After on the (fake) clock and then succeeds', async () => {
    openai.failNext('POST /v1/chat/completions', {
      status: 429,
      headers: { 'retry-after': '20', 'x-ratelimit-reset-tokens': '20s' },
      json: {
        error: {
          message: 'Rate limit reached for gpt-4o-mini on tokens per min (TPM)',
          type: 'tokens',
          code: 'rate_limit_exceeded',
        },
      },
    });
    openai.reply({ content: '{"category":"question","confidence":0.5}' });
    const run = options();
    const { output, logs } = await runAction(connector, 'chatCompletion', {
      ...run,
      input: { ...defaults, messages, schema: triageSchema },
    });
    expect(output.object).toEqual({ category: 'question', confidence: 0.5 });
    expect(run.clock.sleeps).toEqual([20_000]);
    expect(logs.map((l) => l.message)).toEqual([
      expect.stringContaining('failed with status 429; retrying in 20000 ms'),
    ]);
  });

  test('a 429 that keeps coming fails as retryable rateLimited with the wait; an exhausted quota is not retryable', async () => {
    for (let i = 0; i < 3; i++) {
      openai.failNext('POST /v1/chat/completions', {
        status: 429,
        headers: { 'retry-after': '1' },
        json: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
      });
    }
    await expect(
      runAction(connector, 'chatCompletion', { ...options(), input: { ...defaults, messages } }),
    ).rejects.toMatchObject({
      code: 'connector_rate_limited',
      retryable: true,
      retryAfterMs: 1000,
    });
    for (let i = 0; i < 3; i++) {
      openai.failNext('POST /v1/chat/completions', {
        status: 429,
        json: {
          error: {
            message: 'You exceeded your current quota, please check your plan and billing details.',
            type: 'insufficient_quota',
            code: 'insufficient_quota',
          },
        },
      });
    }
    await expect(
      runAction(connector, 'chatCompletion', { ...options(), input: { ...defaults, messages } }),
    ).rejects.toMatchObject({
      code: 'openai_insufficient_quota',
      retryable: false,
    });
  });

  test('a wrong key is an auth error; a nearly used token budget is logged', async () => {
    await expect(
      runAction(connector, 'chatCompletion', {
        ...options(),
        credentials: { apiKey: 'sk-wrong' },
        input: { ...defaults, messages },
      }),
    ).rejects.toMatchObject({ code: 'connector_auth', message: expect.stringContaining('Incorrect API key') });
    openai.failNext('POST /v1/chat/completions', {
      headers: {
        'x-ratelimit-limit-tokens': '200000',
        'x-ratelimit-remaining-tokens': '1500',
        'x-ratelimit-reset-tokens': '45s',
      },
      json: { model: 'gpt-4o-mini', choices: [{ finish_reason: 'stop', message: { content: 'ok' } }] },
    });
    const { logs } = await runAction(connector, 'chatCompletion', { ...options(), input: { ...defaults, messages } });
    expect(logs.map((l) => l.message)).toEqual([
      'OpenAI token budget nearly used: 1500 of 200000 tokens per minute left (resets in 45s)',
    ]);
  });
});
