// The audit log page's filters: kept in the page's URL (so a filtered view can be shared and survives a reload)
// and turned into the query of GET /api/audit, leaving out what is not set.

export interface AuditFilters {
  action: string;
  actor: string;
  targetType: string;
  /** ISO times ('' when open-ended). */
  since: string;
  until: string;
}

export const AUDIT_FILTER_NAMES = ['action', 'actor', 'targetType', 'since', 'until'] as const;

export const NO_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', targetType: '', since: '', until: '' };

/** The filters a page URL's query holds (unknown parameters are ignored). */
export function auditFiltersFrom(search: URLSearchParams): AuditFilters {
  const filters = { ...NO_AUDIT_FILTERS };
  for (const name of AUDIT_FILTER_NAMES) filters[name] = (search.get(name) ?? '').trim();
  return filters;
}

/** The page URL showing these filters (and the opened entry, if any). */
export function auditPageUrl(filters: AuditFilters, entry?: string): string {
  const search = new URLSearchParams();
  for (const name of AUDIT_FILTER_NAMES) if (filters[name]) search.set(name, filters[name]);
  if (entry) search.set('entry', entry);
  const text = search.toString();
  return text ? `/audit?${text}` : '/audit';
}

export interface AuditQuery {
  action?: string;
  actor?: string;
  targetType?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit?: number;
}

/** The API query for one page of entries: set filters only, plus the cursor of the page asked for. */
export function auditQuery(filters: AuditFilters, page: { cursor?: string; limit?: number } = {}): AuditQuery {
  const query: AuditQuery = {};
  for (const name of AUDIT_FILTER_NAMES) if (filters[name]) query[name] = filters[name];
  if (page.cursor) query.cursor = page.cursor;
  if (page.limit) query.limit = page.limit;
  return query;
}

/** Why the filters cannot be applied as they are, in words, or undefined when they can. */
export function auditFiltersProblem(filters: AuditFilters): string | undefined {
  const since = filters.since ? Date.parse(filters.since) : undefined;
  const until = filters.until ? Date.parse(filters.until) : undefined;
  if (since !== undefined && Number.isNaN(since)) return 'The start of the date range is not a date.';
  if (until !== undefined && Number.isNaN(until)) return 'The end of the date range is not a date.';
  if (since !== undefined && until !== undefined && since > until)
    return 'The date range ends before it starts: swap “From” and “To”.';
  return undefined;
}

/** Whether any filter is set (the page then offers to clear them). */
export function hasAuditFilters(filters: AuditFilters): boolean {
  return AUDIT_FILTER_NAMES.some((name) => filters[name] !== '');
}

/** An ISO time as the value of a datetime-local input (local time, to the minute); '' when unset or invalid. */
export function toLocalInput(iso: string, timezoneOffsetMinutes = new Date(Date.parse(iso)).getTimezoneOffset()) {
  const ms = Date.parse(iso);
  if (!iso || Number.isNaN(ms)) return '';
  return new Date(ms - timezoneOffsetMinutes * 60_000).toISOString().slice(0, 16);
}

/** A datetime-local input's value as an ISO time ('' when cleared). */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

/** A rule of the contract's AUDIT_RULES: the action a route records, or why it records none. */
export type AuditRuleLike = { readonly action: string; readonly failure?: string } | { readonly exempt: string };

export interface Choice {
  value: string;
  label: string;
}

/**
 * The action filter's choices from the contract's audit rules: each kind of target as a prefix (`flow.`, which
 * the API reads as every flow action), then every action, failures included, sorted.
 */
export function actionChoices(rules: Readonly<Record<string, AuditRuleLike>>): Choice[] {
  const actions = new Set<string>();
  for (const rule of Object.values(rules)) {
    if ('action' in rule) actions.add(rule.action);
    if ('failure' in rule && rule.failure) actions.add(rule.failure);
  }
  const sorted = [...actions].sort();
  const prefixes = [...new Set(sorted.map((a) => a.split('.')[0]!))];
  return [
    ...prefixes.map((p) => ({ value: `${p}.`, label: `Any ${p} action` })),
    ...sorted.map((a) => ({ value: a, label: a })),
  ];
}

/**
 * The target type filter's choices: the first word of each action (the server's default target type: flow, user,
 * credential, ...) and the types of targets some actions name otherwise (an invite, for user.invite and its revoke).
 */
export function targetTypeChoices(choices: readonly Choice[], others: readonly string[] = ['invite']): Choice[] {
  const prefixes = choices.filter((c) => c.value.endsWith('.')).map((c) => c.value.slice(0, -1));
  return [...new Set([...prefixes, ...others])].sort().map((type) => ({ value: type, label: type }));
}
