// GitHub webhook: GitHub POSTs each event with `X-GitHub-Event` (its name), `X-GitHub-Delivery` (a GUID kept
// on redeliveries) and `X-Hub-Signature-256: sha256=<hex HMAC of the raw body>`. GitHub signs neither a
// timestamp nor the delivery id: a captured delivery replayed under a fresh X-GitHub-Delivery would pass the
// check. So redeliveries are recognised by the digest of the signed body (a redelivery carries the same bytes);
// the delivery id is still handed to the flow as `deliveryId`, for information only.
import { defineTrigger, signedBodyId, verifyGithubSignature, type WebhookRequest } from '@weft/sdk';

interface EventsConfig {
  events?: readonly string[];
  actions?: readonly string[];
}

export const githubEvent = defineTrigger({
  key: 'event',
  title: 'GitHub event',
  description:
    'Fires for webhook events of a repository or organization (issues, issue_comment, pull_request, push…), ' +
    'optionally only some actions (opened, labeled…). The event is the payload plus `event` and `deliveryId`.',
  kind: 'webhook',
  config: {
    type: 'object',
    properties: {
      events: {
        type: 'array',
        title: 'Events',
        description: 'X-GitHub-Event names to fire for, e.g. issues. Default: all (except ping).',
        items: { type: 'string', pattern: '^[a-z_]+$' },
        uniqueItems: true,
      },
      actions: {
        type: 'array',
        title: 'Actions',
        description: 'Payload actions to fire for, e.g. opened. Default: all.',
        items: { type: 'string', pattern: '^[a-z_]+$' },
        uniqueItems: true,
      },
    },
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      event: { type: 'string', description: 'X-GitHub-Event, e.g. issues' },
      deliveryId: { type: 'string' },
      action: { type: 'string' },
      repository: { type: 'object', properties: { full_name: { type: 'string' } } },
      sender: { type: 'object', properties: { login: { type: 'string' } } },
    },
    required: ['event'],
  } as const,
  verify: (request, secret) =>
    verifyGithubSignature({ payload: request.rawBody, header: request.headers['x-hub-signature-256'], secret }),
  eventId: (request) => signedBodyId(request.rawBody),
  toEvents: (request: WebhookRequest, config?: unknown) => selectGithubEvents(request, config),
});

/**
 * The delivery as an event when its event name and action are selected. The trigger's config arrives as a
 * second argument of `toEvents` where the runtime passes it (see the README); without it every event but ping
 * fires.
 */
export function selectGithubEvents(request: WebhookRequest, config?: unknown) {
  const event = request.headers['x-github-event'];
  const payload = request.body;
  if (!event || event === 'ping' || payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return [];
  }
  const { events, actions } = (config ?? {}) as EventsConfig;
  const action = typeof payload.action === 'string' ? payload.action : undefined;
  if (events?.length && !events.includes(event)) return [];
  if (actions?.length && (action === undefined || !actions.includes(action))) return [];
  const deliveryId = request.headers['x-github-delivery'];
  return [{ ...payload, event, ...(deliveryId ? { deliveryId } : {}) }];
}
