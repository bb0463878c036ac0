// The audit log's filter form: action (a kind of action or one action), actor (email or id), target type and a
// date range. The values live in the URL (the page owns them); this form only shows and changes them.
import type { AuditFilters, Choice } from '../../model/audit-filters.js';
import { fromLocalInput, toLocalInput } from '../../model/audit-filters.js';
import { Button } from '../../ui/button.js';
import { Field, Select } from '../../ui/field.js';

export function AuditFiltersForm({
  filters,
  actions,
  targetTypes,
  onChange,
  onClear,
}: {
  filters: AuditFilters;
  actions: Choice[];
  targetTypes: Choice[];
  onChange: (name: keyof AuditFilters, value: string) => void;
  onClear?: () => void;
}) {
  return (
    <form className="filters" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
      <Field label="Action" compact>
        <Select
          value={filters.action}
          placeholder="Any action"
          options={actions}
          onChange={(value) => onChange('action', value)}
          testId="filter-action"
        />
      </Field>
      <Field label="Actor" compact>
        <input
          className="input"
          type="search"
          placeholder="Email or user id"
          defaultValue={filters.actor}
          key={filters.actor}
          onBlur={(e) => onChange('actor', e.target.value.trim())}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange('actor', e.currentTarget.value.trim());
          }}
          data-testid="filter-actor"
        />
      </Field>
      <Field label="Target type" compact>
        <Select
          value={filters.targetType}
          placeholder="Any target"
          options={targetTypes}
          onChange={(value) => onChange('targetType', value)}
          testId="filter-target-type"
        />
      </Field>
      <Field label="From" compact>
        <input
          className="input"
          type="datetime-local"
          value={toLocalInput(filters.since)}
          onChange={(e) => onChange('since', fromLocalInput(e.target.value))}
        />
      </Field>
      <Field label="To" compact>
        <input
          className="input"
          type="datetime-local"
          value={toLocalInput(filters.until)}
          onChange={(e) => onChange('until', fromLocalInput(e.target.value))}
        />
      </Field>
      {onClear ? (
        <Button size="small" variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
