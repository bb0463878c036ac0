import { describe, expect, it } from 'vitest';
import type { AlertNoticeDto, AlertRuleDto } from '@weft/core/contract';
import { fromForms, noticeLink, noticeSubject, noticeValue, ruleSentence, toForm } from './alert-rules.js';

const DEFAULTS: AlertRuleDto[] = [
  {
    id: 'flow-success-rate',
    kind: 'flow_success_rate',
    enabled: true,
    threshold: 0.95,
    windowMs: 3_600_000,
    minRuns: 5,
  },
  { id: 'step-latency-p95', kind: 'step_latency_p95', enabled: true, threshold: 5000, windowMs: 300_000 },
  { id: 'upstream-5xx', kind: 'upstream_5xx', enabled: true, threshold: 10, windowMs: 300_000 },
  { id: 'connection-needs-reconnect', kind: 'connection_needs_reconnect', enabled: true, threshold: 0, windowMs: 0 },
];

describe('alert rules in the form', () => {
  it('round-trips every rule unchanged through the form', () => {
    const result = fromForms(DEFAULTS.map(toForm));
    expect(result).toEqual({ rules: DEFAULTS });
  });

  it('shows a success rate as a percent and the window in minutes, and saves them back in the API units', () => {
    const form = toForm(DEFAULTS[0]!);
    expect(form).toMatchObject({ threshold: '95', windowMinutes: '60', minRuns: '5' });
    const result = fromForms([{ ...form, threshold: '99.5', windowMinutes: '15', minRuns: '', enabled: false }]);
    expect(result).toEqual({
      rules: [
        { id: 'flow-success-rate', kind: 'flow_success_rate', enabled: false, threshold: 0.995, windowMs: 900_000 },
      ],
    });
  });

  it('names each wrong field of each rule instead of saving', () => {
    const forms = DEFAULTS.map(toForm);
    forms[0] = { ...forms[0]!, threshold: '120' };
    forms[2] = { ...forms[2]!, threshold: '2.5', windowMinutes: 'soon', minRuns: '0' };
    const result = fromForms(forms);
    expect(result).toEqual({
      problems: {
        'flow-success-rate': { threshold: 'Enter a percentage from 0 to 100.' },
        'upstream-5xx': {
          threshold: 'Enter a whole number, 0 or more.',
          windowMinutes: 'Enter minutes from 0 to 1440.',
          minRuns: 'Enter a whole number, 1 or more, or leave it empty.',
        },
      },
    });
  });

  it('describes rules and notices in words', () => {
    expect(ruleSentence(DEFAULTS[2]!)).toBe("A connector's upstream answered 5xx more than 10 times in 5 min");
    expect(ruleSentence(DEFAULTS[0]!)).toBe(
      "A flow's success rate is below 95% over 60 min (at least 5 finished runs)",
    );
    const notice: AlertNoticeDto = {
      ruleId: 'upstream-5xx',
      kind: 'upstream_5xx',
      subject: 'stripe',
      state: 'firing',
      value: 14,
      threshold: 10,
      message: 'stripe answered 14 times with a 5xx over 5 min (more than 10)',
      at: '2026-11-30T06:00:00.000Z',
    };
    expect(noticeSubject(notice)).toBe('Connector stripe');
    expect(noticeValue(notice)).toBe('14 5xx answers');
    expect(noticeLink(notice)).toBe('/connections');
    const flowNotice = { ...notice, kind: 'flow_success_rate' as const, subject: 'flow_1', value: 0.25 };
    expect(noticeLink(flowNotice)).toBe('/flows/flow_1');
    expect(noticeValue(flowNotice)).toBe('25% succeeded');
    expect(noticeSubject(flowNotice)).toBe('Flow flow_1');
    expect(noticeSubject(flowNotice, (id) => (id === 'flow_1' ? 'Payments' : undefined))).toBe('Flow Payments');
    expect(noticeSubject({ ...notice, kind: 'step_latency_p95', subject: 'weft' })).toBe('This server');
  });
});
