// A data table with a header row; a column may be labelled for screen readers only (e.g. row actions).
import type { ReactNode } from 'react';

export interface Column {
  label: string;
  /** Label read by screen readers only. */
  hidden?: boolean;
}

export function Table({ columns, testId, children }: { columns: Column[]; testId?: string; children: ReactNode }) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col">
              {column.hidden ? <span className="visually-hidden">{column.label}</span> : column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
