// Slack event: the Events API POSTs signed JSON to the flow's webhook URL. `X-Slack-Signature` is `v0=` +
// HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<raw body>` with the app's signing secret; timestamps more than
// 5 minutes off are refused. `event_id` identifies Slack's retries (it redelivers after 3 s without a 2xx).
// The `url_verification` handshake is answered by `respond` with the challenge, starting no run.
import { defineTrigger, verifySlackSignature, type WebhookRequest } from '@weft/sdk';

interface SlackEnvelope {
  type?: unknown;
  event_id?: unknown;
  challenge?: unknown;
  event?: { type?: unknown; bot_id?: unknown; subtype?: unknown };
}

interface EventsConfig {
  eventTypes?: readonly string[];
  ignoreBots?: boolean;
}

export const slackEvent = defineTrigger({
  key: 'event',
  title: 'Slack event',
  description:
    'Fires for Events API events the Slack app subscribes to (message, app_mention, reaction_added…). ' +
    'Messages from bots (including this app) are skipped unless you ask for them.',
  kind: 'webhook',
  config: {
    type: 'object',
    properties: {
      eventTypes: {
        type: 'array',
        title: 'Event types',
        description: 'Inner event types to fire for, e.g. app_mention. Default: every subscribed event.',
        items: { type: 'string', pattern: '^[a-z_.]+$' },
        uniqueItems: true,
      },
      ignoreBots: { type: 'boolean', title: 'Skip messages from bots', default: true },
    },
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    description: 'The Events API envelope; the event itself is under `event`.',
    properties: {
      type: { const: 'event_callback' },
      event_id: { type: 'string' },
      event_time: { type: 'integer' },
      team_id: { type: 'string' },
      api_app_id: { type: 'string' },
      event: { type: 'object', properties: { type: { type: 'string' } }, required: ['type'] },
    },
    required: ['type', 'event_id', 'event'],
  } as const,
  verify: (request, secret) =>
    verifySlackSignature({
      payload: request.rawBody,
      signature: request.headers['x-slack-signature'],
      timestamp: request.headers['x-slack-request-timestamp'],
      secret,
      toleranceSeconds: 300,
    }),
  eventId: (request) => {
    const id = (request.body as SlackEnvelope | undefined)?.event_id;
    return typeof id === 'string' ? id : undefined;
  },
  toEvents: (request: WebhookRequest, config?: unknown) => selectSlackEvents(request, config),
  // Slack's url_verification handshake: answered with the challenge, no run started.
  respond: (request: WebhookRequest) => urlVerificationResponse(request),
});

/**
 * The delivery's envelope when it is an event the trigger fires for. The trigger's config arrives as a second
 * argument of `toEvents` where the runtime passes it (see the README); without it every event but bots' fires.
 */
export function selectSlackEvents(request: WebhookRequest, config?: unknown) {
  const envelope = request.body;
  const body = envelope as SlackEnvelope | undefined;
  if (envelope === undefined || body?.type !== 'event_callback' || typeof body.event?.type !== 'string') return [];
  const { eventTypes, ignoreBots = true } = (config ?? {}) as EventsConfig;
  if (eventTypes && eventTypes.length > 0 && !eventTypes.includes(body.event.type)) return [];
  if (ignoreBots && (body.event.bot_id !== undefined || body.event.subtype === 'bot_message')) return [];
  return [envelope];
}

/**
 * What to answer a *verified* `url_verification` request with (Slack sends one when the Request URL is saved
 * and expects the `challenge` back within 3 s); undefined for every other delivery. The runtime must call it
 * after `verify` and reply with it instead of starting a run — see the README.
 */
export function urlVerificationResponse(
  request: Pick<WebhookRequest, 'body'>,
): { status: 200; headers: { 'content-type': 'text/plain' }; body: string } | undefined {
  const body = request.body as SlackEnvelope | undefined;
  if (body?.type !== 'url_verification' || typeof body.challenge !== 'string') return undefined;
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: body.challenge };
}
