import { describe, expect, it } from 'vitest';
import type { ConnectorManifest } from './catalog.js';
import { signingSecretCredential, triggerSetup } from './trigger-setup.js';

const stripe = {
  name: 'stripe',
  version: '1.2.0',
  title: 'Stripe',
  auth: { kind: 'apiKey' },
  actions: [],
  triggers: [{ key: 'event', title: 'Stripe event', kind: 'webhook', verifiesSignature: true }],
  webhook: { secretLabel: 'Webhook signing secret (whsec_…)', instructions: 'Developers → Webhooks → Reveal' },
} satisfies ConnectorManifest;

describe('trigger setup', () => {
  it('asks for the signing secret of a signed provider webhook, with the provider’s own words', () => {
    const setup = triggerSetup([stripe], { connector: 'stripe@1', trigger: 'event' });
    expect(setup).toEqual({
      webhook: true,
      secret: {
        label: 'Webhook signing secret (whsec_…)',
        instructions: 'Developers → Webhooks → Reveal',
        connector: 'stripe',
      },
    });
    expect(signingSecretCredential(setup, ' whsec_abc ')).toEqual({
      connector: 'stripe',
      name: 'Webhook signing secret (whsec_…)',
      kind: 'none',
      values: { signingSecret: 'whsec_abc' },
    });
  });

  it('asks the built-in webhook for a secret only when it verifies signatures', () => {
    expect(triggerSetup([], { connector: 'webhook@1', trigger: 'event' })).toEqual({ webhook: true });
    expect(
      triggerSetup([], { connector: 'webhook@1', trigger: 'event', config: { verify: 'hmac' } }).secret?.label,
    ).toBe('Signing secret');
  });

  it('shows no webhook URL for a schedule or polling trigger', () => {
    expect(triggerSetup([stripe], { connector: 'schedule@1', trigger: 'cron' })).toEqual({ webhook: false });
  });

  it('marks a polling trigger, which has no webhook URL but can be listened to', () => {
    const pg = {
      name: 'postgres',
      version: '1.0.0',
      title: 'PostgreSQL',
      auth: { kind: 'basic' },
      actions: [],
      triggers: [{ key: 'newRows', title: 'New rows', kind: 'polling' }],
    } satisfies ConnectorManifest;
    expect(triggerSetup([pg], { connector: 'postgres@1', trigger: 'newRows' })).toEqual({
      webhook: false,
      polling: true,
    });
  });
});
