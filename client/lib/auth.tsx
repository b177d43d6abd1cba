// The signed-in user, loaded once from /api/me and shared through context.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, get, post } from './api.ts';

export interface Me {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  organization: { id: string; name: string; kind: string };
}

interface AuthState {
  me: Me | null;
  loading: boolean;
  error: ApiError | null;
  setMe(me: Me | null): void;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    get<{ user: Me }>('/api/me')
      .then((r) => setMe(r.user))
      .catch((e: ApiError) => {
        if (e.status !== 401) setError(e);
      })
      .finally(() => setLoading(false));
  }, []);
  const logout = useCallback(async () => {
    await post('/api/auth/logout').catch(() => {});
    setMe(null);
  }, []);
  return <AuthContext.Provider value={{ me, loading, error, setMe, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for pages rendered behind the login gate. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
