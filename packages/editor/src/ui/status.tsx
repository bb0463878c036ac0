// Small shared pieces: status badges, empty states, inline errors, relative times, JSON blocks.
import type { ReactNode } from 'react';
import { toTime } from '../api/types.js';

const LABELS: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
  connected: 'Connected',
  needs_reconnect: 'Needs reconnect',
  error: 'Error',
  active: 'Active',
  inactive: 'Inactive',
  firing: 'Firing',
  resolved: 'Resolved',
};

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`badge badge-${status}`} data-testid={testId} data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {LABELS[status] ?? status}
    </span>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children ? <p>{children}</p> : null}
      {action}
    </div>
  );
}

export function ErrorNote({ error, onRetry }: { error: string | undefined; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert">
      <span>{error}</span>
      {onRetry ? (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function formatTime(value: number | string | null | undefined): string {
  const ms = toTime(value);
  if (ms === undefined) return '—';
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function relativeTime(value: number | string | null | undefined, now = Date.now()): string {
  const ms = toTime(value);
  if (ms === undefined) return 'never';
  const seconds = Math.round((now - ms) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days < 30 ? `${days} d ago` : new Date(ms).toLocaleDateString();
}

export function JsonBlock({ value, label, testId }: { value: unknown; label: string; testId?: string }) {
  const text = value === undefined ? '—' : JSON.stringify(value, null, 2);
  return (
    <figure className="json-block">
      <figcaption>{label}</figcaption>
      <pre tabIndex={0} data-testid={testId} aria-label={label}>
        {text}
      </pre>
    </figure>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="spinner" role="status">
      <span className="spinner-ring" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}
