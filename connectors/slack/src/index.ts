// The Slack connector: messages (Block Kit), channels, and signed Events API deliveries, with a bot token
// from Slack's OAuth v2 flow.
import { defineConnector } from '@weft/sdk';
import { listChannels } from './actions/list-channels.js';
import { postMessage } from './actions/post-message.js';
import { updateMessage } from './actions/update-message.js';
import { slackEvent } from './triggers/event.js';

export { urlVerificationResponse } from './triggers/event.js';

export default defineConnector({
  name: 'slack',
  version: '1.0.0',
  title: 'Slack',
  description: 'Posts and updates messages, lists channels, and starts flows from Slack events.',
  icon: '💬',
  categories: ['Communication'],
  docsUrl: 'https://docs.slack.dev/reference/methods',
  auth: {
    kind: 'oauth2',
    grant: 'authorizationCode',
    authorizeUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    // Bot token scopes; Slack separates them with commas.
    scopes: ['chat:write', 'chat:write.public', 'channels:read', 'groups:read'],
    scopeSeparator: ',',
    clientAuth: 'basic',
    help: 'Create a Slack app, add the bot scopes and the Weft redirect URL, then connect. Bot tokens (xoxb-) do not expire unless token rotation is on; Weft refreshes rotated ones.',
  },
  // Slack limits each method per workspace: chat.postMessage about 1 message per second per channel,
  // chat.update Tier 3 (50+/min), conversations.list Tier 2 (20+/min). One bot token is one workspace.
  // A 429 that slips through carries Retry-After, which is honoured.
  rateLimits: [
    { per: 'credential', limit: 1, interval: 1000 },
    { per: 'credential', limit: 50, interval: 60_000 },
  ],
  baseUrl: 'https://slack.com/api',
  // auth.test answers 200 with ok: false for a bad token.
  test: { method: 'POST', path: '/auth.test', okField: 'ok' },
  actions: [postMessage, updateMessage, listChannels],
  triggers: [slackEvent],
  webhook: {
    secretLabel: 'Signing secret',
    instructions:
      'Slack app → Event Subscriptions: set the Request URL to the flow’s webhook URL and subscribe to bot events; ' +
      'copy Basic Information → Signing Secret into the connection’s signingSecret.',
  },
});
