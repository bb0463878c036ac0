// Create issue: POST /repos/:owner/:repo/issues.
import { defineAction } from '@weft/sdk';
import { githubRequest, repoInput, repoPath } from '../github-request.js';
import { issueSchema, toIssue, type GithubIssue } from '../issue-shape.js';

export const createIssue = defineAction({
  key: 'createIssue',
  title: 'Create issue',
  description: 'Opens an issue in a repository, optionally with labels and assignees.',
  input: {
    type: 'object',
    properties: {
      ...repoInput,
      title: { type: 'string', title: 'Title', minLength: 1, maxLength: 256 },
      body: { type: 'string', title: 'Body (Markdown)', maxLength: 65_536 },
      labels: { type: 'array', title: 'Labels', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      assignees: { type: 'array', title: 'Assignees', items: { type: 'string', minLength: 1 }, maxItems: 10 },
      milestone: { type: 'integer', minimum: 1, title: 'Milestone number' },
    },
    required: ['owner', 'repo', 'title'],
    additionalProperties: false,
  } as const,
  output: issueSchema,
  async run(ctx) {
    const { title, body, labels, assignees, milestone } = ctx.input;
    const response = await githubRequest<GithubIssue>(ctx.http, {
      method: 'POST',
      url: `${repoPath(ctx.input)}/issues`,
      json: { title, body, labels, assignees, milestone },
    });
    return toIssue(response.body);
  },
});
