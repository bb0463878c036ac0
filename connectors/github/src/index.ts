// The GitHub connector: issues, comments and labels through the REST API (github.com or GitHub Enterprise
// Server through the connection's baseUrl), and signed webhooks.
import { defineConnector } from '@weft/sdk';
import { addLabels } from './actions/add-labels.js';
import { createComment } from './actions/create-comment.js';
import { createIssue } from './actions/create-issue.js';
import { listIssues } from './actions/list-issues.js';
import { githubErrors } from './github-request.js';
import { githubEvent } from './triggers/event.js';

export default defineConnector({
  name: 'github',
  version: '1.0.0',
  title: 'GitHub',
  description: 'Creates, lists, labels and comments on issues; starts flows from GitHub webhooks.',
  icon: '🐙',
  categories: ['Developer tools'],
  docsUrl: 'https://docs.github.com/en/rest',
  // An OAuth app or GitHub App user token (refreshed when it expires). A personal access token works as a
  // connection whose accessToken is the token and that has no refresh token.
  auth: {
    kind: 'oauth2',
    grant: 'authorizationCode',
    authorizeUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    scopes: ['repo'],
    help: 'Connect with GitHub, or create a connection with a fine-grained personal access token as accessToken (Issues: read and write). For GitHub Enterprise Server set baseUrl to https://<host>/api/v3.',
  },
  // Primary limit: 5,000 requests per hour per user token. Secondary limit: at most 80 content-creating
  // requests per minute; applied to all requests, which keeps bursts well inside GitHub's 900 points/minute.
  rateLimits: [
    { per: 'credential', limit: 5000, interval: 3_600_000 },
    { per: 'credential', limit: 80, interval: 60_000 },
  ],
  baseUrl: 'https://api.github.com',
  test: { method: 'GET', path: '/user' },
  errors: githubErrors,
  actions: [createIssue, createComment, listIssues, addLabels],
  triggers: [githubEvent],
  webhook: {
    secretLabel: 'Webhook secret',
    instructions:
      'Repository or organization → Settings → Webhooks → Add webhook: Payload URL = the flow’s webhook URL, ' +
      'content type application/json, a random secret (also in the connection’s signingSecret), the events to send.',
  },
});
