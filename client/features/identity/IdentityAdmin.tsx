// Beheer of sign-in: per organisation "twee-factor verplicht", passkey sign-in and its own OpenID Connect
// provider; and resetting an account's second factor (audited; the user is told at the next sign-in).
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { get, patch, post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, Heading, Loading, Select, TextInput } from '../../components/ui.tsx';
import type { Organization, UserSummary } from '../../../shared/api.ts';
import type { OrganizationSecurityResponse } from '../../../shared/auth.ts';

export function IdentityAdmin({ organizations, users }: { organizations: Organization[]; users: UserSummary[] }) {
  return (
    <section className="ct-card" aria-labelledby="admin-identity">
      <Heading level={2} id="admin-identity">
        Inloggen en tweede factor
      </Heading>
      <OrganizationSecurityForm organizations={organizations} />
      <ResetSecondFactor users={users} />
    </section>
  );
}

function Check({ checked, onChange, children }: { checked: boolean; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <label className="utrecht-form-label utrecht-form-label--checkbox">
        <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
        {children}
      </label>
    </div>
  );
}

function OrganizationSecurityForm({ organizations }: { organizations: Organization[] }) {
  const [orgId, setOrgId] = useState(organizations[0]?.id ?? '');
  const [form, setForm] = useState<null | {
    twoFactorRequired: boolean;
    passkeyLogin: boolean;
    oidc: boolean;
    issuer: string;
    clientId: string;
    clientSecret: string;
    hasSecret: boolean;
    emailClaim: string;
    jit: boolean;
    trustMfa: boolean;
  }>(null);
  const { error, notice, busy, submit } = useSubmit('Opslaan lukte niet. Probeer het opnieuw.');
  useEffect(() => {
    if (!orgId) return;
    setForm(null);
    void get<OrganizationSecurityResponse>(`/api/organizations/${orgId}/security`).then(({ security: s }) =>
      setForm({
        twoFactorRequired: s.twoFactorRequired,
        passkeyLogin: s.passkeyLogin,
        oidc: !!s.oidc,
        issuer: s.oidc?.issuer ?? '',
        clientId: s.oidc?.clientId ?? '',
        clientSecret: '',
        hasSecret: s.oidc?.hasClientSecret ?? false,
        emailClaim: s.oidc?.emailClaim ?? 'email',
        jit: s.oidc?.jit ?? false,
        trustMfa: s.oidc?.trustMfa ?? false,
      }),
    );
  }, [orgId]);
  const save = (e: FormEvent) =>
    submit(async () => {
      if (!form) return;
      await patch(`/api/organizations/${orgId}/security`, {
        twoFactorRequired: form.twoFactorRequired,
        passkeyLogin: form.passkeyLogin,
        oidc: form.oidc
          ? {
              issuer: form.issuer,
              clientId: form.clientId,
              clientSecret: form.clientSecret || undefined,
              emailClaim: form.emailClaim,
              jit: form.jit,
              trustMfa: form.trustMfa,
            }
          : null,
      });
      setForm({ ...form, clientSecret: '', hasSecret: form.hasSecret || !!form.clientSecret });
    }, 'Inlogregels opgeslagen.')(e);
  return (
    <form className="ct-form" onSubmit={save} aria-label="Inlogregels van een organisatie">
      <Heading level={3}>Inlogregels per organisatie</Heading>
      {error && <Alert type="error">{error}</Alert>}
      {notice && <Alert type="ok">{notice}</Alert>}
      <Select
        label="Organisatie"
        value={orgId}
        onChange={(e) => setOrgId(e.target.value)}
        options={organizations.map((o) => ({ value: o.id, label: o.name }))}
      />
      {!form ? (
        <Loading />
      ) : (
        <>
          <Check checked={form.twoFactorRequired} onChange={(v) => setForm({ ...form, twoFactorRequired: v })}>
            Twee-factor verplicht
          </Check>
          <Check checked={form.passkeyLogin} onChange={(v) => setForm({ ...form, passkeyLogin: v })}>
            Inloggen met alleen een passkey toestaan
          </Check>
          <Check checked={form.oidc} onChange={(v) => setForm({ ...form, oidc: v })}>
            Inloggen via de eigen identity provider (OpenID Connect)
          </Check>
          {form.oidc && (
            <>
              <TextInput label="Issuer-URL" type="url" required value={form.issuer} onChange={(e) => setForm({ ...form, issuer: e.target.value })} />
              <TextInput label="Client-ID" required value={form.clientId} onChange={(e) => setForm({ ...form, clientId: e.target.value })} />
              <TextInput
                label="Client-secret"
                type="password"
                autoComplete="off"
                description={form.hasSecret ? 'Er is een secret opgeslagen (versleuteld). Laat leeg om die te houden.' : 'Wordt versleuteld opgeslagen.'}
                value={form.clientSecret}
                onChange={(e) => setForm({ ...form, clientSecret: e.target.value })}
              />
              <TextInput
                label="Claim met het e-mailadres"
                required
                value={form.emailClaim}
                onChange={(e) => setForm({ ...form, emailClaim: e.target.value })}
              />
              <Check checked={form.jit} onChange={(v) => setForm({ ...form, jit: v })}>
                Onbekende medewerkers krijgen bij de eerste keer inloggen een account
              </Check>
              <Check checked={form.trustMfa} onChange={(v) => setForm({ ...form, trustMfa: v })}>
                MFA bij de identity provider (amr/acr) telt als tweede factor
              </Check>
            </>
          )}
          <Button kind="primary" type="submit" busy={busy}>
            Opslaan
          </Button>
        </>
      )}
    </form>
  );
}

function ResetSecondFactor({ users }: { users: UserSummary[] }) {
  const [userId, setUserId] = useState('');
  const { error, notice, busy, submit } = useSubmit('Resetten lukte niet. Probeer het opnieuw.');
  const user = users.find((u) => u.id === userId);
  const reset = (e: FormEvent) => {
    e.preventDefault();
    if (!user || !confirm(`Tweede factor van ${user.name} resetten? De sessies van dit account worden beëindigd.`)) return;
    void submit(async () => {
      await post(`/api/users/${user.id}/reset-second-factor`);
    }, `De tweede factor van ${user.name} is gereset. Bij de volgende keer inloggen krijgt deze persoon daar een melding van.`)();
  };
  return (
    <form className="ct-form" onSubmit={reset} aria-label="Tweede factor resetten">
      <Heading level={3}>Tweede factor resetten</Heading>
      <p className="utrecht-paragraph">Voor wie zijn telefoon of passkey kwijt is en geen herstelcode meer heeft. Wordt vastgelegd in het logboek.</p>
      {error && <Alert type="error">{error}</Alert>}
      {notice && <Alert type="ok">{notice}</Alert>}
      <Select
        label="Account"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        options={[{ value: '', label: 'Kies een account' }, ...users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))]}
      />
      <Button type="submit" busy={busy} disabled={!userId}>
        Tweede factor resetten
      </Button>
    </form>
  );
}
