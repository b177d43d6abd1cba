// Functioneel beheer: organisations, accounts (switched off and on), and new households with their regievoerder
// (never the beheerder themself: need to know).
import { useState } from 'react';
import { ApiError, get, patch, post } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { fetchOrganizations } from '../lib/queries.ts';
import { useSubmit as useFormSubmit } from '../lib/use-submit.ts';
import { useAsync } from '../lib/use-async.ts';
import { Link } from '../lib/router.tsx';
import type { Organization, UserSummary } from '../../shared/api.ts';
import { Alert, Button, Heading, Loading, Select, TextInput } from '../components/ui.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { GRONDSLAGEN, ORGANIZATION_KINDS, PHASES, PROFILES, type OrganizationKind } from '../../shared/enums.ts';
import { GRONDSLAG_LABELS, ORGANIZATION_KIND_LABELS, PHASE_LABELS, PROFILE_INFO } from '../../shared/labels.ts';
import { Cell, Row, Table } from '../components/Table.tsx';
import { IdentityAdmin } from '../features/identity/IdentityAdmin.tsx';
import type { AdminHouseholdListResponse, UserListResponse } from '../../shared/api.ts';
import { DestructionList } from './admin/DestructionList.tsx';
import { StatementSetting } from './admin/StatementSetting.tsx';

export function AdminPage() {
  const orgs = useAsync(fetchOrganizations, []);
  const users = useAsync(() => get<UserListResponse>('/api/users').then((r) => r.users), []);
  const households = useAsync(() => get<AdminHouseholdListResponse>('/api/households?scope=all').then((r) => r.households), []);
  return (
    <section aria-labelledby="admin-title">
      <Heading level={1} id="admin-title">
        Beheer
      </Heading>
      <p className="utrecht-paragraph">
        Als functioneel beheerder maak je organisaties, accounts en huishoudens aan. De inhoud van een huishouden zie je alleen als je eraan deelneemt.
      </p>
      <div className="ct-grid">
        <div className="ct-grid__main">
          <DestructionList />
          <StatementSetting />
          <section className="ct-card" aria-labelledby="admin-households">
            <Heading level={2} id="admin-households">
              Huishoudens
            </Heading>
            {households.loading && !households.data && <Loading />}
            <ErrorMessage error={households.error} retry={households.reload} />
            {households.data && (
              <ul className="ct-doclist">
                {households.data.map((h) => (
                  <li key={h.id}>
                    <Link className="utrecht-link ct-strong" href={`/huishoudens/${h.id}`}>
                      {h.reference}
                    </Link>{' '}
                    {h.displayName}
                    {h.status === 'closed' && ' (gesloten)'}
                    <span className="ct-small"> · regie: {h.regievoerders.join(', ') || '—'}</span>
                  </li>
                ))}
              </ul>
            )}
            {users.data && orgs.data && <HouseholdForm users={users.data} organizations={orgs.data} onDone={households.reload} />}
          </section>
          <section className="ct-card" aria-labelledby="admin-users">
            <Heading level={2} id="admin-users">
              Accounts
            </Heading>
            {users.loading && !users.data && <Loading />}
            <ErrorMessage error={users.error} retry={users.reload} />
            {users.data && (
              <Table headers={['Naam', 'E-mail', 'Organisatie', 'Account']}>
                {users.data.map((u) => (
                  <Row key={u.id}>
                    <Cell>
                      {u.name}
                      {u.admin && ' (beheerder)'}
                    </Cell>
                    <Cell>{u.email}</Cell>
                    <Cell>{u.organization.name}</Cell>
                    <Cell>
                      <AccountSwitch user={u} onDone={users.reload} />
                    </Cell>
                  </Row>
                ))}
              </Table>
            )}
            {orgs.data && <UserForm orgs={orgs.data} onDone={users.reload} />}
          </section>
        </div>
        <div className="ct-grid__side">
          <section className="ct-card" aria-labelledby="admin-orgs">
            <Heading level={2} id="admin-orgs">
              Organisaties
            </Heading>
            <ErrorMessage error={orgs.error} retry={orgs.reload} />
            <ul className="ct-doclist">
              {orgs.data?.map((o) => (
                <li key={o.id}>
                  {o.name} <span className="ct-small">· {ORGANIZATION_KIND_LABELS[o.kind]}</span>
                </li>
              ))}
            </ul>
            <OrganizationForm onDone={orgs.reload} />
          </section>
          {orgs.data && users.data && <IdentityAdmin organizations={orgs.data} users={users.data} />}
        </div>
      </div>
    </section>
  );
}

/** Submit state for the admin forms: run the action, then refresh the list it belongs to. */
function useSubmit(action: () => Promise<unknown>, onDone: () => void) {
  const s = useFormSubmit();
  return {
    error: s.error,
    ok: s.notice,
    busy: s.busy,
    submit: (e: React.FormEvent, okText: string) =>
      s.submit(async () => {
        await action();
        onDone();
      }, okText)(e),
  };
}

function OrganizationForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganizationKind>('wijkteam');
  const s = useSubmit(() => post('/api/organizations', { name, kind }).then(() => setName('')), onDone);
  return (
    <form className="ct-form" onSubmit={(e) => s.submit(e, 'Organisatie aangemaakt.')} aria-label="Organisatie aanmaken">
      <Heading level={3}>Organisatie aanmaken</Heading>
      {s.error && <Alert type="error">{s.error}</Alert>}
      {s.ok && <Alert type="ok">{s.ok}</Alert>}
      <TextInput label="Naam" required value={name} onChange={(e) => setName(e.target.value)} />
      <Select
        label="Soort"
        value={kind}
        onChange={(e) => setKind(e.target.value as OrganizationKind)}
        options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: ORGANIZATION_KIND_LABELS[k] }))}
      />
      <Button kind="primary" type="submit" busy={s.busy}>
        Aanmaken
      </Button>
    </form>
  );
}

function UserForm({ orgs, onDone }: { orgs: Organization[]; onDone: () => void }) {
  const [form, setForm] = useState({ name: '', email: '', organizationId: orgs[0]?.id ?? '', password: '', admin: false });
  const s = useSubmit(() => post('/api/users', form).then(() => setForm((f) => ({ ...f, name: '', email: '', password: '' }))), onDone);
  return (
    <form className="ct-form" onSubmit={(e) => s.submit(e, 'Account aangemaakt.')} aria-label="Account aanmaken">
      <Heading level={3}>Account aanmaken</Heading>
      {s.error && <Alert type="error">{s.error}</Alert>}
      {s.ok && <Alert type="ok">{s.ok}</Alert>}
      <TextInput label="Naam" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <TextInput label="E-mailadres" type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      <Select
        label="Organisatie"
        value={form.organizationId}
        onChange={(e) => setForm({ ...form, organizationId: e.target.value })}
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
      />
      <TextInput
        label="Tijdelijk wachtwoord"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        description="Minstens 12 tekens."
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
      />
      <div className="utrecht-form-field utrecht-form-field--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox">
          <input
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={form.admin}
            onChange={(e) => setForm({ ...form, admin: e.target.checked })}
          />{' '}
          Functioneel beheerder
        </label>
      </div>
      <Button kind="primary" type="submit" busy={s.busy}>
        Aanmaken
      </Button>
    </form>
  );
}

/** Switches an account off (its sessions, open documents and live board end at once) or on again. */
function AccountSwitch({ user: u, onDone }: { user: UserSummary; onDone: () => void }) {
  const { me } = useAuth();
  const [error, setError] = useState<string | null>(null);
  if (u.id === me?.id) return <span className="ct-small">Jouw account</span>;
  async function toggle() {
    if (!u.disabled && !confirm(`Account van ${u.name} uitschakelen? Diegene wordt direct overal uitgelogd.`)) return;
    setError(null);
    try {
      await patch(`/api/users/${u.id}`, { disabled: !u.disabled });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Wijzigen lukte niet.');
    }
  }
  return (
    <>
      {u.disabled && <span className="ct-small">Uitgeschakeld </span>}
      <Button kind="subtle" onClick={toggle} aria-label={`${u.disabled ? 'Inschakelen' : 'Uitschakelen'}: ${u.name}`}>
        {u.disabled ? 'Inschakelen' : 'Uitschakelen'}
      </Button>
      {error && <Alert type="error">{error}</Alert>}
    </>
  );
}

function HouseholdForm({ users, organizations, onDone }: { users: UserSummary[]; organizations: Organization[]; onDone: () => void }) {
  const { me } = useAuth();
  const [form, setForm] = useState({
    reference: '',
    displayName: '',
    regievoerderId: '',
    grondslag: '',
    grondslagNote: '',
    referringOrganizationId: '',
    profile: '',
    package: '',
    hasChildren: true,
    phase: 'directe_veiligheid',
    huisverbodStart: '',
  });
  const s = useSubmit(
    () =>
      post('/api/households', {
        reference: form.reference.trim().toUpperCase(),
        displayName: form.displayName,
        regievoerderId: form.regievoerderId,
        grondslag: form.grondslag,
        grondslagNote: form.grondslagNote,
        referringOrganizationId: form.referringOrganizationId,
        profile: form.profile || null,
        package: form.package ? Number(form.package) : null,
        hasChildren: form.hasChildren,
        phase: form.phase,
        huisverbodStart: form.huisverbodStart || null,
      }).then(() => setForm((f) => ({ ...f, reference: '', displayName: '' }))),
    onDone,
  );
  return (
    <form className="ct-form" onSubmit={(e) => s.submit(e, 'Huishouden aangemaakt, met een leeg plan van aanpak.')} aria-label="Huishouden aanmaken">
      <Heading level={3}>Huishouden aanmaken</Heading>
      {s.error && <Alert type="error">{s.error}</Alert>}
      {s.ok && <Alert type="ok">{s.ok}</Alert>}
      <TextInput label="Kenmerk" required placeholder="HG-2026-0150" value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} />
      <TextInput
        label="Naam huishouden"
        required
        placeholder="Gezin …"
        value={form.displayName}
        onChange={(e) => setForm({ ...form, displayName: e.target.value })}
      />
      <Select
        label="Regievoerder"
        value={form.regievoerderId}
        onChange={(e) => setForm({ ...form, regievoerderId: e.target.value })}
        options={[
          { value: '', label: 'Kies…' },
          ...users.filter((u) => !u.disabled && u.id !== me?.id).map((u) => ({ value: u.id, label: `${u.name} (${u.organization.name})` })),
        ]}
      />
      <Select
        label="Grondslag voor delen"
        required
        value={form.grondslag}
        onChange={(e) => setForm({ ...form, grondslag: e.target.value })}
        options={[{ value: '', label: 'Kies…' }, ...GRONDSLAGEN.map((g) => ({ value: g, label: GRONDSLAG_LABELS[g] }))]}
      />
      <TextInput label="Toelichting grondslag (optioneel)" value={form.grondslagNote} onChange={(e) => setForm({ ...form, grondslagNote: e.target.value })} />
      <Select
        label="Ingebracht door"
        required
        value={form.referringOrganizationId}
        onChange={(e) => setForm({ ...form, referringOrganizationId: e.target.value })}
        options={[{ value: '', label: 'Kies…' }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <Select
        label="Gezinsprofiel"
        value={form.profile}
        onChange={(e) => setForm({ ...form, profile: e.target.value })}
        options={[{ value: '', label: 'Nog niet bepaald' }, ...PROFILES.map((p) => ({ value: p, label: PROFILE_INFO[p].label }))]}
      />
      <Select
        label="HG-pakket"
        value={form.package}
        onChange={(e) => setForm({ ...form, package: e.target.value })}
        options={[
          { value: '', label: 'Nog niet bepaald' },
          { value: '1', label: 'Pakket 1' },
          { value: '2', label: 'Pakket 2' },
          { value: '3', label: 'Pakket 3' },
        ]}
      />
      <Select
        label="Fase"
        value={form.phase}
        onChange={(e) => setForm({ ...form, phase: e.target.value })}
        options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
      />
      <TextInput
        label="Huisverbod ingegaan op (optioneel)"
        type="date"
        value={form.huisverbodStart}
        onChange={(e) => setForm({ ...form, huisverbodStart: e.target.value })}
      />
      <div className="utrecht-form-field utrecht-form-field--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox">
          <input
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={form.hasChildren}
            onChange={(e) => setForm({ ...form, hasChildren: e.target.checked })}
          />{' '}
          Gezin met kinderen
        </label>
      </div>
      <Button kind="primary" type="submit" busy={s.busy}>
        Aanmaken
      </Button>
    </form>
  );
}
