import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { linkHandler } from '../app/router.js';

export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const go = linkHandler(to);
  return (
    <a
      href={to}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) go(event);
      }}
      {...rest}
    />
  );
}
