import { describe, expect, it } from 'vitest';
import { mayCall, mayCallAll } from './access.js';

describe('access', () => {
  it('follows the contract: viewers read operations, operators retry dead letters, owners prune', () => {
    expect(mayCall('viewer', 'alertHistory')).toBe(true);
    expect(mayCall('viewer', 'retryDeadLetters')).toBe(false);
    expect(mayCall('operator', 'retryDeadLetters')).toBe(true);
    expect(mayCall('operator', 'updateAlertRules')).toBe(false);
    expect(mayCall('editor', 'updateAlertRules')).toBe(true);
    expect(mayCall('editor', 'retentionPrune')).toBe(false);
    expect(mayCall('owner', 'retentionPrune')).toBe(true);
  });

  it('refuses an unknown or missing role anything but public routes', () => {
    expect(mayCall(undefined, 'alertRules')).toBe(false);
    expect(mayCall('guest', 'alertRules')).toBe(false);
    expect(mayCall(undefined, 'login')).toBe(true);
  });

  it('needs every route of a page', () => {
    expect(mayCallAll('viewer', ['retention', 'deadLetters', 'webhookRejections'])).toBe(true);
    expect(mayCallAll('viewer', ['retention', 'retentionPrune'])).toBe(false);
  });
});
