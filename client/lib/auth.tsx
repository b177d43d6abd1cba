// The signed-in user, loaded once from /api/me and shared through context.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { type ApiError, get, post } from './api.ts';
import type { Me, MeResponse } from '../../shared/api.ts';
export type { Me };
import { purgeOfflineCopies } from './offline.ts';

interface AuthState {
  me: Me | null;
  loading: boolean;
  error: ApiError | null;
  setMe(me: Me | null): void;
  logout(): Promise<void>;
  /** Told once after sign-in, until dismissed: a functioneel beheerder reset the second factor. */
  notice: 'second_factor_reset' | null;
  dismissNotice(): void;
  /** The session ended elsewhere (logout in another tab, expiry): sign this tab out, say why, delete offline copies. */
  endSession(message: string): void;
  /** Why the user was signed out, for the login page (null after a normal logout). */
  signedOutBecause: string | null;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<'second_factor_reset' | null>(null);
  const dismissNotice = useCallback(() => {
    setNotice(null);
    void post('/api/account/notice/dismiss').catch(() => {});
  }, []);
  const meId = me?.id;
  useEffect(() => {
    if (!meId) return;
    get<MeResponse>('/api/me')
      .then((r) => setNotice(r.notice ?? null))
      .catch(() => {});
  }, [meId]);
  useEffect(() => {
    get<MeResponse>('/api/me')
      .then((r) => setMe(r.user))
      .catch((e: ApiError) => {
        if (e.status !== 401) setError(e);
      })
      .finally(() => setLoading(false));
  }, []);
  const [signedOutBecause, setSignedOutBecause] = useState<string | null>(null);
  const signIn = useCallback((user: Me | null) => {
    setSignedOutBecause(null);
    setMe(user);
  }, []);
  const logout = useCallback(async () => {
    await post('/api/auth/logout').catch(() => {});
    setMe(null);
    // Offline copies of documents stay in this browser only while someone is signed in.
    await purgeOfflineCopies();
  }, []);
  const endSession = useCallback((message: string) => {
    setSignedOutBecause(message);
    setMe(null);
    void purgeOfflineCopies();
  }, []);
  return (
    <AuthContext.Provider value={{ me, loading, error, setMe: signIn, logout, endSession, signedOutBecause, notice, dismissNotice }}>
      {children}
    </AuthContext.Provider>
  );
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
