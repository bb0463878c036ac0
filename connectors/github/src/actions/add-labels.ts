// Add labels: POST /repos/:owner/:repo/issues/:number/labels (labels that do not exist yet are created).
import { defineAction } from '@weft/sdk';
import { githubRequest, repoInput, repoPath } from '../github-request.js';

export const addLabels = defineAction({
  key: 'addLabels',
  title: 'Add labels',
  description: 'Adds labels to an issue or pull request, keeping the ones it has; returns all its labels.',
  input: {
    type: 'object',
    properties: {
      ...repoInput,
      issueNumber: { type: 'integer', minimum: 1, title: 'Issue or pull request number' },
      labels: { type: 'array', title: 'Labels', items: { type: 'string', minLength: 1, maxLength: 50 }, minItems: 1 },
    },
    required: ['owner', 'repo', 'issueNumber', 'labels'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { labels: { type: 'array', items: { type: 'string' } } },
    required: ['labels'],
  } as const,
  // Adding a label twice leaves one label: safe to repeat after a dropped connection or a 5xx.
  retry: { unsafe: true },
  async run(ctx) {
    const response = await githubRequest<{ name: string }[]>(ctx.http, {
      method: 'POST',
      url: `${repoPath(ctx.input)}/issues/${ctx.input.issueNumber}/labels`,
      json: { labels: ctx.input.labels },
    });
    return { labels: response.body.map((label) => label.name) };
  },
});
