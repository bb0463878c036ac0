// User created / updated / deleted: Clerk delivers webhooks through Svix, signed with Standard Webhooks
// (`svix-id`/`webhook-id`, `svix-timestamp`, `svix-signature: v1,<base64>`, a `whsec_` secret, 5 minute
// tolerance). Headers are read as Svix's library reads them (`svix-*` before `webhook-*`), and the message id
// is taken with the same rule, so it is always the id the signature covers: a replay with an added id header
// fails the check or is a duplicate. It is handed to the flow as `eventId` (an idempotency key downstream).
// Each trigger fires for its own event type only.
import {
  defineTrigger,
  standardWebhookHeaders,
  verifyStandardWebhook,
  type WebhookRequest,
  type WebhookSpec,
} from '@weft/sdk';
import { toUser, userSchema, type ClerkUser } from '../user-shape.js';

type UserEventType = 'user.created' | 'user.updated' | 'user.deleted';

interface ClerkEvent {
  type?: unknown;
  object?: unknown;
  data?: ClerkUser;
  timestamp?: number;
  instance_id?: string;
}

/** Shared by the three triggers (the connector's `webhook`). */
export const clerkWebhook: WebhookSpec = {
  // A connection may hold several secrets, space separated, while one is being rotated.
  verify: (request, secret) =>
    verifyStandardWebhook({
      payload: request.rawBody,
      headers: request.headers,
      secret: secret.split(/\s+/).filter(Boolean),
      order: 'svix-first',
    }),
  eventId: (request) => standardWebhookHeaders(request.headers, 'svix-first').id,
  secretLabel: 'Signing secret (whsec_…)',
  instructions:
    'Clerk Dashboard → Webhooks → Add Endpoint: the flow’s webhook URL, subscribe to user.created / user.updated / ' +
    'user.deleted; copy the endpoint’s Signing Secret into the connection’s signingSecret.',
};

const eventOutput = {
  type: 'object',
  properties: {
    eventId: { type: 'string', description: 'The Svix message id, the same on every retry of this event.' },
    type: { enum: ['user.created', 'user.updated', 'user.deleted'] },
    timestamp: { type: 'integer' },
    instanceId: { type: 'string' },
    user: userSchema,
    data: { type: 'object', description: 'The user exactly as Clerk sent it.' },
  },
  required: ['eventId', 'type', 'user', 'data'],
} as const;

function userEvent(key: string, type: UserEventType, title: string, description: string) {
  return defineTrigger({
    key,
    title,
    description,
    kind: 'webhook',
    output: eventOutput,
    toEvents: (request: WebhookRequest) => {
      const event = request.body as ClerkEvent | undefined;
      if (event?.type !== type || typeof event.data?.id !== 'string') return [];
      const eventId = clerkWebhook.eventId?.(request) ?? '';
      const user = type === 'user.deleted' ? { ...toUser({ id: event.data.id }), deleted: true } : toUser(event.data);
      return [
        {
          eventId,
          type,
          ...(typeof event.timestamp === 'number' ? { timestamp: event.timestamp } : {}),
          ...(typeof event.instance_id === 'string' ? { instanceId: event.instance_id } : {}),
          user,
          data: JSON.parse(JSON.stringify(event.data)) as Record<string, never>,
        },
      ];
    },
  });
}

export const userCreated = userEvent(
  'userCreated',
  'user.created',
  'User created',
  'Fires when a user signs up or is created.',
);
export const userUpdated = userEvent(
  'userUpdated',
  'user.updated',
  'User updated',
  'Fires when a user’s profile changes.',
);
export const userDeleted = userEvent('userDeleted', 'user.deleted', 'User deleted', 'Fires when a user is deleted.');
