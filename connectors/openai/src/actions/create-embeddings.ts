// Create embeddings: POST /embeddings for one text or a batch, vectors returned in input order.
import { defineAction } from '@weft/sdk';
import { openaiRequest } from '../openai-request.js';

interface EmbeddingResponse {
  model: string;
  data: { index: number; embedding: number[] }[];
  usage?: { prompt_tokens: number; total_tokens: number };
}

export const createEmbeddings = defineAction({
  key: 'createEmbeddings',
  title: 'Create embeddings',
  description: 'Turns texts into embedding vectors (one per text, in order).',
  input: {
    type: 'object',
    properties: {
      model: { type: 'string', title: 'Model', default: 'text-embedding-3-small', minLength: 1 },
      input: {
        title: 'Text(s)',
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 2048 },
        ],
      },
      dimensions: { type: 'integer', minimum: 1, description: 'Shorter vectors (text-embedding-3 models).' },
    },
    required: ['input'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      embeddings: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
      model: { type: 'string' },
      usage: {
        type: 'object',
        properties: { promptTokens: { type: 'integer' }, totalTokens: { type: 'integer' } },
        required: ['promptTokens', 'totalTokens'],
      },
    },
    required: ['embeddings', 'model', 'usage'],
  } as const,
  retry: { unsafe: true },
  async run(ctx) {
    const { model, input, dimensions } = ctx.input;
    const response = await openaiRequest<EmbeddingResponse>(ctx.http, ctx.log, {
      method: 'POST',
      url: '/embeddings',
      json: { model: model ?? 'text-embedding-3-small', input, dimensions, encoding_format: 'float' },
    });
    const body = response.body;
    return {
      embeddings: body.data.toSorted((a, b) => a.index - b.index).map((d) => d.embedding),
      model: body.model,
      usage: { promptTokens: body.usage?.prompt_tokens ?? 0, totalTokens: body.usage?.total_tokens ?? 0 },
    };
  },
});
