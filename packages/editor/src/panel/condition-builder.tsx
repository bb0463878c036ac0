// The If/Switch condition builder: choose a field from the data before this step, an operator and a value; it
// writes the `{{ }}` expression, which stays editable in the field below. A hand-written expression is left alone.
import { useMemo, useState } from 'react';
import { useEditor } from '../canvas/editor-context.js';
import {
  buildCondition,
  conditionFields,
  OPERATORS,
  parseCondition,
  type Condition,
  type Operator,
} from '../model/condition.js';
import { pickerSources } from '../model/expression-picker.js';
import type { JsonValue } from '../model/flow-types.js';
import { Button } from '../ui/button.js';

export function ConditionBuilder({
  nodeId,
  value,
  onChange,
  label,
  testId,
}: {
  nodeId: string;
  value: JsonValue | undefined;
  onChange(expression: string): void;
  label: string;
  testId: string;
}) {
  const { flow, pickerInputs } = useEditor();
  const fields = useMemo(
    () => conditionFields(pickerSources(flow, nodeId, pickerInputs)),
    [flow, nodeId, pickerInputs],
  );
  const parsed = parseCondition(value);
  const custom = value !== undefined && value !== '' && !parsed;
  const [draft, setDraft] = useState<Condition>(
    () => parsed ?? { field: fields[0]?.expression ?? 'trigger.body', operator: 'eq', value: '' },
  );
  const current = parsed ?? draft;
  const operator = OPERATORS.find((o) => o.id === current.operator)!;
  const update = (patch: Partial<Condition>) => {
    const next = { ...current, ...patch };
    setDraft(next);
    onChange(buildCondition(next));
  };

  if (custom)
    return (
      <div className="condition-builder" data-testid={testId}>
        <p className="muted small">
          {label} is a custom expression: edit it below, or{' '}
          <Button size="small" onClick={() => onChange(buildCondition(draft))}>
            Replace it with a built condition
          </Button>
        </p>
      </div>
    );
  const known = fields.some((f) => f.expression === current.field);
  return (
    <fieldset className="condition-builder" data-testid={testId}>
      <legend className="field-label">{label}</legend>
      <div className="condition-row">
        <select
          className="input"
          aria-label={`${label}: field`}
          value={current.field}
          onChange={(e) => update({ field: e.target.value })}
        >
          {known ? null : <option value={current.field}>{current.field}</option>}
          {fields.map((f) => (
            <option key={f.expression} value={f.expression}>
              {f.label}
            </option>
          ))}
        </select>
        <select
          className="input"
          aria-label={`${label}: operator`}
          value={current.operator}
          onChange={(e) => update({ operator: e.target.value as Operator })}
        >
          {OPERATORS.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        {operator.takesValue ? (
          <input
            className="input"
            aria-label={`${label}: value`}
            value={current.value}
            onChange={(e) => update({ value: e.target.value })}
          />
        ) : null}
      </div>
      {!fields.length ? (
        <p className="muted small">
          Pin a sample event on the trigger or test earlier steps to choose from their fields.
        </p>
      ) : null}
    </fieldset>
  );
}
