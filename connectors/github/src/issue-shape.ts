// The issue shape the actions return: GitHub's fields flows use, camel-cased, labels and people as names.

export const issueSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    number: { type: 'integer' },
    title: { type: 'string' },
    body: { type: ['string', 'null'] },
    state: { enum: ['open', 'closed'] },
    htmlUrl: { type: 'string' },
    labels: { type: 'array', items: { type: 'string' } },
    assignees: { type: 'array', items: { type: 'string' } },
    author: { type: ['string', 'null'] },
    comments: { type: 'integer' },
    isPullRequest: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'number', 'title', 'state', 'htmlUrl', 'labels', 'isPullRequest'],
} as const;

export interface GithubIssue {
  id: number;
  number: number;
  title: string;
  body?: string | null;
  state: 'open' | 'closed';
  html_url: string;
  labels?: ({ name?: string } | string)[];
  assignees?: { login: string }[];
  user?: { login: string } | null;
  comments?: number;
  pull_request?: unknown;
  created_at?: string;
  updated_at?: string;
}

export function toIssue(issue: GithubIssue) {
  return {
    id: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body ?? null,
    state: issue.state,
    htmlUrl: issue.html_url,
    labels: (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
    assignees: (issue.assignees ?? []).map((a) => a.login),
    author: issue.user?.login ?? null,
    comments: issue.comments ?? 0,
    isPullRequest: issue.pull_request !== undefined,
    ...(issue.created_at ? { createdAt: issue.created_at } : {}),
    ...(issue.updated_at ? { updatedAt: issue.updated_at } : {}),
  };
}
