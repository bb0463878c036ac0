// The flows list: search and filter, last run, and create / duplicate / import / export / delete.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { FlowRecord, FlowSummary } from '../api/types.js';
import { navigate } from '../app/router.js';
import { duplicateDefinition } from '../model/flow-edit.js';
import { exportFileName, exportFlow, importFlow } from '../model/flow-file.js';
import { emptyFlow } from '../model/flow-types.js';
import { ConfirmDialog, Dialog } from '../ui/dialog.js';
import { downloadText } from '../ui/download.js';
import { Link } from '../ui/link.js';
import { EmptyState, ErrorNote, relativeTime, Spinner, StatusBadge } from '../ui/status.js';

type Filter = 'all' | 'active' | 'inactive';

function triggerLabel(trigger: FlowSummary['trigger']): string {
  return trigger.replace(/@\d+$/, '');
}

export function FlowsPage() {
  const [flows, setFlows] = useState<FlowSummary[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FlowSummary>();
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    setError(undefined);
    api
      .get<{ items: FlowSummary[] }>('/api/flows')
      .then((body) => setFlows(body.items))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (flows ?? []).filter(
      (f) => (filter === 'all' || f.active === (filter === 'active')) && (!q || f.name.toLowerCase().includes(q)),
    );
  }, [flows, search, filter]);

  async function create(definition: FlowRecord['definition']) {
    try {
      const flow = await api.post<FlowRecord>('/api/flows', { definition });
      navigate(`/flows/${encodeURIComponent(flow.id)}`);
    } catch (e) {
      const problems = e instanceof ApiError ? e.problems : [];
      setError(problems.length ? `${errorMessage(e)} ${problems.map((p) => p.message).join('; ')}` : errorMessage(e));
    }
  }

  async function duplicate(summary: FlowSummary) {
    try {
      const flow = await api.get<FlowRecord>(`/api/flows/${encodeURIComponent(summary.id)}`);
      const copy = await api.post<FlowRecord>('/api/flows', { definition: duplicateDefinition(flow.definition) });
      setNotice(`Created “${copy.name}”.`);
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function exportOne(summary: FlowSummary) {
    try {
      const flow = await api.get<FlowRecord>(`/api/flows/${encodeURIComponent(summary.id)}`);
      downloadText(exportFileName(flow.definition), exportFlow(flow.definition));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function confirmDelete() {
    const target = deleting;
    setDeleting(undefined);
    if (!target) return;
    try {
      await api.delete(`/api/flows/${encodeURIComponent(target.id)}`);
      setNotice(`Deleted “${target.name}”.`);
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function importFile(file: File) {
    const result = importFlow(await file.text());
    if (!result.ok) {
      setError(`Cannot import ${file.name}: ${result.error}`);
      return;
    }
    await create(result.flow);
  }

  return (
    <main className="page">
      <div className="page-header">
        <h1>Flows</h1>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => fileInput.current?.click()}>
            Import
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            data-testid="import-file"
            aria-label="Import a flow file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New flow
          </button>
        </div>
      </div>
      <div className="toolbar-row" role="search">
        <input
          type="search"
          className="search"
          placeholder="Search flows"
          aria-label="Search flows"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="segmented" role="group" aria-label="Filter by status">
          {(['all', 'active', 'inactive'] as const).map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              className={filter === f ? 'on' : ''}
              onClick={() => setFilter(f)}
            >
              {f === 'all' ? 'All' : f === 'active' ? 'Active' : 'Inactive'}
            </button>
          ))}
        </div>
      </div>
      <ErrorNote error={error} onRetry={flows ? undefined : load} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {!flows && !error ? <Spinner label="Loading flows" /> : null}
      {flows && !flows.length ? (
        <EmptyState
          title="No flows yet"
          action={
            <button type="button" className="button primary" onClick={() => setCreating(true)}>
              Create your first flow
            </button>
          }
        >
          A flow starts with a trigger — a webhook, a schedule or a manual run — and chains steps after it.
        </EmptyState>
      ) : null}
      {flows && flows.length > 0 && !shown.length ? (
        <EmptyState title="No flow matches">Try another search or status.</EmptyState>
      ) : null}
      {shown.length ? (
        <table className="table" data-testid="flows-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Trigger</th>
              <th scope="col">Status</th>
              <th scope="col">Last run</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((flow) => (
              <tr key={flow.id} data-testid={`flow-row-${flow.id}`}>
                <td>
                  <Link to={`/flows/${encodeURIComponent(flow.id)}`} className="strong">
                    {flow.name}
                  </Link>
                  {flow.activeVersion ? <span className="muted small"> · v{flow.activeVersion}</span> : null}
                </td>
                <td className="muted">{triggerLabel(flow.trigger)}</td>
                <td>
                  <StatusBadge status={flow.active ? 'active' : 'inactive'} />
                </td>
                <td>
                  {flow.lastRun ? (
                    <Link to={`/runs/${encodeURIComponent(flow.lastRun.id)}`}>
                      <StatusBadge status={flow.lastRun.status} />{' '}
                      <span className="muted small">{relativeTime(flow.lastRun.createdAt)}</span>
                    </Link>
                  ) : (
                    <span className="muted">No runs</span>
                  )}
                </td>
                <td className="muted">{relativeTime(flow.updatedAt)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => void duplicate(flow)}
                    aria-label={`Duplicate ${flow.name}`}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => void exportOne(flow)}
                    aria-label={`Export ${flow.name}`}
                  >
                    Export
                  </button>
                  <button
                    type="button"
                    className="button ghost small danger-text"
                    onClick={() => setDeleting(flow)}
                    aria-label={`Delete ${flow.name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <NewFlowDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreate={(name) => void create(emptyFlow(name))}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete flow?"
        message={<>“{deleting?.name}” will be deleted with its versions and runs. This cannot be undone.</>}
        confirmLabel="Delete flow"
        danger
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(undefined)}
      />
    </main>
  );
}

function NewFlowDialog({
  open,
  onClose,
  onCreate,
}: {
  open: boolean;
  onClose: () => void;
  onCreate: (name: string) => void;
}) {
  const [name, setName] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    onCreate(name.trim());
    onClose();
    setName('');
  }
  return (
    <Dialog open={open} title="New flow" onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span className="field-label">Name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            autoFocus
            placeholder="e.g. New order to Slack"
          />
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Create flow
          </button>
        </div>
      </form>
    </Dialog>
  );
}
