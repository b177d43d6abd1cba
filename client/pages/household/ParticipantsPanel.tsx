// Participating partners and their roles; the regievoerder (or admin) adds and removes participants.
// A functioneel beheerder who does not direct the household gives a reason for every change (the
// regievoerder reads it in the Logboek) and cannot add themself.
import { useState, type FormEvent } from 'react';
import { ApiError, del, get, post, put } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useAsync } from '../../lib/use-async.ts';
import type { HouseholdDetail, UserListResponse } from '../../../shared/api.ts';
import { Alert, Button, Heading, Select, TextArea } from '../../components/ui.tsx';
import { HOUSEHOLD_ROLES, INFO_LEVELS, type HouseholdRole, type InfoLevel } from '../../../shared/enums.ts';
import { INFO_LEVEL_HELP, INFO_LEVEL_LABELS, ROLE_LABELS } from '../../../shared/labels.ts';
import { ParticipationReason } from '../../../shared/schemas.ts';
import { useHouseholdRights } from '../../lib/policy.ts';
import { levelFixedForRole, participationChangeNeedsReason } from '../../../shared/policy.ts';

/** The reason's validation message, or null when it is fine. */
function reasonProblem(reason: string): string | null {
  const r = ParticipationReason.safeParse(reason);
  return r.success ? null : (r.error.issues[0]?.message ?? 'Geef een reden op');
}

const REASON_HELP = 'Als functioneel beheerder geef je een reden op. De regievoerder ziet die in het logboek.';

export function ParticipantsPanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const { me } = useAuth();
  const may = useHouseholdRights(h);
  const canManage = may('manageParticipants');
  // Only the regievoerder sets information levels (a beheerder does not: they do not direct the case).
  const mayDirect = may('direct');
  // Managing by the admin flag alone (not as this household's regievoerder) needs a reason.
  const needsReason = participationChangeNeedsReason({ admin: !!me?.admin, role: h.myRole });
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ userId: string; name: string } | null>(null);
  async function remove(userId: string, name: string, reason?: string) {
    if (!needsReason && !confirm(`${name} verwijderen uit dit huishouden? Diegene verliest direct de toegang.`)) return;
    setError(null);
    try {
      await del(`/api/households/${h.id}/participants/${userId}`, reason === undefined ? undefined : { reason });
      setRemoving(null);
      onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Verwijderen lukte niet.');
    }
  }
  return (
    <section className="ct-card" aria-labelledby="participants-title">
      <Heading level={2} id="participants-title">
        Deelnemers
      </Heading>
      {error && <Alert type="error">{error}</Alert>}
      <ul className="ct-participants">
        {h.participants.map((p) => (
          <li key={p.user.id} className="ct-participant" data-testid="participant">
            <span className={`ct-org-dot ct-org--${p.organization.kind}`} aria-hidden="true" />
            <span>
              <span className="ct-strong">{p.user.name}</span>
              <span className="ct-small">
                {' '}
                · {p.organization.name} · {ROLE_LABELS[p.role]}
              </span>
              {mayDirect && !levelFixedForRole(p.role) ? (
                <LevelSelect household={h} userId={p.user.id} name={p.user.name} level={p.level} onError={setError} onDone={onChange} />
              ) : (
                <span className={`ct-level ct-level--${p.level}`} data-testid="participant-level" title={INFO_LEVEL_HELP[p.level]}>
                  {INFO_LEVEL_LABELS[p.level]}
                </span>
              )}
            </span>
            {canManage && p.user.id !== me?.id && (
              <Button
                kind="subtle"
                onClick={() => (needsReason ? setRemoving({ userId: p.user.id, name: p.user.name }) : remove(p.user.id, p.user.name))}
                aria-label={`${p.user.name} verwijderen`}
              >
                Verwijderen
              </Button>
            )}
          </li>
        ))}
      </ul>
      {removing && (
        <RemoveWithReason name={removing.name} onCancel={() => setRemoving(null)} onConfirm={(reason) => remove(removing.userId, removing.name, reason)} />
      )}
      {canManage && <AddParticipant household={h} needsReason={needsReason} onDone={onChange} />}
    </section>
  );
}

/** The regievoerder's control for one participant's information level; the change is audited and live. */
function LevelSelect({
  household: h,
  userId,
  name,
  level,
  onError,
  onDone,
}: {
  household: HouseholdDetail;
  userId: string;
  name: string;
  level: InfoLevel;
  onError: (message: string | null) => void;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  async function change(next: InfoLevel) {
    if (next === level) return;
    if (next !== 'volledig' && !confirm(`${name} ziet na deze wijziging alleen: ${INFO_LEVEL_HELP[next]}`)) return;
    setBusy(true);
    onError(null);
    try {
      await put(`/api/households/${h.id}/participants/${userId}/level`, { level: next });
      onDone();
    } catch (err) {
      onError(err instanceof ApiError ? err.message : 'Het informatieniveau wijzigen lukte niet.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <label className="ct-level-select">
      <span className="ct-visually-hidden">Informatieniveau van {name}</span>
      <select
        className="utrecht-select ct-select--small"
        value={level}
        disabled={busy}
        onChange={(e) => change(e.target.value as InfoLevel)}
        data-testid="level-select"
      >
        {INFO_LEVELS.map((l) => (
          <option key={l} value={l}>
            {INFO_LEVEL_LABELS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

function RemoveWithReason({ name, onCancel, onConfirm }: { name: string; onCancel: () => void; onConfirm: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const p = reasonProblem(reason);
    if (p) return setProblem(p);
    setBusy(true);
    await onConfirm(reason.trim());
    setBusy(false);
  }
  return (
    <form onSubmit={submit} className="ct-form" aria-label={`${name} verwijderen`}>
      <Heading level={3}>{name} verwijderen</Heading>
      <p className="utrecht-paragraph ct-small">Diegene verliest direct de toegang tot dit huishouden.</p>
      <TextArea
        label="Reden"
        description={REASON_HELP}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={problem}
        aria-required="true"
        rows={2}
      />
      <Button kind="primary" type="submit" busy={busy}>
        Verwijderen
      </Button>{' '}
      <Button kind="subtle" type="button" onClick={onCancel}>
        Annuleren
      </Button>
    </form>
  );
}

function AddParticipant({ household: h, needsReason, onDone }: { household: HouseholdDetail; needsReason: boolean; onDone: () => void }) {
  const { me } = useAuth();
  const { data } = useAsync(() => get<UserListResponse>('/api/users').then((r) => r.users), []);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<HouseholdRole>('partner');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const present = new Set(h.participants.map((p) => p.user.id));
  // A beheerder cannot add themself (need to know): they are not offered.
  const candidates = (data ?? []).filter((u) => !present.has(u.id) && !u.disabled && !(me?.admin && u.id === me.id));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId) return setError('Kies een gebruiker.');
    const problem = needsReason ? reasonProblem(reason) : null;
    setReasonError(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/households/${h.id}/participants`, { userId, role, ...(needsReason ? { reason: reason.trim() } : {}) });
      setUserId('');
      setReason('');
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
      <Select
        label="Gebruiker"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        options={[{ value: '', label: 'Kies…' }, ...candidates.map((u) => ({ value: u.id, label: `${u.name} (${u.organization.name})` }))]}
      />
      <Select
        label="Rol"
        value={role}
        onChange={(e) => setRole(e.target.value as HouseholdRole)}
        options={HOUSEHOLD_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
      />
      {needsReason && (
        <TextArea
          label="Reden"
          description={REASON_HELP}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={reasonError}
          aria-required="true"
          rows={2}
        />
      )}
      <Button kind="primary" type="submit" busy={busy}>
        Toevoegen
      </Button>
    </form>
  );
}
