// Participating partners and their roles; the regievoerder (or admin) adds and removes participants.
import { useState, type FormEvent } from 'react';
import { ApiError, del, get, post } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useAsync } from '../../lib/use-async.ts';
import type { HouseholdDetail, UserSummary } from '../../lib/types.ts';
import { Alert, Button, Heading, Select } from '../../components/ui.tsx';
import { HOUSEHOLD_ROLES, type HouseholdRole } from '../../../shared/enums.ts';
import { ROLE_LABELS } from '../../../shared/labels.ts';

export function ParticipantsPanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const { me } = useAuth();
  const canManage = h.myRole === 'regievoerder' || !!me?.admin;
  const [error, setError] = useState<string | null>(null);
  async function remove(userId: string, name: string) {
    if (!confirm(`${name} verwijderen uit dit huishouden? Diegene verliest direct de toegang.`)) return;
    setError(null);
    try {
      await del(`/api/households/${h.id}/participants/${userId}`);
      onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Verwijderen lukte niet.');
    }
  }
  return (
    <section className="ct-card" aria-labelledby="participants-title">
      <Heading level={2} id="participants-title">Deelnemers</Heading>
      {error && <Alert type="error">{error}</Alert>}
      <ul className="ct-participants">
        {h.participants.map((p) => (
          <li key={p.user.id} className="ct-participant" data-testid="participant">
            <span className={`ct-org-dot ct-org--${p.organization.kind}`} aria-hidden="true" />
            <span>
              <span className="ct-strong">{p.user.name}</span>
              <span className="ct-small"> · {p.organization.name} · {ROLE_LABELS[p.role]}</span>
            </span>
            {canManage && p.user.id !== me?.id && (
              <Button kind="subtle" onClick={() => remove(p.user.id, p.user.name)} aria-label={`${p.user.name} verwijderen`}>
                Verwijderen
              </Button>
            )}
          </li>
        ))}
      </ul>
      {canManage && <AddParticipant household={h} onDone={onChange} />}
    </section>
  );
}

function AddParticipant({ household: h, onDone }: { household: HouseholdDetail; onDone: () => void }) {
  const { data } = useAsync(() => get<{ users: UserSummary[] }>('/api/users').then((r) => r.users), []);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<HouseholdRole>('partner');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const present = new Set(h.participants.map((p) => p.user.id));
  const candidates = (data ?? []).filter((u) => !present.has(u.id) && !u.disabled);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId) return setError('Kies een gebruiker.');
    setBusy(true);
    setError(null);
    try {
      await post(`/api/households/${h.id}/participants`, { userId, role });
      setUserId('');
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Toevoegen lukte niet.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="ct-form" aria-label="Deelnemer toevoegen">
      <Heading level={3}>Deelnemer toevoegen</Heading>
      {error && <Alert type="error">{error}</Alert>}
      <Select label="Gebruiker" value={userId} onChange={(e) => setUserId(e.target.value)} options={[{ value: '', label: 'Kies…' }, ...candidates.map((u) => ({ value: u.id, label: `${u.name} (${u.organization.name})` }))]} />
      <Select label="Rol" value={role} onChange={(e) => setRole(e.target.value as HouseholdRole)} options={HOUSEHOLD_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      <Button kind="primary" type="submit" busy={busy}>Toevoegen</Button>
    </form>
  );
}
