import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFakeClock, runAction } from '@weft/sdk/testing';
import connector from '../index.js';
import { startFakeGithub, TOKEN, type FakeGithub } from '../test-support/fake-github.js';

let github: FakeGithub;
beforeAll(async () => {
  github = await startFakeGithub({ seedIssues: 150 });
});
afterAll(() => github.close());
const listDefaults = {
  state: 'open',
  sort: 'created',
  direction: 'desc',
  includePullRequests: false,
  limit: 30,
} as const;
const options = () => ({ credentials: { accessToken: TOKEN }, baseUrl: github.baseUrl, clock: createFakeClock() });

describe('issues', () => {
  test('createIssue posts JSON with GitHub’s media type, API version and the token', async () => {
    const { output } = await runAction(connector, 'createIssue', {
      ...options(),
      input: {
        owner: 'octo',
        repo: 'widgets',
        title: 'Crash on save',
        body: 'Steps…',
        labels: ['bug'],
        assignees: ['ada'],
      },
    });
    expect(output).toMatchObject({
      number: 151,
      title: 'Crash on save',
      state: 'open',
      labels: ['bug'],
      assignees: ['ada'],
      author: 'octocat',
      isPullRequest: false,
      htmlUrl: 'https://github.com/octo/widgets/issues/151',
    });
    const request = github.api.requests.at(-1)!;
    expect(request.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    });
    expect(request.json).toEqual({ title: 'Crash on save', body: 'Steps…', labels: ['bug'], assignees: ['ada'] });
  });

  test('createComment and addLabels act on an existing issue', async () => {
    const { output: comment } = await runAction(connector, 'createComment', {
      ...options(),
      input: { owner: 'octo', repo: 'widgets', issueNumber: 3, body: 'Thanks, triaged.' },
    });
    expect(comment).toMatchObject({
      body: 'Thanks, triaged.',
      htmlUrl: expect.stringMatching(/issues\/3#issuecomment-\d+$/),
    });
    const { output: labels } = await runAction(connector, 'addLabels', {
      ...options(),
      input: { owner: 'octo', repo: 'widgets', issueNumber: 3, labels: ['bug', 'p1'] },
    });
    expect(labels).toEqual({ labels: ['bug', 'p1'] });
    expect(github.api.requests.at(-1)).toMatchObject({
      path: '/repos/octo/widgets/issues/3/labels',
      json: { labels: ['bug', 'p1'] },
    });
  });

  test('listIssues follows Link rel="next" pages, leaves pull requests out and stops at the limit', async () => {
    const before = github.api.requests.length;
    const { output } = await runAction(connector, 'listIssues', {
      ...options(),
      input: { ...listDefaults, owner: 'octo', repo: 'widgets', limit: 100 },
    });
    expect(output.issues).toHaveLength(100);
    expect(output.issues.every((i) => !i.isPullRequest)).toBe(true);
    expect(output.truncated).toBe(true);
    const pages = github.api.requests.slice(before);
    expect(pages.map((r) => r.query.page)).toEqual([undefined, '2']);
    expect(pages[0]!.query).toEqual({ state: 'open', sort: 'created', direction: 'desc', per_page: '100' });

    const { output: all } = await runAction(connector, 'listIssues', {
      ...options(),
      input: { ...listDefaults, owner: 'octo', repo: 'widgets', limit: 1000, includePullRequests: true },
    });
    expect(all.issues.length).toBeGreaterThanOrEqual(150);
    expect(all.issues.filter((i) => i.isPullRequest)).toHaveLength(30);
    expect(all.truncated).toBe(false);
  });

  test('a next link to another origin is not followed with the token', async () => {
    github.failNext('GET /repos/octo/widgets/issues', {
      json: [],
      headers: { link: '<https://elsewhere.example/steal?page=2>; rel="next"' },
    });
    const before = github.api.requests.length;
    const { output, logs } = await runAction(connector, 'listIssues', {
      ...options(),
      input: { ...listDefaults, owner: 'octo', repo: 'widgets' },
    });
    expect(output).toEqual({ issues: [], truncated: false });
    expect(github.api.requests.length).toBe(before + 1);
    expect(logs.map((l) => l.message)).toEqual([expect.stringContaining('another origin')]);
  });

  test('GitHub’s 422 field errors, 404 and a rate-limit 403 become errors a user can act on', async () => {
    github.failNext('POST /repos/octo/widgets/issues', {
      status: 422,
      json: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'invalid', field: 'assignees', message: 'ghost is not assignable' }],
      },
    });
    await expect(
      runAction(connector, 'createIssue', {
        ...options(),
        input: { owner: 'octo', repo: 'widgets', title: 'x', assignees: ['ghost'] },
      }),
    ).rejects.toMatchObject({
      code: 'connector_validation',
      message: expect.stringContaining('Validation Failed; ghost is not assignable'),
    });
    await expect(
      runAction(connector, 'createIssue', { ...options(), input: { owner: 'octo', repo: 'secret', title: 'x' } }),
    ).rejects.toMatchObject({ code: 'connector_not_found', message: expect.stringContaining('Private repositories') });
    const reset = Math.floor(Date.now() / 1000) + 120;
    github.failNext('POST /repos/octo/widgets/issues', {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      json: { message: 'API rate limit exceeded for user ID 1.' },
    });
    const limited = await runAction(connector, 'createIssue', {
      ...options(),
      input: { owner: 'octo', repo: 'widgets', title: 'x' },
    }).catch((error: unknown) => error);
    expect(limited).toMatchObject({ code: 'connector_rate_limited', retryable: true });
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(100_000);
  });

  test('a rejected personal access token asks for the connection to be reconnected', async () => {
    await expect(
      runAction(connector, 'createIssue', {
        ...options(),
        credentials: { accessToken: 'ghp_revoked' },
        input: { owner: 'octo', repo: 'widgets', title: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'connector_needs_reconnect', details: { kind: 'auth' } });
  });

  test('a GitHub Enterprise connection sends requests to its own baseUrl', async () => {
    const { output } = await runAction(connector, 'addLabels', {
      credentials: { accessToken: TOKEN, baseUrl: `${github.api.url}/api/v3` },
      input: { owner: 'octo', repo: 'widgets', issueNumber: 4, labels: ['ghe'] },
    });
    expect(output).toEqual({ labels: ['ghe'] });
    expect(github.api.requests.at(-1)!.path).toBe('/api/v3/repos/octo/widgets/issues/4/labels');
  });

  test('owner and repo names cannot escape the repository path', async () => {
    await expect(
      runAction(connector, 'createIssue', { ...options(), input: { owner: '..', repo: 'widgets', title: 'x' } }),
    ).rejects.toMatchObject({ code: 'connector_invalid_input' });
    await expect(
      runAction(connector, 'createIssue', { ...options(), input: { owner: 'octo', repo: 'a/b', title: 'x' } }),
    ).rejects.toMatchObject({ code: 'connector_invalid_input' });
  });
});
