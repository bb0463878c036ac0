// The application shell: session gate, navigation bar, and the page of the current route. The run pages are
// loaded on demand to keep the first load small.
import { lazy, Suspense, useEffect } from 'react';
import { ConnectionsPage } from '../pages/connections-page.js';
import { FlowsPage } from '../pages/flows-page.js';
import { LoginPage } from '../pages/login-page.js';
import { EditorPage } from '../pages/editor-page.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { Link } from '../ui/link.js';
import { matchRoute, navigate, useLocation } from './router.js';
import { SessionProvider, useSession } from './session.js';
import { Button } from '../ui/button.js';
import { mayCall, mayCallAll } from '../model/access.js';
import { OPERATIONS_READS } from '../pages/operations/reads.js';
import { canSee } from '../model/team.js';
import { PUBLIC_ROUTES } from './team-routes.js';

const RunsPage = lazy(() => import('../pages/runs-page.js').then((m) => ({ default: m.RunsPage })));
const SyncLogsPage = lazy(() => import('../pages/sync-logs-page.js').then((m) => ({ default: m.SyncLogsPage })));
const RunPage = lazy(() => import('../pages/run-page.js').then((m) => ({ default: m.RunPage })));
const AlertsPage = lazy(() => import('../pages/alerts-page.js').then((m) => ({ default: m.AlertsPage })));
const OperationsPage = lazy(() => import('../pages/operations-page.js').then((m) => ({ default: m.OperationsPage })));
const UsersPage = lazy(() => import('../pages/users-page.js').then((m) => ({ default: m.UsersPage })));
const ProfilePage = lazy(() => import('../pages/profile-page.js').then((m) => ({ default: m.ProfilePage })));
const AuditPage = lazy(() => import('../pages/audit-page.js').then((m) => ({ default: m.AuditPage })));
const LinkPage = lazy(() => import('../pages/link-page.js').then((m) => ({ default: m.LinkPage })));

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { user, error, retry } = useSession();
  const { path } = useLocation();
  const route = matchRoute(path);
  const open = PUBLIC_ROUTES.includes(route.name);

  useEffect(() => {
    if (user === null && route.name !== 'login' && !open)
      navigate(`/login?next=${encodeURIComponent(path)}`, { replace: true, force: true });
    if (user && route.name === 'login') navigate('/', { replace: true, force: true });
  }, [user, route.name, path, open]);

  if (route.name === 'invite' || route.name === 'reset')
    return (
      <Suspense fallback={<Spinner />}>
        <LinkPage key={route.token} kind={route.name} token={route.token} />
      </Suspense>
    );

  if (error) {
    return (
      <main className="page narrow">
        <ErrorNote error={`Cannot reach the Weft server: ${error}`} onRetry={retry} />
      </main>
    );
  }
  if (user === undefined) return <Spinner label="Loading Weft" />;
  if (route.name === 'login' || !user) return <LoginPage />;

  return (
    <div className={`shell route-${route.name}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <NavBar active={route.name} />
      <div id="main" className="shell-main">
        <Suspense fallback={<Spinner />}>
          {route.name === 'flows' ? <FlowsPage /> : null}
          {route.name === 'editor' ? <EditorPage key={route.flowId} flowId={route.flowId} /> : null}
          {route.name === 'runs' ? <RunsPage /> : null}
          {route.name === 'run' ? <RunPage key={route.runId} runId={route.runId} /> : null}
          {route.name === 'connections' ? <ConnectionsPage /> : null}
          {route.name === 'alerts' ? <AlertsPage tab={route.tab} /> : null}
          {route.name === 'operations' ? <OperationsPage /> : null}
          {route.name === 'sync-logs' ? <SyncLogsPage /> : null}
          {route.name === 'users' ? <UsersPage /> : null}
          {route.name === 'profile' ? <ProfilePage /> : null}
          {route.name === 'audit' ? <AuditPage /> : null}
          {route.name === 'not-found' ? (
            <main className="page">
              <EmptyState title="Page not found" action={<Link to="/">Go to your flows</Link>}>
                There is nothing at {path}.
              </EmptyState>
            </main>
          ) : null}
        </Suspense>
      </div>
    </div>
  );
}

function NavBar({ active }: { active: string }) {
  const { user, logout } = useSession();
  const item = (to: string, label: string, names: string[]) => (
    <Link
      to={to}
      className={names.includes(active) ? 'nav-link active' : 'nav-link'}
      aria-current={names.includes(active) ? 'page' : undefined}
    >
      {label}
    </Link>
  );
  return (
    <header className="navbar">
      <Link to="/" className="brand" aria-label="Weft home">
        <span className="brand-mark" aria-hidden="true" />
        Weft
      </Link>
      <nav aria-label="Main">
        {item('/', 'Flows', ['flows', 'editor'])}
        {item('/runs', 'Runs', ['runs', 'run'])}
        {item('/connections', 'Connections', ['connections'])}
        {mayCall(user?.role, 'alertHistory') ? item('/alerts', 'Alerts', ['alerts']) : null}
        {mayCallAll(user?.role, OPERATIONS_READS) ? item('/operations', 'Operations', ['operations']) : null}
        {item('/sync-logs', 'Sync logs', ['sync-logs'])}
        {canSee(user?.role, 'audit') ? item('/audit', 'Audit log', ['audit']) : null}
        {canSee(user?.role, 'users') ? item('/users', 'Users', ['users']) : null}
      </nav>
      <div className="navbar-user">
        <Link to="/profile" className="muted" title={`${user?.role ?? ''} · your profile and API tokens`}>
          {user?.email}
        </Link>
        <Button variant="ghost" size="small" onClick={() => void logout()}>
          Sign out
        </Button>
      </div>
    </header>
  );
}
