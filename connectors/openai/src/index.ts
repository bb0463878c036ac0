// The OpenAI connector: chat completions with structured output (JSON Schema) and embeddings.
import { defineConnector } from '@weft/sdk';
import { chatCompletion } from './actions/chat-completion.js';
import { createEmbeddings } from './actions/create-embeddings.js';
import { openaiErrors } from './openai-request.js';

/**
 * OpenAI's limits per project depend on the usage tier and the model; these are tier 1 for gpt-4o-mini and
 * text-embedding-3-small. Requests are enforced by Weft's rate limiter; tokens per minute cannot be declared
 * to it yet (see the README), so a request over the token budget meets OpenAI's 429, whose Retry-After is
 * honoured, and a warning is logged when a response shows the budget nearly used.
 */
export const OPENAI_LIMITS = { requestsPerMinute: 500, tokensPerMinute: 200_000 } as const;

export default defineConnector({
  name: 'openai',
  version: '1.0.0',
  title: 'OpenAI',
  description: `Chat completions with structured (JSON Schema) output, and embeddings. Limits: ${OPENAI_LIMITS.requestsPerMinute} requests and ${OPENAI_LIMITS.tokensPerMinute} tokens per minute (tier 1).`,
  icon: '🤖',
  categories: ['AI'],
  docsUrl: 'https://platform.openai.com/docs/api-reference',
  auth: {
    kind: 'apiKey',
    in: 'header',
    name: 'Authorization',
    prefix: 'Bearer ',
    help: 'A project API key (sk-proj-…) from platform.openai.com → API keys.',
  },
  rateLimits: [{ per: 'credential', limit: OPENAI_LIMITS.requestsPerMinute, interval: 60_000 }],
  baseUrl: 'https://api.openai.com/v1',
  errors: openaiErrors,
  actions: [chatCompletion, createEmbeddings],
});
