// Stripe event: Stripe POSTs signed events to the flow's webhook URL. The `Stripe-Signature` header
// (`t=<seconds>,v1=<hex>[,v1=...]`) is checked over the raw body with the endpoint's signing secret, 300 s
// tolerance; during a secret roll Stripe sends one v1 per secret and any match is enough. The event id
// (`evt_...`) identifies redeliveries. Events of other types produce no events.
import { defineTrigger, verifyStripeSignature, type WebhookRequest } from '@weft/sdk';
import { DEFAULT_EVENT_PATTERNS, matchesEventType, STRIPE_EVENT_TYPES } from '../event-types.js';

interface StripeEventBody {
  id?: unknown;
  type?: unknown;
}

export const stripeEvent = defineTrigger({
  key: 'event',
  title: 'Stripe event',
  description:
    'Fires for Stripe webhook events: invoice.payment_failed, invoice.paid, customer.subscription.* and ' +
    'payment_intent.* (choose which). Other event types are ignored.',
  kind: 'webhook',
  config: {
    type: 'object',
    properties: {
      events: {
        type: 'array',
        title: 'Events',
        description: 'Event types to fire for; `family.*` selects a whole family. Default: all of them.',
        items: { enum: STRIPE_EVENT_TYPES },
        minItems: 1,
        uniqueItems: true,
      },
    },
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      object: { const: 'event' },
      type: { type: 'string' },
      created: { type: 'integer' },
      livemode: { type: 'boolean' },
      api_version: { type: ['string', 'null'] },
      data: {
        type: 'object',
        properties: { object: { type: 'object' }, previous_attributes: { type: 'object' } },
        required: ['object'],
      },
    },
    required: ['id', 'type', 'data'],
  } as const,
  verify: (request, secret) =>
    signingSecrets(secret).some((one) =>
      verifyStripeSignature({ payload: request.rawBody, header: request.headers['stripe-signature'], secret: one }),
    ),
  eventId: (request) => {
    const id = (request.body as StripeEventBody | undefined)?.id;
    return typeof id === 'string' ? id : undefined;
  },
  toEvents: (request: WebhookRequest, config?: unknown) => selectStripeEvents(request, config),
});

/**
 * The delivery's event when its type is selected. The trigger's config arrives as a second argument of
 * `toEvents` where the runtime passes it (see the README); without it every supported event fires.
 */
export function selectStripeEvents(request: WebhookRequest, config?: unknown) {
  const event = request.body;
  const type = (event as StripeEventBody | undefined)?.type;
  if (event === undefined || typeof type !== 'string') return [];
  return matchesEventType(type, configuredEvents(config)) ? [event] : [];
}

/** A secret may list several `whsec_` values (space or comma separated) while one is being rolled in Weft. */
function signingSecrets(secret: string): string[] {
  return secret.split(/[\s,]+/).filter((s) => s !== '');
}

function configuredEvents(config: unknown): readonly string[] {
  const events = (config as { events?: unknown } | undefined)?.events;
  return Array.isArray(events) && events.every((e) => typeof e === 'string') ? events : DEFAULT_EVENT_PATTERNS;
}
