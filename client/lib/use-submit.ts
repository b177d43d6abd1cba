// Form submission state: busy while the request runs, a Dutch error message when it fails, and an
// optional confirmation when it succeeds.
import { useState, type FormEvent } from 'react';
import { ApiError } from './api.ts';

export function useSubmit(fallback = 'Opslaan lukte niet. Probeer het opnieuw.') {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Returns a submit handler that runs `action` and resolves to whether it succeeded. */
  const submit = (action: () => Promise<unknown>, okMessage?: string) => async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      if (okMessage) setNotice(okMessage);
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : fallback);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, notice, busy, submit, setError, setNotice };
}
