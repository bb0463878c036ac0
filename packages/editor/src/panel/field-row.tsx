// A labelled form row with its description and the validation problems that concern it.
import type { ReactNode } from 'react';
import type { Problem } from '../model/problems.js';

export function FieldRow({
  id,
  label,
  required,
  description,
  problems,
  children,
  testId,
}: {
  id: string;
  label: string;
  required?: boolean;
  description?: string;
  problems?: Problem[];
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`form-row${problems?.length ? ' invalid' : ''}`} data-testid={testId}>
      <label className="field-label" htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children}
      {description ? (
        <p className="field-help" id={`${id}-help`}>
          {description}
        </p>
      ) : null}
      {problems?.length ? (
        <ul className="field-problems" id={`${id}-problems`} data-testid={`field-problems-${id}`}>
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, description?: string, problems?: Problem[]): string | undefined {
  const ids = [description ? `${id}-help` : '', problems?.length ? `${id}-problems` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
