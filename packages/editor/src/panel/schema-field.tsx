// Renders one field of an action's input schema. Every kind can switch to an expression ("fx") when the value
// should come from earlier steps.
import { useState } from 'react';
import { isExpression } from '../model/expression-picker.js';
import { isObject, type JsonValue } from '../model/flow-types.js';
import type { Problem } from '../model/problems.js';
import { formatFieldValue, parseFieldInput, setConfigValue, type FieldSpec } from '../model/schema-form.js';
import { ExpressionInput } from './expression-input.js';
import { describedBy, FieldRow } from './field-row.js';
import { MapEditor } from './map-editor.js';
import { CredentialSelect } from './credential-select.js';
import { Button } from '../ui/button.js';

export interface SchemaFieldProps {
  spec: FieldSpec;
  /** DOM id prefix, unique in the panel. */
  path: string;
  nodeId: string;
  value: JsonValue | undefined;
  onChange(value: JsonValue | undefined): void;
  problems?: Problem[];
}

export function SchemaField({ spec, path, nodeId, value, onChange, problems }: SchemaFieldProps) {
  const id = `f-${path}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const [fx, setFx] = useState(isExpression(value));
  const canToggle =
    spec.kind === 'boolean' ||
    spec.kind === 'enum' ||
    spec.kind === 'object' ||
    spec.kind === 'array' ||
    spec.kind === 'map';
  const expressionMode = fx || isExpression(value);
  const help = describedBy(id, spec.description, problems);
  const label = spec.label;

  const text = (multiline = false, type: 'text' | 'password' = 'text', inputMode?: 'decimal' | 'numeric') => (
    <ExpressionInput
      id={id}
      nodeId={nodeId}
      label={label}
      value={formatFieldValue(value)}
      onChange={(t) => onChange(parseFieldInput(spec.kind, t))}
      multiline={multiline}
      type={type}
      invalid={Boolean(problems?.length)}
      describedBy={help}
      placeholder={
        spec.placeholder ?? (spec.default !== undefined ? `Default: ${formatFieldValue(spec.default)}` : undefined)
      }
      {...(inputMode ? { inputMode } : {})}
    />
  );

  let control;
  if (expressionMode) control = text(spec.kind === 'json' || spec.kind === 'textarea');
  else {
    switch (spec.kind) {
      case 'boolean':
        control = (
          <select
            id={id}
            className="input"
            value={value === undefined ? '' : String(value)}
            aria-invalid={Boolean(problems?.length) || undefined}
            aria-describedby={help}
            onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
          >
            <option value="">{spec.default !== undefined ? `Default (${String(spec.default)})` : 'Not set'}</option>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </select>
        );
        break;
      case 'enum':
        control = (
          <select
            id={id}
            className="input"
            value={value === undefined ? '' : JSON.stringify(value)}
            aria-invalid={Boolean(problems?.length) || undefined}
            aria-describedby={help}
            onChange={(e) => onChange(e.target.value === '' ? undefined : (JSON.parse(e.target.value) as JsonValue))}
          >
            <option value="">
              {spec.default !== undefined ? `Default (${formatFieldValue(spec.default)})` : 'Choose…'}
            </option>
            {spec.options!.map((o) => (
              <option key={JSON.stringify(o)} value={JSON.stringify(o)}>
                {formatFieldValue(o)}
              </option>
            ))}
          </select>
        );
        break;
      case 'secret':
        control = text(false, 'password');
        break;
      case 'credential':
        control = (
          <CredentialSelect
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(next) => onChange(next || undefined)}
            describedBy={help}
          />
        );
        break;
      case 'number':
        control = text(false, 'text', 'decimal');
        break;
      case 'integer':
        control = text(false, 'text', 'numeric');
        break;
      case 'textarea':
        control = text(true);
        break;
      case 'json':
        control = text(typeof value === 'object' && value !== null);
        break;
      case 'object':
        control = (
          <fieldset className="nested" id={id} aria-describedby={help}>
            <legend className="visually-hidden">{label}</legend>
            {spec.fields!.map((child) => (
              <SchemaField
                key={child.key}
                spec={child}
                path={`${path}.${child.key}`}
                nodeId={nodeId}
                value={isObject(value) ? value[child.key] : undefined}
                onChange={(v) => {
                  const next = setConfigValue(isObject(value) ? value : {}, child.key, v);
                  onChange(Object.keys(next).length ? next : undefined);
                }}
              />
            ))}
          </fieldset>
        );
        break;
      case 'map':
        control = (
          <MapEditor
            id={id}
            nodeId={nodeId}
            label={label}
            value={isObject(value) ? value : {}}
            onChange={(v) => onChange(Object.keys(v).length ? v : undefined)}
          />
        );
        break;
      case 'array':
        control = (
          <ArrayField
            id={id}
            spec={spec}
            path={path}
            nodeId={nodeId}
            value={Array.isArray(value) ? value : []}
            onChange={(v) => onChange(v.length ? v : undefined)}
          />
        );
        break;
      default:
        control = text();
    }
  }

  return (
    <FieldRow
      id={id}
      label={label}
      required={spec.required}
      description={spec.description}
      problems={problems}
      testId={`field-${path}`}
    >
      {canToggle ? (
        <button
          type="button"
          className={`fx-toggle${expressionMode ? ' on' : ''}`}
          aria-pressed={expressionMode}
          aria-label={`Use an expression for ${label}`}
          title="Use an expression"
          onClick={() => {
            if (expressionMode) onChange(undefined);
            setFx(!expressionMode);
          }}
        >
          fx
        </button>
      ) : null}
      {control}
    </FieldRow>
  );
}

function ArrayField({
  id,
  spec,
  path,
  nodeId,
  value,
  onChange,
}: {
  id: string;
  spec: FieldSpec;
  path: string;
  nodeId: string;
  value: JsonValue[];
  onChange(v: JsonValue[]): void;
}) {
  const item = spec.item!;
  const blank: JsonValue = item.kind === 'object' ? {} : item.kind === 'boolean' ? false : '';
  return (
    <div className="array-field" id={id}>
      {value.map((entry, index) => (
        <div key={index} className="array-item">
          <SchemaField
            spec={{ ...item, label: `${spec.label} ${index + 1}`, required: false }}
            path={`${path}.${index}`}
            nodeId={nodeId}
            value={entry}
            onChange={(v) => onChange(value.map((old, i) => (i === index ? (v ?? blank) : old)))}
          />
          <Button
            variant="ghost-danger"
            size="small"
            aria-label={`Remove ${spec.label} ${index + 1}`}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button size="small" onClick={() => onChange([...value, blank])}>
        + Add {spec.label.toLowerCase().replace(/s$/, '')}
      </Button>
    </div>
  );
}
