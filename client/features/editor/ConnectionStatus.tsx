// The editor's connection badge and save state. "Opgeslagen" only when the server has confirmed that it
// stored every edit of this device (save acknowledgements, see save-tracker.ts); both follow the real
// connection, in both directions.
import { Badge } from '../../components/ui.tsx';
import type { CollabState } from './use-collab.ts';

const BADGE: Record<CollabState['connection'], [string, 'ok' | 'warning' | 'danger' | 'info']> = {
  connecting: ['Verbinden…', 'info'],
  connected: ['Verbonden', 'ok'],
  reconnecting: ['Opnieuw verbinden…', 'warning'],
  offline: ['Offline', 'warning'],
  refused: ['Geen toegang', 'danger'],
};

const changes = (n: number) => (n === 1 ? '1 wijziging' : `${n} wijzigingen`);

/** The save line, or null where saving is not a thing (read-only, vastgesteld, refused). */
export function saveText(collab: Pick<CollabState, 'connection' | 'unsaved'>, canWrite: boolean): string | null {
  if (!canWrite || collab.connection === 'refused') return null;
  if (collab.connection === 'connected') return collab.unsaved === 0 ? 'Opgeslagen' : 'Niet opgeslagen — wordt verstuurd';
  if (collab.connection === 'connecting') return collab.unsaved === 0 ? null : 'Niet opgeslagen — wordt verstuurd';
  return collab.unsaved === 0 ? 'Offline — geen wijzigingen alleen op dit apparaat' : `Offline — ${changes(collab.unsaved)} alleen op dit apparaat`;
}

export function ConnectionStatus({ collab, canWrite }: { collab: CollabState; canWrite: boolean }) {
  const [label, tone] = BADGE[collab.connection];
  const saving = saveText(collab, canWrite);
  const unsaved = saving !== null && saving !== 'Opgeslagen';
  return (
    <div className="ct-status" role="status" data-testid="connection-status">
      <Badge tone={tone}>{label}</Badge>
      {saving && (
        <span className={`ct-small ct-save${unsaved ? ' ct-save--pending' : ''}`} data-testid="save-status">
          {saving}
        </span>
      )}
    </div>
  );
}
