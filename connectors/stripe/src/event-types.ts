// The Stripe events the `event` trigger can fire for, and how a configured list (with `family.*` wildcards)
// selects among them.

export const STRIPE_EVENT_TYPES = [
  'invoice.payment_failed',
  'invoice.paid',
  'customer.subscription.*',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
  'customer.subscription.pending_update_applied',
  'customer.subscription.pending_update_expired',
  'payment_intent.*',
  'payment_intent.created',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'payment_intent.amount_capturable_updated',
  'payment_intent.partially_funded',
] as const;

export type StripeEventPattern = (typeof STRIPE_EVENT_TYPES)[number];

/** What fires when the trigger is not configured: every supported event. */
export const DEFAULT_EVENT_PATTERNS: readonly StripeEventPattern[] = [
  'invoice.payment_failed',
  'invoice.paid',
  'customer.subscription.*',
  'payment_intent.*',
];

export function matchesEventType(type: string, patterns: readonly string[]): boolean {
  const supported = DEFAULT_EVENT_PATTERNS.some((pattern) => matchesPattern(type, pattern));
  return supported && patterns.some((pattern) => matchesPattern(type, pattern));
}

function matchesPattern(type: string, pattern: string): boolean {
  return pattern.endsWith('.*')
    ? type.startsWith(pattern.slice(0, -1)) && type.length > pattern.length - 1
    : type === pattern;
}
