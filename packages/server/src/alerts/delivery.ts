// Where alert notices go: as an `alert` event to every active flow started by the built-in alert trigger
// (`alert@1` / `fired`: the flow routes it to Slack, email, ... with the usual connectors), and optionally as a
// JSON POST to a plain webhook URL (WEFT_ALERT_WEBHOOK_URL, set by the operator; 5 s timeout, not retried).
import type { Store } from '@weft/store';
import type { Logger } from 'pino';
import type { FlowCache } from '../runs/flow-cache.js';
import type { AlertNotice } from './engine.js';

export const ALERT_TRIGGER = { connector: 'alert@1', trigger: 'fired' } as const;

export function alertDelivery(options: {
  store: Store;
  flowCache: FlowCache;
  wake: () => void;
  logger: Logger;
  webhookUrl?: string;
}): (notice: AlertNotice) => Promise<void> {
  return async (notice) => {
    let queued = 0;
    for (const flow of await options.store.flows.list()) {
      if (!flow.active) continue;
      const live = await options.flowCache.getLive(flow.id);
      const trigger = live?.definition.trigger;
      if (trigger?.connector !== ALERT_TRIGGER.connector || trigger.trigger !== ALERT_TRIGGER.trigger) continue;
      await options.store.runs.create({ flowId: flow.id, triggerKind: 'alert', input: { ...notice } });
      queued++;
    }
    if (queued > 0) options.wake();
    if (options.webhookUrl) {
      const response = await fetch(options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Weft alerts' },
        body: JSON.stringify(notice),
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) options.logger.warn({ status: response.status }, 'the alert webhook refused a notice');
    }
  };
}
