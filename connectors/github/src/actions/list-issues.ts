// List issues: GET /repos/:owner/:repo/issues, following the Link header's rel="next" (same origin only, so
// the token never follows a link elsewhere) until `limit` issues are collected.
import { defineAction } from '@weft/sdk';
import { githubRequest, repoInput, repoPath } from '../github-request.js';
import { issueSchema, toIssue, type GithubIssue } from '../issue-shape.js';
import { linkUrl } from '../link-header.js';

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
    const issues: ReturnType<typeof toIssue>[] = [];
    let url: string | undefined = `${repoPath(input)}/issues`;
    let query: Record<string, string | number | undefined> | undefined = {
      state: input.state,
      labels: input.labels?.join(','),
      assignee: input.assignee,
      creator: input.creator,
      since: input.since,
      sort: input.sort,
      direction: input.direction,
      per_page: 100,
    };
    let origin: string | undefined;
    let truncated = false;
    while (url !== undefined && !truncated) {
      const page: { body: GithubIssue[]; headers: Record<string, string>; url: string } = await githubRequest<
        GithubIssue[]
      >(ctx.http, { url, ...(query ? { query } : {}) });
      origin ??= new URL(page.url).origin;
      const wanted = page.body.filter((issue) => input.includePullRequests || issue.pull_request === undefined);
      const room = limit - issues.length;
      issues.push(...wanted.slice(0, room).map(toIssue));
      const next = linkUrl(page.headers.link, 'next');
      truncated = wanted.length > room || (issues.length === limit && next !== undefined);
      if (next !== undefined && new URL(next).origin !== origin) {
        ctx.log('warn', `GitHub linked the next page to another origin (${new URL(next).origin}); stopped there`);
        url = undefined;
      } else url = next;
      query = undefined; // the next link carries the query
    }
    return { issues, truncated };
  },
});
