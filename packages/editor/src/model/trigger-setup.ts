// What a trigger needs set up beyond its settings: whether it is called at the flow's webhook URL, and whether its
// deliveries are signed, so the panel asks for the signing secret (stored in the vault as the trigger's connection).
import { findTrigger, type ConnectorManifest } from './catalog.js';
import type { JsonObject } from './flow-types.js';

export interface TriggerSetup {
  /** Called at `/hooks/<flow id>`: the panel shows that URL with a copy button. */
  webhook: boolean;
  /** Polls a source: "Listen for a test event" polls it with the draft's settings. */
  polling?: boolean;
  /** Set when deliveries are signed: what the secret is called and where the provider shows it. */
  secret?: { label: string; instructions?: string; connector: string };
}

export function triggerSetup(
  manifests: ConnectorManifest[],
  trigger: { connector: string; trigger: string; config?: JsonObject },
): TriggerSetup {
  if (trigger.connector === 'webhook@1') {
    const verify = trigger.config?.verify;
    const signed = verify === 'hmac' || verify === 'standardWebhooks';
    return signed
      ? {
          webhook: true,
          secret: {
            label: 'Signing secret',
            connector: 'webhook',
            instructions:
              verify === 'standardWebhooks'
                ? 'The whsec_… secret the sender shows for this endpoint (Standard Webhooks).'
                : 'The shared secret the sender signs each delivery with (HMAC).',
          },
        }
      : { webhook: true };
  }
  const found = findTrigger(manifests, trigger.connector, trigger.trigger);
  if (found?.trigger.kind === 'polling') return { webhook: false, polling: true };
  if (!found || found.trigger.kind !== 'webhook') return { webhook: false };
  if (found.trigger.verifiesSignature !== true) return { webhook: true };
  const { title, name, webhook } = found.manifest;
  const secret: NonNullable<TriggerSetup['secret']> = {
    label: webhook?.secretLabel ?? `${title} signing secret`,
    connector: name,
  };
  if (webhook?.instructions) secret.instructions = webhook.instructions;
  return { webhook: true, secret };
}

/** The connection the signing secret is saved as: a vault entry holding only `signingSecret`. */
export function signingSecretCredential(setup: TriggerSetup, secret: string) {
  return {
    connector: setup.secret?.connector ?? 'webhook',
    name: setup.secret?.label ?? 'Signing secret',
    kind: 'none' as const,
    values: { signingSecret: secret.trim() },
  };
}
