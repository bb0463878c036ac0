// The audit log (operators and owners): who changed what, when and from where, filtered by action, actor, target
// type and dates (kept in the URL), newest first, with the opened entry's detail beside the list.
import { AUDIT_RULES } from '@weft/core/contract';
import { navigate, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import {
  actionChoices,
  auditFiltersFrom,
  auditPageUrl,
  hasAuditFilters,
  NO_AUDIT_FILTERS,
  targetTypeChoices,
} from '../model/audit-filters.js';
import { canSee } from '../model/team.js';
import { Button } from '../ui/button.js';
import { PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { AuditDetail } from './audit/audit-detail.js';
import { AuditFiltersForm } from './audit/audit-filters-form.js';
import { AuditTable } from './audit/audit-table.js';
import { useAuditLog } from './audit/use-audit-log.js';
import '../styles/teams.css';

const ACTIONS = actionChoices(AUDIT_RULES);
const TARGET_TYPES = targetTypeChoices(ACTIONS);

export function AuditPage() {
  const { user } = useSession();
  if (!canSee(user?.role, 'audit'))
    return (
      <main className="page">
        <EmptyState title="The audit log is for operators and owners" />
      </main>
    );
  return <AuditLogView />;
}

function AuditLogView() {
  const { search } = useLocation();
  const filters = auditFiltersFrom(search);
  const entryId = search.get('entry') ?? undefined;
  const log = useAuditLog(filters, entryId);

  return (
    <main className={`page${entryId ? ' with-aside' : ''}`}>
      <PageHeader title="Audit log" subtitle="Every change made through the API, newest first." />
      <AuditFiltersForm
        filters={filters}
        actions={ACTIONS}
        targetTypes={TARGET_TYPES}
        onChange={(name, value) => navigate(auditPageUrl({ ...filters, [name]: value }), { replace: true })}
        onClear={
          hasAuditFilters(filters) ? () => navigate(auditPageUrl(NO_AUDIT_FILTERS), { replace: true }) : undefined
        }
      />
      <ErrorNote error={log.error} onRetry={log.reload} />
      <div className="audit-layout">
        <div className="audit-list">
          {!log.entries ? <Spinner label="Loading the audit log" /> : null}
          {log.entries && !log.entries.length && !log.error ? (
            <EmptyState title="No entries">
              {hasAuditFilters(filters) ? 'Nothing matches these filters.' : null}
            </EmptyState>
          ) : null}
          {log.entries?.length ? (
            <AuditTable
              entries={log.entries}
              opened={entryId}
              onOpen={(entry) => navigate(auditPageUrl(filters, entry.id), { replace: true })}
            />
          ) : null}
          {log.hasMore ? (
            <div className="load-more">
              <Button onClick={() => void log.more()} disabled={log.loadingMore}>
                {log.loadingMore ? 'Loading…' : 'Older entries'}
              </Button>
            </div>
          ) : null}
        </div>
        {log.opened ? (
          <AuditDetail entry={log.opened} onClose={() => navigate(auditPageUrl(filters), { replace: true })} />
        ) : null}
      </div>
    </main>
  );
}
