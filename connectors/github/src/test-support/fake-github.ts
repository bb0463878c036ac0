// A fake of the GitHub REST API on 127.0.0.1 with GitHub's shapes: `{ message, errors, documentation_url }`
// errors, 404 for repositories the token cannot see, page/per_page pagination with absolute Link headers,
// and the same routes under /api/v3 as GitHub Enterprise Server serves them.
import { startFakeApi, type FakeApi, type FakeApiRequest, type FakeApiResponse } from '@weft/sdk/testing';

interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  labels: { id: number; name: string; color: string }[];
  assignees: { login: string }[];
  user: { login: string };
  comments: number;
  pull_request?: { url: string };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface FakeGithub {
  api: FakeApi;
  baseUrl: string;
  /** Issues of octo/widgets, by number. */
  issues: Map<number, Issue>;
  comments: { issue: number; body: string }[];
  failNext(route: string, response: FakeApiResponse): void;
  close(): Promise<void>;
}

export const TOKEN = 'ghp_testtoken123';
const REPO = '/repos/octo/widgets';

export async function startFakeGithub(options: { seedIssues?: number } = {}): Promise<FakeGithub> {
  const issues = new Map<number, Issue>();
  const comments: FakeGithub['comments'] = [];
  const failures = new Map<string, FakeApiResponse[]>();
  let nextNumber = 1;
  const at = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString();
  const newIssue = (fields: Partial<Issue> & { title: string }): Issue => {
    const number = nextNumber++;
    const issue: Issue = {
      id: 1000 + number,
      number,
      body: null,
      state: 'open',
      labels: [],
      assignees: [],
      user: { login: 'octocat' },
      comments: 0,
      html_url: `https://github.com/octo/widgets/issues/${number}`,
      created_at: at(number),
      updated_at: at(number),
      ...fields,
    };
    issues.set(number, issue);
    return issue;
  };
  for (let i = 1; i <= (options.seedIssues ?? 0); i++) {
    newIssue({ title: `Issue ${i}`, ...(i % 5 === 0 ? { pull_request: { url: `pr/${i}` } } : {}) });
  }

  const api = await startFakeApi((request) => {
    const path = request.path.replace(/^\/api\/v3/, '');
    const route = `${request.method} ${path}`;
    const failure = failures.get(route)?.shift();
    if (failure) return failure;
    if (request.headers.accept !== 'application/vnd.github+json') return error(415, 'Unsupported media type');
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return error(401, 'Bad credentials');
    if (!path.startsWith(`${REPO}/`)) return error(404, 'Not Found');
    const rest = path.slice(REPO.length);
    const body = (request.json ?? {}) as Record<string, unknown>;
    let match: RegExpExecArray | null;
    if (route === `POST ${REPO}/issues`) {
      if (typeof body.title !== 'string' || body.title === '') {
        return {
          status: 422,
          json: {
            message: 'Validation Failed',
            errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
          },
        };
      }
      const labels = ((body.labels as string[] | undefined) ?? []).map((name, i) => ({
        id: i + 1,
        name,
        color: 'ededed',
      }));
      const assignees = ((body.assignees as string[] | undefined) ?? []).map((login) => ({ login }));
      return {
        status: 201,
        json: newIssue({ title: body.title, body: (body.body as string) ?? null, labels, assignees }),
      };
    }
    if (request.method === 'GET' && rest === '/issues') return list(request);
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(rest)) && request.method === 'POST') {
      const issue = issues.get(Number(match[1]));
      if (!issue) return error(404, 'Not Found');
      issue.comments += 1;
      comments.push({ issue: issue.number, body: String(body.body) });
      const id = 5000 + comments.length;
      return {
        status: 201,
        json: { id, body: body.body, html_url: `${issue.html_url}#issuecomment-${id}`, created_at: at(100) },
      };
    }
    if ((match = /^\/issues\/(\d+)\/labels$/.exec(rest)) && request.method === 'POST') {
      const issue = issues.get(Number(match[1]));
      if (!issue) return error(404, 'Not Found');
      for (const name of (body.labels as string[]) ?? []) {
        if (!issue.labels.some((l) => l.name === name))
          issue.labels.push({ id: issue.labels.length + 1, name, color: 'ededed' });
      }
      return { status: 200, json: issue.labels };
    }
    return error(404, 'Not Found');
  });

  function list(request: FakeApiRequest): FakeApiResponse {
    const state = request.query.state ?? 'open';
    const labels = request.query.labels?.split(',') ?? [];
    const all = [...issues.values()]
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => labels.every((l) => i.labels.some((x) => x.name === l)))
      .reverse();
    const perPage = Math.min(100, Number(request.query.per_page ?? 30));
    const page = Number(request.query.page ?? 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number, rel: string) => {
      const url = new URL(`${api.url}${request.path}`);
      for (const [k, v] of Object.entries(request.query)) url.searchParams.set(k, v);
      url.searchParams.set('page', String(p));
      return `<${url}>; rel="${rel}"`;
    };
    const links = [
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
    ];
    return {
      status: 200,
      json: all.slice((page - 1) * perPage, page * perPage),
      headers: links.length ? { link: links.join(', ') } : {},
    };
  }

  return {
    api,
    baseUrl: api.url,
    issues,
    comments,
    failNext(route, response) {
      failures.set(route, [...(failures.get(route) ?? []), response]);
    },
    close: () => api.close(),
  };
}

const error = (status: number, message: string): FakeApiResponse => ({
  status,
  json: { message, documentation_url: 'https://docs.github.com/rest' },
});
