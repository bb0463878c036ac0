// The audit log's filters: URL in, API query out, empty filters left out, impossible ranges explained.
import { describe, expect, it } from 'vitest';
import {
  actionChoices,
  auditFiltersFrom,
  auditFiltersProblem,
  auditPageUrl,
  auditQuery,
  fromLocalInput,
  hasAuditFilters,
  NO_AUDIT_FILTERS,
  targetTypeChoices,
  toLocalInput,
} from './audit-filters.js';

describe('audit filters', () => {
  it('reads the filters from the page URL and ignores other parameters', () => {
    const filters = auditFiltersFrom(new URLSearchParams('action=user.role_changed&actor=%20u1%20&entry=a1&x=1'));
    expect(filters).toEqual({ ...NO_AUDIT_FILTERS, action: 'user.role_changed', actor: 'u1' });
  });

  it('writes only the set filters (and the opened entry) back into the URL', () => {
    expect(auditPageUrl(NO_AUDIT_FILTERS)).toBe('/audit');
    expect(auditPageUrl({ ...NO_AUDIT_FILTERS, targetType: 'user' }, 'e 1')).toBe('/audit?targetType=user&entry=e+1');
  });

  it('round-trips through the URL', () => {
    const filters = {
      action: 'flow.update',
      actor: 'u1',
      targetType: 'flow',
      since: '2026-01-01T00:00:00.000Z',
      until: '',
    };
    const url = new URL(auditPageUrl(filters), 'http://x');
    expect(auditFiltersFrom(url.searchParams)).toEqual(filters);
  });

  it('asks the API for set filters and the page cursor only', () => {
    expect(auditQuery(NO_AUDIT_FILTERS, { limit: 50 })).toEqual({ limit: 50 });
    expect(
      auditQuery({ ...NO_AUDIT_FILTERS, actor: 'u1', since: '2026-01-01T00:00:00.000Z' }, { cursor: 'c2' }),
    ).toEqual({
      actor: 'u1',
      since: '2026-01-01T00:00:00.000Z',
      cursor: 'c2',
    });
  });

  it('explains a range that ends before it starts, and accepts open ranges', () => {
    const range = { ...NO_AUDIT_FILTERS, since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' };
    expect(auditFiltersProblem(range)).toMatch(/ends before it starts/);
    expect(auditFiltersProblem({ ...range, until: '' })).toBeUndefined();
    expect(auditFiltersProblem({ ...range, since: 'soon' })).toMatch(/not a date/);
  });

  it('knows whether anything is filtered', () => {
    expect(hasAuditFilters(NO_AUDIT_FILTERS)).toBe(false);
    expect(hasAuditFilters({ ...NO_AUDIT_FILTERS, until: '2026-01-01T00:00:00Z' })).toBe(true);
  });

  it('shows ISO times in a datetime-local input and reads them back', () => {
    expect(toLocalInput('2026-03-04T05:06:00.000Z', 0)).toBe('2026-03-04T05:06');
    expect(toLocalInput('2026-03-04T05:06:00.000Z', -60)).toBe('2026-03-04T06:06');
    expect(toLocalInput('', 0)).toBe('');
    expect(fromLocalInput('')).toBe('');
    expect(Date.parse(fromLocalInput('2026-03-04T05:06'))).toBe(new Date('2026-03-04T05:06').getTime());
  });
});

describe('audit filter choices', () => {
  const rules = {
    login: { action: 'auth.sign_in', failure: 'auth.sign_in_failed' },
    saveFlow: { action: 'flow.update' },
    createFlow: { action: 'flow.create' },
    changeRole: { action: 'user.role_change' },
    webhook: { exempt: 'a run records it' },
  };

  it('offers every kind of action as a prefix, then each action and failure once', () => {
    expect(actionChoices(rules).map((c) => c.value)).toEqual([
      'auth.',
      'flow.',
      'user.',
      'auth.sign_in',
      'auth.sign_in_failed',
      'flow.create',
      'flow.update',
      'user.role_change',
    ]);
  });

  it('offers target types from the kinds of actions, and invites', () => {
    expect(targetTypeChoices(actionChoices(rules)).map((c) => c.value)).toEqual(['auth', 'flow', 'invite', 'user']);
    expect(targetTypeChoices(actionChoices(rules), ['user']).map((c) => c.value)).toEqual(['auth', 'flow', 'user']);
  });
});
