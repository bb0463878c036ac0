// Where the alert engine keeps its rules, history and open alerts: the store (durable: edited rules and open
// alerts survive a restart, so a condition still holding does not fire again) or memory (tests, minimal setups).
import type { JsonObject, JsonValue } from '@weft/core';
import type { AlertRepository } from '@weft/store';
import { ALERT_RULE_KINDS } from '@weft/core/contract';
import type { AlertNotice } from './engine.js';
import type { AlertRule } from './rules.js';

export interface AlertBook {
  rules(): Promise<AlertRule[] | undefined>;
  saveRules(rules: readonly AlertRule[]): Promise<void>;
  record(notice: AlertNotice): Promise<void>;
  history(limit: number): Promise<AlertNotice[]>;
  firing(): Promise<AlertNotice[]>;
}

const kindOf = (value: JsonValue | undefined) => ALERT_RULE_KINDS.find((kind) => kind === value);

function ruleOf(json: JsonObject): AlertRule | undefined {
  const kind = kindOf(json.kind);
  const { id, enabled, threshold, windowMs, minRuns } = json;
  if (!kind || typeof id !== 'string' || typeof enabled !== 'boolean') return undefined;
  if (typeof threshold !== 'number' || typeof windowMs !== 'number') return undefined;
  return { id, kind, enabled, threshold, windowMs, ...(typeof minRuns === 'number' ? { minRuns } : {}) };
}

function noticeOf(json: JsonObject): AlertNotice | undefined {
  const kind = kindOf(json.kind);
  const { ruleId, subject, state, value, threshold, message, at } = json;
  if (!kind || typeof ruleId !== 'string' || typeof subject !== 'string') return undefined;
  if (state !== 'firing' && state !== 'resolved') return undefined;
  if (typeof value !== 'number' || typeof threshold !== 'number') return undefined;
  if (typeof message !== 'string' || typeof at !== 'string') return undefined;
  return { ruleId, kind, subject, state, value, threshold, message, at };
}

const defined = <T>(items: (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);

export function storeAlertBook(alerts: AlertRepository): AlertBook {
  return {
    async rules() {
      const stored = await alerts.rules();
      return stored && defined(stored.map(ruleOf));
    },
    saveRules: (rules) => alerts.saveRules(rules.map((rule) => ({ ...rule }))),
    record: (notice) => alerts.record({ ...notice }, Date.parse(notice.at)),
    history: async (limit) => defined((await alerts.history(limit)).map(noticeOf)),
    firing: async () => defined((await alerts.firing()).map(noticeOf)),
  };
}

export const MAX_MEMORY_HISTORY = 1000;

export function memoryAlertBook(): AlertBook {
  let rules: AlertRule[] | undefined;
  const history: AlertNotice[] = [];
  return {
    rules: async () => rules?.map((rule) => ({ ...rule })),
    saveRules: async (next) => void (rules = next.map((rule) => ({ ...rule }))),
    async record(notice) {
      history.push(notice);
      if (history.length > MAX_MEMORY_HISTORY) history.splice(0, history.length - MAX_MEMORY_HISTORY);
    },
    history: async (limit) => history.slice(-limit).reverse(),
    async firing() {
      const latest = new Map<string, AlertNotice>();
      for (const notice of history) latest.set(`${notice.ruleId}|${notice.subject}`, notice);
      return [...latest.values()].filter((notice) => notice.state === 'firing');
    },
  };
}
