// Alert rules as the Alerts page edits them: each kind's meaning and threshold unit (a rate shown as a percent,
// milliseconds, a count), rules turned into form values and back with every mistake named per field, and the
// wording of the notices in the history.
import type { AlertNoticeDto, AlertRuleDto } from '@weft/core/contract';

export type AlertKind = AlertRuleDto['kind'];

interface KindInfo {
  title: string;
  /** What the threshold means, with its unit, for the form label. */
  thresholdLabel: string;
  /** The unit shown after the threshold's input. */
  unit: string;
  /** Threshold as stored → as typed (a rate becomes a percent). */
  toForm(threshold: number): string;
  /** Typed → stored, or the problem. */
  fromForm(text: string): number | string;
  /** Whether the threshold and window matter for this kind. */
  measured: boolean;
  /** A notice's value as a person reads it. */
  value(value: number): string;
}

const number = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
};

const count = (what: string): Omit<KindInfo, 'title'> => ({
  thresholdLabel: `More than (${what})`,
  unit: what,
  toForm: (t) => String(t),
  fromForm: (text) => {
    const value = number(text);
    return value === undefined || value < 0 || !Number.isInteger(value) ? 'Enter a whole number, 0 or more.' : value;
  },
  measured: true,
  value: (v) => `${v} ${what}`,
});

export const ALERT_KINDS: Record<AlertKind, KindInfo> = {
  flow_success_rate: {
    title: 'Flow success rate',
    thresholdLabel: 'Below (% of runs succeeded)',
    unit: '% succeeded',
    toForm: (t) => String(Math.round(t * 10_000) / 100),
    fromForm: (text) => {
      const value = number(text);
      return value === undefined || value < 0 || value > 100 ? 'Enter a percentage from 0 to 100.' : value / 100;
    },
    measured: true,
    value: (v) => `${Math.round(v * 1000) / 10}% succeeded`,
  },
  step_latency_p95: {
    title: 'Step latency (p95)',
    thresholdLabel: 'Above (milliseconds)',
    unit: 'ms',
    toForm: (t) => String(t),
    fromForm: (text) => {
      const value = number(text);
      return value === undefined || value < 0 ? 'Enter milliseconds, 0 or more.' : value;
    },
    measured: true,
    value: (v) => `${v} ms`,
  },
  webhook_verification_failures: { title: 'Webhook verification failures', ...count('refused deliveries') },
  upstream_5xx: { title: 'Upstream 5xx answers', ...count('5xx answers') },
  connection_needs_reconnect: {
    title: 'Connection needs reconnecting',
    thresholdLabel: 'Threshold (not used)',
    unit: '',
    toForm: (t) => String(t),
    fromForm: (text) => number(text) ?? 0,
    measured: false,
    value: () => 'needs reconnect',
  },
};

export interface RuleForm {
  id: string;
  kind: AlertKind;
  enabled: boolean;
  threshold: string;
  /** The window in minutes. */
  windowMinutes: string;
  /** At least this many finished runs (flow success rate); empty: any. */
  minRuns: string;
}

export function toForm(rule: AlertRuleDto): RuleForm {
  return {
    id: rule.id,
    kind: rule.kind,
    enabled: rule.enabled,
    threshold: ALERT_KINDS[rule.kind].toForm(rule.threshold),
    windowMinutes: String(Math.round((rule.windowMs / 60_000) * 100) / 100),
    minRuns: rule.minRuns === undefined ? '' : String(rule.minRuns),
  };
}

export type FormProblems = Record<string, Partial<Record<'threshold' | 'windowMinutes' | 'minRuns', string>>>;

/** The rules to save, or the problems by rule id and field. */
export function fromForms(forms: readonly RuleForm[]): { rules: AlertRuleDto[] } | { problems: FormProblems } {
  const problems: FormProblems = {};
  const rules: AlertRuleDto[] = [];
  for (const form of forms) {
    const info = ALERT_KINDS[form.kind];
    const found: FormProblems[string] = {};
    const threshold = info.fromForm(form.threshold);
    if (typeof threshold === 'string') found.threshold = threshold;
    const minutes = number(form.windowMinutes);
    const windowMs = minutes === undefined ? undefined : Math.round(minutes * 60_000);
    if (windowMs === undefined || windowMs < 0 || windowMs > 86_400_000)
      found.windowMinutes = 'Enter minutes from 0 to 1440.';
    const minRuns = form.minRuns.trim() ? number(form.minRuns) : undefined;
    if (form.minRuns.trim() && (minRuns === undefined || minRuns < 1 || !Number.isInteger(minRuns)))
      found.minRuns = 'Enter a whole number, 1 or more, or leave it empty.';
    if (Object.keys(found).length) {
      problems[form.id] = found;
      continue;
    }
    rules.push({
      id: form.id,
      kind: form.kind,
      enabled: form.enabled,
      threshold: threshold as number,
      windowMs: windowMs!,
      ...(minRuns === undefined ? {} : { minRuns }),
    });
  }
  return Object.keys(problems).length ? { problems } : { rules };
}

/** "fires when a connector's upstream answered 5xx more than 10 times in 5 min" */
export function ruleSentence(rule: AlertRuleDto): string {
  const minutes = `${Math.round((rule.windowMs / 60_000) * 100) / 100} min`;
  switch (rule.kind) {
    case 'flow_success_rate':
      return `A flow's success rate is below ${ALERT_KINDS.flow_success_rate.toForm(rule.threshold)}% over ${minutes}${rule.minRuns ? ` (at least ${rule.minRuns} finished runs)` : ''}`;
    case 'step_latency_p95':
      return `The p95 of step durations is above ${rule.threshold} ms over ${minutes}`;
    case 'webhook_verification_failures':
      return `More than ${rule.threshold} deliveries refused with 401 in ${minutes}`;
    case 'upstream_5xx':
      return `A connector's upstream answered 5xx more than ${rule.threshold} times in ${minutes}`;
    case 'connection_needs_reconnect':
      return 'A connection needs to be reconnected';
  }
}

/** What a notice is about, for the history's subject column; flows by name when known. */
export function noticeSubject(notice: AlertNoticeDto, flowName?: (id: string) => string | undefined): string {
  if (notice.subject === 'weft') return 'This server';
  switch (notice.kind) {
    case 'flow_success_rate':
      return `Flow ${flowName?.(notice.subject) ?? notice.subject}`;
    case 'upstream_5xx':
      return `Connector ${notice.subject}`;
    case 'connection_needs_reconnect':
      return `Connection ${notice.subject}`;
    default:
      return notice.subject;
  }
}

/** The link a notice's subject opens, when there is a page for it. */
export function noticeLink(notice: AlertNoticeDto): string | undefined {
  if (notice.kind === 'flow_success_rate') return `/flows/${encodeURIComponent(notice.subject)}`;
  if (notice.kind === 'upstream_5xx' || notice.kind === 'connection_needs_reconnect') return '/connections';
  return undefined;
}

export function noticeValue(notice: AlertNoticeDto): string {
  return ALERT_KINDS[notice.kind].value(notice.value);
}
