// A casusoverleg kept live: read over HTTP, then follow its event stream. The stream carries only hints
// (`changed` with a revision number); every hint re-reads through HTTP, where the server shows each agenda
// item as far as this user may see it. `revoked`: this user no longer sees the casusoverleg; `ended`: the
// session is over (this tab signs out, like every other live channel).
import { useEffect, useRef, useState } from 'react';
import { useAsync } from '../../lib/use-async.ts';
import { useAuth } from '../../lib/auth.tsx';
import type { CasusoverlegHint } from '../../../shared/casusoverleg.ts';

export type CasusoverlegLive = 'connecting' | 'live' | 'reconnecting' | 'revoked';

export function useLiveCasusoverleg<T>(id: string, load: () => Promise<T>, revisionOf: (data: T) => number) {
  const data = useAsync(load, [id]);
  const { endSession } = useAuth();
  const [live, setLive] = useState<CasusoverlegLive>('connecting');
  const [revoked, setRevoked] = useState<string | null>(null);
  const latest = useRef({ data: data.data, reload: data.reload, revisionOf });
  latest.current = { data: data.data, reload: data.reload, revisionOf };

  useEffect(() => {
    const source = new EventSource(`/api/casusoverleggen/${id}/events`);
    // On (re)connecting: re-read only if something changed while this screen was not listening.
    source.addEventListener('ready', (msg) => {
      setLive('live');
      const { revision } = JSON.parse((msg as MessageEvent).data) as CasusoverlegHint;
      const { data: current, reload, revisionOf: rev } = latest.current;
      if (current === null || rev(current) !== revision) void reload();
    });
    source.addEventListener('changed', () => void latest.current.reload());
    source.onerror = () => setLive((s) => (s === 'revoked' ? s : 'reconnecting'));
    source.addEventListener('revoked', (msg) => {
      source.close();
      setLive('revoked');
      setRevoked((JSON.parse((msg as MessageEvent).data) as { message: string }).message);
    });
    source.addEventListener('ended', (msg) => {
      source.close();
      endSession(`${(JSON.parse((msg as MessageEvent).data) as { message: string }).message} Om veiligheidsredenen is de inhoud van dit scherm verwijderd.`);
    });
    return () => source.close();
  }, [id, endSession]);

  return { ...data, live, revoked };
}
