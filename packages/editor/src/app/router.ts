// A tiny History API router: a path, a way to change it, and guards that may refuse leaving (unsaved changes).
import { useSyncExternalStore } from 'react';
import { matchTeamRoute, type TeamRoute } from './team-routes.js';

type Guard = () => boolean;
const guards = new Set<Guard>();
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

let currentHref = location.pathname + location.search;

// Back/forward have already moved when popstate fires: a refusing guard puts the page back.
window.addEventListener('popstate', () => {
  for (const guard of guards) {
    if (!guard()) {
      history.pushState(null, '', currentHref);
      return;
    }
  }
  currentHref = location.pathname + location.search;
  emit();
});

/** Registers a check run before navigating away; returning false cancels the navigation. */
export function addLeaveGuard(guard: Guard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): boolean {
  const current = location.pathname + location.search;
  if (to === current) return true;
  if (!options.force) for (const guard of guards) if (!guard()) return false;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  currentHref = location.pathname + location.search;
  emit();
  window.scrollTo(0, 0);
  return true;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const [path = '/', search = ''] = href.split('?');
  return { path, search: new URLSearchParams(search) };
}

export type Route =
  | { name: 'login' }
  | { name: 'flows' }
  | { name: 'editor'; flowId: string }
  | { name: 'runs' }
  | { name: 'run'; runId: string }
  | { name: 'connections' }
  | { name: 'alerts'; tab: 'rules' | 'history' }
  | { name: 'operations' }
  | { name: 'sync-logs' }
  | TeamRoute
  | { name: 'not-found' };

export function matchRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'flows' };
  const [head, id, ...rest] = parts;
  if (rest.length) return { name: 'not-found' };
  if (head === 'login' && !id) return { name: 'login' };
  if (head === 'flows' && !id) return { name: 'flows' };
  if (head === 'flows' && id) return { name: 'editor', flowId: id };
  if (head === 'runs' && !id) return { name: 'runs' };
  if (head === 'runs' && id) return { name: 'run', runId: id };
  if (head === 'connections' && !id) return { name: 'connections' };
  if (head === 'alerts' && (!id || id === 'history')) return { name: 'alerts', tab: id ? 'history' : 'rules' };
  if (head === 'operations' && !id) return { name: 'operations' };
  if (head === 'sync-logs' && !id) return { name: 'sync-logs' };
  return matchTeamRoute(head, id) ?? { name: 'not-found' };
}

/** Click handler for in-app links: plain clicks navigate without reloading, modified clicks behave natively. */
export function linkHandler(to: string) {
  return (event: { preventDefault(): void; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button: number }) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
}
