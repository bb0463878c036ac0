// Alerts: the rules (thresholds and windows editable by editors) and the history of alerts fired and resolved.
// Data and saving come from useAlerts; the tables are parts in pages/alerts/.
import { useSession } from '../app/session.js';
import { navigate } from '../app/router.js';
import { mayCall } from '../model/access.js';
import { Button } from '../ui/button.js';
import { Segmented } from '../ui/field.js';
import { Notice, PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { FiringList, HistoryTable } from './alerts/history-table.js';
import { RulesTable } from './alerts/rules-table.js';
import { useAlerts } from './alerts/use-alerts.js';

const TABS = [
  { value: 'rules', label: 'Rules' },
  { value: 'history', label: 'History' },
] as const;

export function AlertsPage({ tab }: { tab: 'rules' | 'history' }) {
  const { user } = useSession();
  const alerts = useAlerts(tab);
  const mayEdit = mayCall(user?.role, 'updateAlertRules');
  return (
    <main className="page" data-testid={`alerts-page-${tab}`}>
      <PageHeader
        title="Alerts"
        subtitle="Evaluated by each server process over what it saw; a condition fires once and resolves once."
        actions={
          tab === 'rules' && mayEdit && alerts.forms ? (
            <div className="page-actions">
              <Button variant="ghost" disabled={!alerts.dirty} onClick={alerts.reset}>
                Discard changes
              </Button>
              <Button variant="primary" disabled={!alerts.dirty} onClick={() => void alerts.save()} testId="save-rules">
                Save rules
              </Button>
            </div>
          ) : null
        }
      />
      <div className="ops-tabs">
        <Segmented
          label="Alerts view"
          value={tab}
          options={TABS}
          onChange={(next) => navigate(next === 'history' ? '/alerts/history' : '/alerts')}
        />
      </div>
      <ErrorNote error={alerts.error} onRetry={alerts.reload} />
      <Notice message={alerts.notice} />
      {tab === 'rules' ? (
        alerts.forms ? (
          <>
            {!mayEdit ? <p className="muted small">Only editors and owners can change the rules.</p> : null}
            <RulesTable forms={alerts.forms} problems={alerts.problems} readOnly={!mayEdit} onChange={alerts.change} />
          </>
        ) : alerts.error ? null : (
          <Spinner label="Loading alert rules" />
        )
      ) : alerts.history ? (
        <>
          <section className="ops-section" aria-labelledby="firing-title">
            <h2 id="firing-title">Firing now</h2>
            <FiringList firing={alerts.history.firing} flowName={alerts.flowName} />
          </section>
          <section className="ops-section" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            {alerts.history.items.length ? (
              <HistoryTable items={alerts.history.items} flowName={alerts.flowName} />
            ) : (
              <EmptyState title="No alerts yet">Alerts fired and resolved appear here, newest first.</EmptyState>
            )}
          </section>
        </>
      ) : alerts.error ? null : (
        <Spinner label="Loading alert history" />
      )}
    </main>
  );
}
