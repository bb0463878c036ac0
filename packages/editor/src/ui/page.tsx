// The frame of a list or detail page: heading (with optional breadcrumbs and a line under it), actions on the
// right, and the notice line pages use to confirm what just happened.
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  breadcrumbs,
  subtitle,
  actions,
}: {
  title: ReactNode;
  breadcrumbs?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      {breadcrumbs || subtitle ? (
        <div>
          {breadcrumbs ? <p className="breadcrumbs">{breadcrumbs}</p> : null}
          <h1>{title}</h1>
          {subtitle ? <p className="muted small">{subtitle}</p> : null}
        </div>
      ) : (
        <h1>{title}</h1>
      )}
      {actions}
    </div>
  );
}

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <p className="notice" role="status">
      {message}
    </p>
  ) : null;
}
