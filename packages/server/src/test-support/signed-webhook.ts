// The tests' own webhook connector `acme` and its signature check: an HMAC of the raw body in `x-signature`,
// as the SDK's verifyHmac reads it. Shared so each suite signs and verifies deliveries the same way.
import { defineConnector, verifyHmac, type TriggerDefinition, type WebhookRequest } from '@weft/sdk';

export function verifyXSignature(request: WebhookRequest, secret: string) {
  return verifyHmac({ payload: request.rawBody, secret, signature: request.headers['x-signature'] });
}

/** The `acme` connector with no actions and the one webhook trigger under test. */
export function acmeWebhookConnector(trigger: TriggerDefinition) {
  return defineConnector({
    name: 'acme',
    version: '1.0.0',
    title: 'Acme',
    description: 'Signed webhooks',
    actions: [],
    triggers: [trigger],
  });
}
