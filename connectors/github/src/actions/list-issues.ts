// List issues: GET /repos/:owner/:repo/issues, following the Link header's rel="next" with `ctx.http.paginate`
// (same origin only, so the token never follows a link elsewhere) until `limit` issues are collected.
import { defineAction } from '@weft/sdk';
import { GITHUB_HEADERS, repoInput, repoPath } from '../github-request.js';
import { issueSchema, toIssue, type GithubIssue } from '../issue-shape.js';

export const listIssues = defineAction({
  key: 'listIssues',
  title: 'List issues',
  description: 'Lists a repository’s issues (pull requests left out unless asked for), following pages.',
  input: {
    type: 'object',
    properties: {
      ...repoInput,
      state: { enum: ['open', 'closed', 'all'], default: 'open', title: 'State' },
      labels: { type: 'array', items: { type: 'string', minLength: 1 }, title: 'With all of these labels' },
      assignee: { type: 'string', title: 'Assignee', description: 'A login, `none` or `*`.' },
      creator: { type: 'string', title: 'Author' },
      since: { type: 'string', format: 'date-time', title: 'Updated since' },
      sort: { enum: ['created', 'updated', 'comments'], default: 'created' },
      direction: { enum: ['asc', 'desc'], default: 'desc' },
      includePullRequests: { type: 'boolean', default: false },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 30, title: 'How many at most' },
    },
    required: ['owner', 'repo'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      issues: { type: 'array', items: issueSchema },
      truncated: { type: 'boolean', description: 'More issues matched than the limit.' },
    },
    required: ['issues', 'truncated'],
  } as const,
  async run(ctx) {
    const input = ctx.input;
    const limit = input.limit ?? 30;
    const paged = await ctx.http.paginate<GithubIssue, GithubIssue[]>(
      {
        url: `${repoPath(input)}/issues`,
        headers: GITHUB_HEADERS,
        query: {
          state: input.state,
          labels: input.labels?.join(','),
          assignee: input.assignee,
          creator: input.creator,
          since: input.since,
          sort: input.sort,
          direction: input.direction,
          per_page: 100,
        },
      },
      {
        items: (page) => page.body.filter((issue) => input.includePullRequests || issue.pull_request === undefined),
        next: { link: 'header', foreignLink: 'stop' },
        maxItems: limit,
      },
    );
    return { issues: paged.items.map(toIssue), truncated: paged.hasMore };
  },
});
