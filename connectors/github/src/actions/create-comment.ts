// Comment on an issue or pull request: POST /repos/:owner/:repo/issues/:number/comments.
import { defineAction } from '@weft/sdk';
import { githubRequest, repoInput, repoPath } from '../github-request.js';

export const createComment = defineAction({
  key: 'createComment',
  title: 'Comment on issue',
  description: 'Adds a comment to an issue or pull request.',
  input: {
    type: 'object',
    properties: {
      ...repoInput,
      issueNumber: { type: 'integer', minimum: 1, title: 'Issue or pull request number' },
      body: { type: 'string', title: 'Comment (Markdown)', minLength: 1, maxLength: 65_536 },
    },
    required: ['owner', 'repo', 'issueNumber', 'body'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      htmlUrl: { type: 'string' },
      body: { type: 'string' },
      createdAt: { type: 'string' },
    },
    required: ['id', 'htmlUrl', 'body'],
  } as const,
  async run(ctx) {
    const response = await githubRequest<{ id: number; html_url: string; body: string; created_at?: string }>(
      ctx.http,
      {
        method: 'POST',
        url: `${repoPath(ctx.input)}/issues/${ctx.input.issueNumber}/comments`,
        json: { body: ctx.input.body },
      },
    );
    const comment = response.body;
    return {
      id: comment.id,
      htmlUrl: comment.html_url,
      body: comment.body,
      ...(comment.created_at ? { createdAt: comment.created_at } : {}),
    };
  },
});
