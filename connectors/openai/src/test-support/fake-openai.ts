// A fake of the OpenAI API on 127.0.0.1 with its shapes: chat completions (structured output answered from a
// scripted reply, usage, finish_reason, refusal), embeddings, `{ error: { message, type, code } }` errors and
// the x-ratelimit-* headers.
import { startFakeApi, type FakeApi, type FakeApiResponse } from '@weft/sdk/testing';

export interface FakeOpenAI {
  api: FakeApi;
  baseUrl: string;
  /** What the next chat completion answers (content, or a refusal / finish reason). */
  reply(answer: { content?: string; refusal?: string; finishReason?: string }): void;
  failNext(route: string, response: FakeApiResponse): void;
  close(): Promise<void>;
}

export const API_KEY = 'sk-proj-test';

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const replies: { content?: string; refusal?: string; finishReason?: string }[] = [];
  const failures = new Map<string, FakeApiResponse[]>();
  const limits = {
    'x-ratelimit-limit-requests': '500',
    'x-ratelimit-remaining-requests': '499',
    'x-ratelimit-limit-tokens': '200000',
    'x-ratelimit-remaining-tokens': '199000',
    'x-ratelimit-reset-tokens': '300ms',
  };
  const api = await startFakeApi((request) => {
    const route = `${request.method} ${request.path}`;
    const failure = failures.get(route)?.shift();
    if (failure) return failure;
    if (request.headers.authorization !== `Bearer ${API_KEY}`) {
      return {
        status: 401,
        json: {
          error: {
            message: 'Incorrect API key provided: sk-***.',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
            param: null,
          },
        },
      };
    }
    const body = request.json as Record<string, unknown>;
    if (route === 'POST /v1/chat/completions') {
      if (!Array.isArray(body.messages) || body.messages.length === 0) {
        return {
          status: 400,
          json: {
            error: {
              message: "Missing required parameter: 'messages'.",
              type: 'invalid_request_error',
              code: 'missing_required_parameter',
              param: 'messages',
            },
          },
        };
      }
      const reply = replies.shift() ?? { content: 'Hello!' };
      return {
        headers: limits,
        json: {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1_700_000_000,
          model: `${String(body.model)}-2024-07-18`,
          choices: [
            {
              index: 0,
              finish_reason: reply.finishReason ?? 'stop',
              message: {
                role: 'assistant',
                content: reply.refusal ? null : (reply.content ?? ''),
                refusal: reply.refusal ?? null,
              },
            },
          ],
          usage: { prompt_tokens: 42, completion_tokens: 17, total_tokens: 59 },
        },
      };
    }
    if (route === 'POST /v1/embeddings') {
      const inputs = Array.isArray(body.input) ? (body.input as string[]) : [body.input as string];
      const dimensions = Number(body.dimensions ?? 4);
      const data = inputs.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: Array.from({ length: dimensions }, (_, i) => (text.length + i) / 100),
      }));
      return {
        headers: limits,
        json: {
          object: 'list',
          model: String(body.model),
          data: data.reverse(),
          usage: { prompt_tokens: inputs.length * 3, total_tokens: inputs.length * 3 },
        },
      };
    }
    return {
      status: 404,
      json: { error: { message: `Invalid URL (${route})`, type: 'invalid_request_error', code: null, param: null } },
    };
  });
  return {
    api,
    baseUrl: `${api.url}/v1`,
    reply: (answer) => void replies.push(answer),
    failNext(route, response) {
      failures.set(route, [...(failures.get(route) ?? []), response]);
    },
    close: () => api.close(),
  };
}
