// Sync logs: every pass of a sync (the sync node or a connector's ctx.sync), newest first, with its counts and
// its cursor before and after; filtered by sync name (in the URL), each row linking to the run that made it.
import { useCallback, useEffect, useState } from 'react';
import type { SyncLogDto } from '@weft/core/contract';
import { call, errorMessage } from '../api/client.js';
import { navigate, useLocation } from '../app/router.js';
import { countsLine, syncLogRows, syncNames } from '../model/sync-logs.js';
import { formatDuration } from '../model/waterfall.js';
import { Button } from '../ui/button.js';
import { Field, Select } from '../ui/field.js';
import { Link } from '../ui/link.js';
import { PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, formatTime, Spinner } from '../ui/status.js';
import { Table } from '../ui/table.js';

const COLUMNS = [
  { label: 'Sync' },
  { label: 'Mode' },
  { label: 'Outcome' },
  { label: 'Records' },
  { label: 'Cursor before' },
  { label: 'Cursor after' },
  { label: 'Started' },
  { label: 'Run' },
];

export function SyncLogsPage() {
  const { search } = useLocation();
  const name = search.get('name') ?? '';
  const [logs, setLogs] = useState<SyncLogDto[]>();
  const [all, setAll] = useState<SyncLogDto[]>([]);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const [filtered, everything] = await Promise.all([
        call('syncLogs', { query: name ? { name, limit: 200 } : { limit: 200 } }),
        name ? call('syncLogs', { query: { limit: 500 } }) : undefined,
      ]);
      setLogs(filtered.items);
      setAll((everything ?? filtered).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [name]);
  useEffect(() => void load(), [load]);

  const choose = (next: string) =>
    navigate(`/sync-logs${next ? `?name=${encodeURIComponent(next)}` : ''}`, { replace: true });
  const rows = logs ? syncLogRows(logs) : undefined;

  return (
    <main className="page">
      <PageHeader
        title="Sync logs"
        subtitle="Each pass of a sync: records created, updated, deleted and failed, and the cursor it started and ended at."
        actions={<Button onClick={() => void load()}>Refresh</Button>}
      />
      <form className="filters" aria-label="Filter sync logs" onSubmit={(e) => e.preventDefault()}>
        <Field label="Sync" compact>
          <Select
            value={name}
            placeholder="All syncs"
            options={syncNames(all, name).map((n) => ({ value: n, label: n }))}
            onChange={choose}
            testId="sync-name-filter"
          />
        </Field>
      </form>
      <ErrorNote error={error} onRetry={() => void load()} />
      {!rows && !error ? <Spinner label="Loading sync logs" /> : null}
      {rows && !rows.length ? (
        <EmptyState title="No sync passes yet">
          A sync step (Sync · Sync records) or a connector’s sync writes a log here on every pass.
        </EmptyState>
      ) : null}
      {rows?.length ? (
        <Table columns={COLUMNS} testId="sync-logs-table">
          {rows.map((row) => (
            <tr key={row.key} data-testid="sync-log-row">
              <td>
                {row.name}
                <div className="muted small">{row.source}</div>
              </td>
              <td>{row.mode}</td>
              <td title={row.error}>
                <span
                  className={`badge badge-${row.outcome === 'complete' ? 'succeeded' : row.outcome === 'failed' ? 'failed' : 'cancelled'}`}
                >
                  {row.outcome}
                </span>
                <div className="muted small">
                  {row.pages} page{row.pages === 1 ? '' : 's'}
                  {row.durationMs !== undefined ? ` · ${formatDuration(row.durationMs)}` : ''}
                </div>
              </td>
              <td data-testid="sync-log-counts">{countsLine(row.counts)}</td>
              <td className="mono small">{row.cursorBefore}</td>
              <td className="mono small" data-testid="sync-log-cursor-after">
                {row.cursorAfter}
                {row.advanced ? null : <div className="muted small">unchanged</div>}
              </td>
              <td className="muted">{formatTime(row.startedAt)}</td>
              <td>
                <Link to={`/runs/${encodeURIComponent(row.runId)}`}>Open run</Link>
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </main>
  );
}
