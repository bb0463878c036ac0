// The signed-in user: loaded once from /api/auth/me, cleared on logout or when any request answers 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, call, onUnauthorized } from '../api/client.js';
import type { User } from '../api/types.js';

interface Session {
  user: User | null | undefined;
  setUser(user: User | null): void;
  logout(): Promise<void>;
  /** Why the session could not be checked (server down), if so. */
  error: string | undefined;
  retry(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(undefined);
    call('me', {}, { quiet401: true })
      .then((body) => live && setUser(body.user))
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setUser(null);
        else if (e instanceof ApiError && e.status === 404) setUser(null);
        else setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => onUnauthorized(() => setUser(null)), []);

  const logout = useCallback(async () => {
    try {
      await call('logout');
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo<Session>(
    () => ({ user, setUser, logout, error, retry: () => setAttempt((n) => n + 1) }),
    [user, logout, error],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
