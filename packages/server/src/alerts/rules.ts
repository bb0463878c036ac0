// Alert rules: what is watched, with the defaults operators asked for. Each rule is one kind of condition with a
// threshold and a window; `enabled: false` silences it. Rules are edited as a whole set (PUT /api/alerts/rules).
import type { ALERT_RULE_KINDS } from '@weft/core/contract';

export type AlertKind = (typeof ALERT_RULE_KINDS)[number];

export interface AlertRule {
  id: string;
  kind: AlertKind;
  enabled: boolean;
  /** flow_success_rate: the lowest acceptable rate (0..1); step_latency_p95: ms; the counts: the most allowed. */
  threshold: number;
  /** The window the condition is measured over (ignored by connection_needs_reconnect). */
  windowMs: number;
  /** flow_success_rate: finished runs needed in the window before the rate is judged (one failure is no trend). */
  minRuns?: number;
}

const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;

export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  { id: 'flow-success-rate', kind: 'flow_success_rate', enabled: true, threshold: 0.95, windowMs: HOUR, minRuns: 5 },
  { id: 'step-latency-p95', kind: 'step_latency_p95', enabled: true, threshold: 5000, windowMs: FIVE_MINUTES },
  {
    id: 'webhook-verification-failures',
    kind: 'webhook_verification_failures',
    enabled: true,
    threshold: 10,
    windowMs: HOUR,
  },
  { id: 'upstream-5xx', kind: 'upstream_5xx', enabled: true, threshold: 10, windowMs: FIVE_MINUTES },
  { id: 'connection-needs-reconnect', kind: 'connection_needs_reconnect', enabled: true, threshold: 0, windowMs: 0 },
];
