import { describe, expect, it } from 'vitest';
import { withFallbacks, type ConnectorManifest } from './catalog.js';
import { newFlow, triggerChoices } from './new-flow.js';

const stripe = {
  name: 'stripe',
  version: '1.0.0',
  title: 'Stripe',
  auth: { kind: 'apiKey' },
  actions: [],
  triggers: [{ key: 'event', title: 'Stripe event', kind: 'webhook', description: 'A payment failed, an invoice…' }],
} satisfies ConnectorManifest;

describe('choosing the trigger of a new flow', () => {
  it('lists every trigger, the built-in webhook, schedule and manual ones first', () => {
    const choices = triggerChoices(withFallbacks([stripe]));
    expect(choices.slice(0, 3).map((c) => c.trigger?.connector)).toEqual(['webhook@1', 'schedule@1', 'manual@1']);
    expect(choices.map((c) => c.id)).toContain('trigger:stripe@1:event');
    expect(choices.every((c) => c.kind === 'trigger')).toBe(true);
  });

  it('finds a trigger by what people type', () => {
    expect(triggerChoices(withFallbacks([stripe]), 'stripe payment').map((c) => c.id)).toEqual([
      'trigger:stripe@1:event',
    ]);
  });

  it('starts the new flow with the chosen trigger', () => {
    const flow = newFlow('Failed payments', { connector: 'stripe@1', trigger: 'event' });
    expect(flow.trigger).toEqual({ id: 'trigger', connector: 'stripe@1', trigger: 'event' });
    expect(flow.name).toBe('Failed payments');
  });
});
