// The flows list: search and filter, last run, and create / duplicate / import / export / delete. Data and
// actions come from useFlows; the table, the dialogs and the import button are parts in pages/flows/.
import { useMemo, useState } from 'react';
import type { FlowSummary } from '../api/types.js';
import { newFlow as flowStartedBy } from '../model/new-flow.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { Segmented } from '../ui/field.js';
import { Notice, PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { FlowsTable } from './flows/flows-table.js';
import { ImportButton } from './flows/import-button.js';
import { NewFlowDialog } from './flows/new-flow-dialog.js';
import { useFlows } from './flows/use-flows.js';
import { useFlowHealth } from './health/use-flow-health.js';

type Filter = 'all' | 'active' | 'inactive';
const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
] as const;

type Open = { dialog: 'new' } | { dialog: 'delete'; flow: FlowSummary } | undefined;

export function FlowsPage() {
  const list = useFlows();
  const { flows, error } = list;
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<Open>();
  const deleting = open?.dialog === 'delete' ? open.flow : undefined;
  const health = useFlowHealth(flows);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (flows ?? []).filter(
      (f) => (filter === 'all' || f.active === (filter === 'active')) && (!q || f.name.toLowerCase().includes(q)),
    );
  }, [flows, search, filter]);
  const newFlow = () => setOpen({ dialog: 'new' });

  return (
    <main className="page">
      <PageHeader
        title="Flows"
        actions={
          <div className="page-actions">
            <ImportButton onFile={(file) => void list.importFile(file)} />
            <Button variant="primary" onClick={newFlow}>
              New flow
            </Button>
          </div>
        }
      />
      <div className="toolbar-row" role="search">
        <input
          type="search"
          className="search"
          placeholder="Search flows"
          aria-label="Search flows"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Segmented label="Filter by status" value={filter} options={FILTERS} onChange={setFilter} />
      </div>
      <ErrorNote error={error} onRetry={flows ? undefined : list.reload} />
      <Notice message={list.notice} />
      {!flows && !error ? <Spinner label="Loading flows" /> : null}
      {flows && !flows.length ? (
        <EmptyState
          title="No flows yet"
          action={
            <Button variant="primary" onClick={newFlow}>
              Create your first flow
            </Button>
          }
        >
          A flow starts with a trigger — a webhook, a schedule or a manual run — and chains steps after it.
        </EmptyState>
      ) : null}
      {flows && flows.length > 0 && !shown.length ? (
        <EmptyState title="No flow matches">Try another search or status.</EmptyState>
      ) : null}
      {shown.length ? (
        <FlowsTable
          flows={shown}
          healthOf={(flow) => health.get(flow.id)}
          onDuplicate={(flow) => void list.duplicate(flow)}
          onExport={(flow) => void list.exportOne(flow)}
          onDelete={(flow) => setOpen({ dialog: 'delete', flow })}
        />
      ) : null}
      <NewFlowDialog
        open={open?.dialog === 'new'}
        onClose={() => setOpen(undefined)}
        onCreate={(name, trigger) => void list.create(flowStartedBy(name, trigger))}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete flow?"
        message={<>“{deleting?.name}” will be deleted with its versions and runs. This cannot be undone.</>}
        confirmLabel="Delete flow"
        danger
        onConfirm={() => {
          setOpen(undefined);
          if (deleting) void list.remove(deleting);
        }}
        onCancel={() => setOpen(undefined)}
      />
    </main>
  );
}
