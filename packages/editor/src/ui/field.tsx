// Form controls with their visible label: a labelled wrapper, a select over plain options, and a segmented
// choice (one pressed button of a group).
import type { ReactNode } from 'react';

export function Field({
  label,
  compact,
  inline,
  children,
}: {
  label: string;
  compact?: boolean;
  inline?: boolean;
  children: ReactNode;
}) {
  return (
    <label className={`field${compact ? ' compact' : ''}${inline ? ' inline' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select({
  value,
  options,
  placeholder,
  onChange,
  testId,
}: {
  value: string;
  options: Option[];
  /** The first, empty choice. */
  placeholder: string;
  onChange: (value: string) => void;
  testId?: string;
}) {
  return (
    <select className="input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{placeholder}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          className={value === option.value ? 'on' : ''}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
