// The Operations page's logic: the retention policy in words, the selection of dead letters for a bulk retry
// (at most 100 per request, as the API takes) and what a retry did, and the rejected webhooks summed by reason.
import type { Reply, RetentionSettings, WebhookRejection } from '@weft/core/contract';

export type DeadLetter = Reply<'deadLetters'>['items'][number];
export type RetryResult = Reply<'retryDeadLetters'>;

/** The API's cap on runs named in one bulk retry. */
export const MAX_BULK_RETRY = 100;

export interface RetentionRow {
  what: string;
  rule: string;
  variable: string;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

export function retentionRows(settings: RetentionSettings): RetentionRow[] {
  const { policy } = settings;
  return [
    {
      what: 'Succeeded and cancelled runs',
      rule: policy.maxAgeDays ? `deleted after ${days(policy.maxAgeDays)}` : 'kept',
      variable: 'WEFT_RETENTION_DAYS',
    },
    {
      what: 'Failed runs',
      rule: policy.failedMaxAgeDays ? `deleted after ${days(policy.failedMaxAgeDays)}` : 'kept',
      variable: 'WEFT_RETENTION_FAILED_DAYS',
    },
    {
      what: 'Test runs (from the editor)',
      rule: policy.testMaxAgeDays ? `deleted after ${days(policy.testMaxAgeDays)}` : 'as other runs',
      variable: 'WEFT_RETENTION_TEST_DAYS',
    },
    {
      what: 'Succeeded and cancelled runs per flow',
      rule: policy.maxRunsPerFlow ? `the newest ${policy.maxRunsPerFlow.toLocaleString('en')} kept` : 'no cap',
      variable: 'WEFT_RETENTION_MAX_RUNS_PER_FLOW',
    },
  ];
}

/** "Every 10 min, in batches of 100 runs" */
export function retentionSchedule(settings: RetentionSettings): string {
  const minutes = settings.intervalMs / 60_000;
  const every = minutes >= 1 ? `${Math.round(minutes * 10) / 10} min` : `${Math.round(settings.intervalMs / 1000)} s`;
  return `Every ${every}, in batches of ${settings.batchSize} runs`;
}

/** The last pass in words, or why there is none. */
export function lastPassText(settings: RetentionSettings): string {
  const pass = settings.lastPass;
  if (!pass) return 'No pass yet since the server started.';
  if (pass.error) return `The last pass failed: ${pass.error}`;
  const runs = `${pass.deleted} run${pass.deleted === 1 ? '' : 's'} deleted`;
  return pass.pagesReclaimed ? `${runs}, ${pass.pagesReclaimed} pages reclaimed.` : `${runs}.`;
}

/** Toggles one id in a selection (a new set: React state). */
export function toggle(selection: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selection);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** Select all shown, or clear when all are already selected. */
export function toggleAll(selection: ReadonlySet<string>, shown: readonly { id: string }[]): Set<string> {
  const all = shown.length > 0 && shown.every((item) => selection.has(item.id));
  return all ? new Set() : new Set(shown.map((item) => item.id));
}

/** The bulk retry requests for a selection, in the order shown, at most MAX_BULK_RETRY ids each. */
export function retryBatches(selection: ReadonlySet<string>, shown: readonly { id: string }[]): string[][] {
  const ids = shown.map((item) => item.id).filter((id) => selection.has(id));
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_BULK_RETRY) batches.push(ids.slice(i, i + MAX_BULK_RETRY));
  return batches;
}

/** What the retries did, summed over the batches. */
export function retrySummary(results: readonly RetryResult[]): string {
  const retried = results.reduce((n, r) => n + r.retried.length, 0);
  const skipped = results.reduce((n, r) => n + r.skipped.length, 0);
  const parts = [`Retried ${retried} run${retried === 1 ? '' : 's'}.`];
  if (skipped)
    parts.push(`${skipped} ${skipped === 1 ? 'was' : 'were'} skipped (no longer a dead letter: retried or deleted).`);
  return parts.join(' ');
}

/** Rejections counted by reason, most frequent first. */
export function rejectionReasons(items: readonly WebhookRejection[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
