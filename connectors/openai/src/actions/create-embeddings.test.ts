import { afterAll, beforeAll, expect, test } from 'vitest';
import { runAction } from '@weft/sdk/testing';
import connector from '../index.js';
import { API_KEY, startFakeOpenAI, type FakeOpenAI } from '../test-support/fake-openai.js';

let openai: FakeOpenAI;
beforeAll(async () => {
  openai = await startFakeOpenAI();
});
afterAll(() => openai.close());

test('embeds a batch and returns the vectors in input order', async () => {
  const { output } = await runAction(connector, 'createEmbeddings', {
    credentials: { apiKey: API_KEY },
    baseUrl: openai.baseUrl,
    input: { model: 'text-embedding-3-small', input: ['a', 'bbb'], dimensions: 2 },
  });
  expect(output).toEqual({
    embeddings: [
      [0.01, 0.02],
      [0.03, 0.04],
    ],
    model: 'text-embedding-3-small',
    usage: { promptTokens: 6, totalTokens: 6 },
  });
  expect(openai.api.requests.at(-1)!.json).toEqual({
    model: 'text-embedding-3-small',
    input: ['a', 'bbb'],
    dimensions: 2,
    encoding_format: 'float',
  });
});

test('embeds a single text', async () => {
  const { output } = await runAction(connector, 'createEmbeddings', {
    credentials: { apiKey: API_KEY },
    baseUrl: openai.baseUrl,
    input: { model: 'text-embedding-3-small', input: 'hello' },
  });
  expect(output.embeddings).toHaveLength(1);
});
