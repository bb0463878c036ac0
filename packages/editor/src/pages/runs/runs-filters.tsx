// The run history's filter form: flow, status and a time window. The values live in the URL (the page owns
// them); this form only shows and changes them.
import type { FlowSummary } from '../../api/types.js';
import { Field, Select } from '../../ui/field.js';

export interface RunFilters {
  flow: string;
  status: string;
  since: string;
  until: string;
}

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => ({ value: s, label: s }));

/** An ISO time as the value of a datetime-local input (local time, minutes). */
export function toInputTime(iso: string | null): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

const fromInputTime = (value: string) => (value ? new Date(value).toISOString() : '');

/** One end of the time range: a local date-time input over an ISO value ('' when cleared). */
function TimeField({ label, value, onChange }: { label: string; value: string; onChange: (iso: string) => void }) {
  return (
    <Field label={label} compact>
      <input
        className="input"
        type="datetime-local"
        value={toInputTime(value)}
        onChange={(e) => onChange(fromInputTime(e.target.value))}
      />
    </Field>
  );
}

export function RunsFilters({
  filters,
  flows,
  onChange,
}: {
  filters: RunFilters;
  flows: FlowSummary[];
  onChange: (name: keyof RunFilters, value: string) => void;
}) {
  return (
    <form className="filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
      <Field label="Flow" compact>
        <Select
          value={filters.flow}
          placeholder="All flows"
          options={flows.map((f) => ({ value: f.id, label: f.name }))}
          onChange={(value) => onChange('flow', value)}
          testId="filter-flow"
        />
      </Field>
      <Field label="Status" compact>
        <Select
          value={filters.status}
          placeholder="Any status"
          options={STATUSES}
          onChange={(value) => onChange('status', value)}
          testId="filter-status"
        />
      </Field>
      <TimeField label="From" value={filters.since} onChange={(value) => onChange('since', value)} />
      <TimeField label="To" value={filters.until} onChange={(value) => onChange('until', value)} />
    </form>
  );
}
