// Chat completion: POST /chat/completions. With a JSON Schema, the model must answer with an object of that
// schema (response_format json_schema, strict by default); it is parsed and returned as `object`.
import { ConnectorError, defineAction } from '@weft/sdk';
import { openaiRequest } from '../openai-request.js';

interface Completion {
  model: string;
  choices: {
    finish_reason: string;
    message: { content: string | null; refusal?: string | null };
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export const chatCompletion = defineAction({
  key: 'chatCompletion',
  title: 'Chat completion',
  description: 'Asks a model; with a JSON Schema, the answer is a parsed object that follows it (structured output).',
  input: {
    type: 'object',
    properties: {
      model: { type: 'string', title: 'Model', default: 'gpt-4o-mini', minLength: 1 },
      messages: {
        type: 'array',
        title: 'Messages',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            role: { enum: ['developer', 'system', 'user', 'assistant'] },
            content: { type: 'string' },
          },
          required: ['role', 'content'],
          additionalProperties: false,
        },
      },
      schema: {
        type: 'object',
        title: 'Output JSON Schema',
        description:
          'The answer’s shape. In strict mode every object lists all its properties in `required` and sets ' +
          '`additionalProperties: false`.',
      },
      schemaName: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', default: 'result' },
      strict: { type: 'boolean', default: true },
      temperature: { type: 'number', minimum: 0, maximum: 2 },
      maxTokens: { type: 'integer', minimum: 1, title: 'Max completion tokens' },
      seed: { type: 'integer' },
    },
    required: ['messages'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      content: { type: ['string', 'null'], description: 'The answer as text (the JSON, with a schema).' },
      object: { description: 'The parsed answer, when a schema was given.' },
      model: { type: 'string' },
      finishReason: { type: 'string' },
      usage: {
        type: 'object',
        properties: {
          promptTokens: { type: 'integer' },
          completionTokens: { type: 'integer' },
          totalTokens: { type: 'integer' },
        },
        required: ['promptTokens', 'completionTokens', 'totalTokens'],
      },
    },
    required: ['content', 'model', 'finishReason', 'usage'],
  } as const,
  // A completion changes nothing on OpenAI's side: repeating one after a 5xx only costs tokens.
  retry: { unsafe: true },
  async run(ctx) {
    const input = ctx.input;
    const response = await openaiRequest<Completion>(ctx.http, ctx.log, {
      method: 'POST',
      url: '/chat/completions',
      timeout: 120_000,
      json: {
        model: input.model ?? 'gpt-4o-mini',
        messages: input.messages,
        temperature: input.temperature,
        max_completion_tokens: input.maxTokens,
        seed: input.seed,
        ...(input.schema
          ? {
              response_format: {
                type: 'json_schema',
                json_schema: { name: input.schemaName ?? 'result', schema: input.schema, strict: input.strict ?? true },
              },
            }
          : {}),
      },
    });
    const completion = response.body;
    const choice = completion.choices[0];
    if (!choice) throw new ConnectorError({ kind: 'upstream', message: 'OpenAI returned no choices' });
    if (choice.message.refusal) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'openai_refusal',
        message: `The model refused to answer: ${choice.message.refusal}`,
      });
    }
    const usage = {
      promptTokens: completion.usage?.prompt_tokens ?? 0,
      completionTokens: completion.usage?.completion_tokens ?? 0,
      totalTokens: completion.usage?.total_tokens ?? 0,
    };
    const result = {
      content: choice.message.content,
      model: completion.model,
      finishReason: choice.finish_reason,
      usage,
    };
    if (!input.schema) return result;
    if (choice.finish_reason === 'length') {
      throw new ConnectorError({
        kind: 'validation',
        code: 'openai_truncated',
        message: `The answer was cut off at ${usage.completionTokens} tokens before the JSON was complete: raise maxTokens.`,
      });
    }
    return { ...result, object: parseJson(choice.message.content) };
  },
});

function parseJson(content: string | null): unknown {
  try {
    return JSON.parse(content ?? '') as unknown;
  } catch {
    throw new ConnectorError({
      kind: 'upstream',
      code: 'openai_invalid_json',
      retryable: true,
      message: 'The model’s answer is not valid JSON although a schema was given',
    });
  }
}
