// Shapes of the server's JSON API as the editor reads them: the contract's (@weft/core/contract), named for the
// editor's pages. Nothing here is declared twice.
import type { Reply } from '@weft/core/contract';
import type { Problem } from '../model/problems.js';

export type User = Reply<'me'>['user'];
export type FlowSummary = Reply<'listFlows'>['items'][number];
export type FlowRecord = Reply<'getFlow'>;
export type FlowVersion = Reply<'listVersions'>['items'][number];
export type RunSummary = Reply<'listRuns'>['items'][number];
export type RunDetail = Reply<'getRun'>;
export type LogItem = Reply<'runLogs'>['items'][number];
export type Credential = Reply<'getCredential'>;
export type StepTestResult = Reply<'testStep'>;

export type { Problem };

/** Epoch milliseconds from a time the API sent (a number) or one typed in (a date string). */
export function toTime(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
