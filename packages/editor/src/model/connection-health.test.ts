import { describe, expect, it } from 'vitest';
import type { ConnectorHealthReport } from '@weft/core/contract';
import {
  anyUnhealthy,
  connectionHealth,
  flowHealthSummary,
  healthText,
  indexHealth,
  nodeHealthWarnings,
  sameWarnings,
} from './connection-health.js';
import type { FlowDefinition } from './flow-types.js';

const figures = (requests: number, errors: number) => ({
  status: (errors / requests >= 0.1 ? 'down' : errors / requests >= 0.01 ? 'degraded' : 'healthy') as
    'healthy' | 'degraded' | 'down',
  requests,
  errors,
  errorRate: requests ? errors / requests : 0,
});

function report(items: ConnectorHealthReport['items']): ConnectorHealthReport {
  return { windowMs: 300_000, thresholds: { degraded: 0.01, down: 0.1 }, items };
}

const stripe = (breakerOpen: boolean, connections: ConnectorHealthReport['items'][number]['connections']) => ({
  connector: 'stripe',
  ...figures(40, 12),
  breakerOpen,
  connections,
});

const flow: FlowDefinition = {
  schema: 'weft.flow/v1',
  name: 'Payments',
  trigger: { id: 'trigger', connector: 'stripe@1', trigger: 'event', credential: 'cred_hook' },
  steps: [
    { id: 'customer', use: 'stripe@1.getCustomer', credential: 'cred_bad' },
    { id: 'refund', use: 'stripe@1.createRefund', credential: 'cred_ok' },
    { id: 'notify', use: 'slack@1.postMessage', credential: 'cred_slack' },
    { id: 'shape', use: 'transform.map', config: {} },
  ],
  edges: [],
};

describe('connection health', () => {
  it('marks the nodes whose connection is degraded or down, and no other', () => {
    const index = indexHealth(
      report([
        stripe(false, [
          { credentialId: 'cred_bad', ...figures(20, 12) },
          { credentialId: 'cred_ok', ...figures(20, 0) },
        ]),
        {
          connector: 'slack',
          ...figures(100, 2),
          breakerOpen: false,
          connections: [{ credentialId: 'cred_slack', ...figures(100, 2) }],
        },
      ]),
    );
    const warnings = nodeHealthWarnings(flow, index);
    expect([...warnings.keys()]).toEqual(['customer', 'notify']);
    expect(warnings.get('customer')).toMatchObject({
      status: 'down',
      credentialId: 'cred_bad',
      connector: 'stripe',
      errors: 12,
    });
    expect(warnings.get('notify')).toMatchObject({ status: 'degraded', connector: 'slack' });
  });

  it('takes every connection of a connector whose breaker is open as down, even one without traffic', () => {
    const index = indexHealth(report([stripe(true, [{ credentialId: 'cred_ok', ...figures(20, 0) }])]));
    expect(connectionHealth(index, 'cred_ok', 'stripe')).toMatchObject({ status: 'down', breakerOpen: true });
    expect(connectionHealth(index, 'cred_unseen', 'stripe@1')).toMatchObject({ status: 'down', breakerOpen: true });
    expect(connectionHealth(index, 'cred_unseen', 'slack@1')).toBeUndefined();
    expect([...nodeHealthWarnings(flow, index).keys()]).toEqual(['trigger', 'customer', 'refund']);
    expect(anyUnhealthy(index)).toBe(true);
  });

  it('says nothing when every connection is healthy or unknown', () => {
    const index = indexHealth(report([stripe(false, [{ credentialId: 'cred_ok', ...figures(500, 1) }])]));
    expect(nodeHealthWarnings(flow, index).size).toBe(0);
    expect(flowHealthSummary(nodeHealthWarnings(flow, index))).toBeUndefined();
    expect(anyUnhealthy(index)).toBe(false);
    expect(anyUnhealthy(indexHealth(undefined))).toBe(false);
  });

  it('sums up the flow with its worst connection', () => {
    const index = indexHealth(
      report([
        stripe(false, [{ credentialId: 'cred_bad', ...figures(20, 12) }]),
        {
          connector: 'slack',
          ...figures(100, 2),
          breakerOpen: false,
          connections: [{ credentialId: 'cred_slack', ...figures(100, 2) }],
        },
      ]),
    );
    const summary = flowHealthSummary(nodeHealthWarnings(flow, index));
    expect(summary).toEqual({
      status: 'down',
      nodeIds: ['customer', 'notify'],
      text: '2 steps use 2 connections that are down — stripe: 60% errors (12 of 20 requests in 5 min).',
    });
  });

  it('tells warnings that would draw differently apart from a report that only moved elsewhere', () => {
    const slack = (errors: number) => ({
      connector: 'slack',
      ...figures(100, errors),
      breakerOpen: false,
      connections: [{ credentialId: 'cred_slack', ...figures(100, errors) }],
    });
    const bad = stripe(false, [{ credentialId: 'cred_bad', ...figures(20, 12) }]);
    const before = nodeHealthWarnings(flow, indexHealth(report([bad, slack(0)])));
    const other = indexHealth(
      report([bad, slack(0), { connector: 'github', ...figures(5, 0), breakerOpen: false, connections: [] }]),
    );
    expect(sameWarnings(before, nodeHealthWarnings(flow, other))).toBe(true);
    expect(sameWarnings(before, nodeHealthWarnings(flow, indexHealth(report([bad, slack(2)]))))).toBe(false);
    const worse = stripe(false, [{ credentialId: 'cred_bad', ...figures(20, 14) }]);
    expect(sameWarnings(before, nodeHealthWarnings(flow, indexHealth(report([worse, slack(0)]))))).toBe(false);
  });

  it('writes the figures a person reads in a tooltip', () => {
    expect(healthText({ ...figures(20, 9), breakerOpen: true, status: 'down' })).toBe(
      'Down · 45% errors (9 of 20 requests in 5 min) · circuit breaker open',
    );
    expect(healthText({ ...figures(1000, 15), breakerOpen: false })).toBe(
      'Degraded · 1.5% errors (15 of 1000 requests in 5 min)',
    );
    expect(healthText({ ...figures(0, 0), status: 'healthy', breakerOpen: false })).toBe(
      'Healthy · no requests in 5 min',
    );
  });
});
