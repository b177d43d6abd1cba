// "Mijn account": how you sign in (authenticator app, passkeys, recovery codes), your password, whether you
// want notifications by e-mail, and your active sessions, each of which you can end.
import { useState } from 'react';
import { del, get, post } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Alert, Button, Heading, Loading, TextInput } from '../../components/ui.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Cell, Row, Table } from '../../components/Table.tsx';
import { formatDateTime } from '../../../shared/labels.ts';
import {
  authMethodLabel,
  MIN_PASSWORD_LENGTH,
  type AccountResponse,
  type FactorAnswer,
  type RecoveryCodesResponse,
  type SessionSummary,
  type SessionsEndedResponse,
} from '../../../shared/auth.ts';
import { TotpEnrolment } from '../../features/identity/TotpEnrolment.tsx';
import { RecoveryCodes } from '../../features/identity/RecoveryCodes.tsx';
import { defaultPasskeyName, passkeysSupported, registerPasskey } from '../../features/identity/passkeys.ts';
import { describeDevice } from '../../features/identity/device.ts';
import { EmailPreferenceSection } from '../../features/notifications/EmailPreference.tsx';

type Account = AccountResponse;
type SessionRow = SessionSummary;

export function AccountPage() {
  const { data, error, loading, reload } = useAsync(() => get<Account>('/api/account'), []);
  if (loading && !data) return <Loading />;
  if (error || !data) return <ErrorMessage error={error} retry={reload} />;
  return (
    <div className="ct-account">
      <Heading level={1}>Mijn account</Heading>
      <FactorsSection account={data} reload={reload} />
      <PasswordSection reload={reload} />
      <EmailPreferenceSection />
      <SessionsSection account={data} reload={reload} />
    </div>
  );
}

function FactorsSection({ account, reload }: { account: Account; reload: () => Promise<void> }) {
  const { me, setMe } = useAuth();
  const [adding, setAdding] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const { error, notice, busy, submit } = useSubmit('Dat lukte niet. Probeer het opnieuw.');
  const { factors } = account;
  const afterEnrol = (r: FactorAnswer) => {
    const codes = r.step === 'done' ? r.recoveryCodes : undefined;
    setAdding(false);
    if (me && !me.secondFactor) setMe({ ...me, secondFactor: true });
    if (codes?.length) setCodes(codes);
    void reload();
  };
  const addPasskey = submit(async () => afterEnrol(await registerPasskey<FactorAnswer>('/api/account/factor', defaultPasskeyName())), 'Passkey toegevoegd.');
  const removeTotp = submit(async () => {
    await del('/api/account/totp');
    await reload();
  }, 'Authenticator-app verwijderd.');
  const removePasskey = (id: string) =>
    submit(async () => {
      await del(`/api/account/passkeys/${encodeURIComponent(id)}`);
      await reload();
    }, 'Passkey verwijderd.');
  const renewCodes = submit(async () => {
    setCodes((await post<RecoveryCodesResponse>('/api/account/recovery-codes')).recoveryCodes);
    await reload();
  });

  return (
    <section aria-labelledby="factors-title" className="ct-card">
      <Heading level={2} id="factors-title">
        Tweede factor
      </Heading>
      <p className="utrecht-paragraph">
        {factors.required ? 'Je organisatie vraagt om inloggen met twee factoren.' : 'Met een tweede factor is je account beter beschermd.'} Deze sessie is
        ingelogd met: {authMethodLabel(account.session.method)}.
      </p>
      {error && <Alert type="error">{error}</Alert>}
      {notice && <Alert type="ok">{notice}</Alert>}
      {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
      <dl className="ct-facts">
        <dt>Authenticator-app</dt>
        <dd>
          {factors.totp ? 'Ingesteld' : 'Niet ingesteld'}{' '}
          {factors.totp ? (
            <Button kind="subtle" onClick={() => void removeTotp()} busy={busy}>
              Verwijderen
            </Button>
          ) : (
            !adding && <Button onClick={() => setAdding(true)}>Authenticator-app instellen</Button>
          )}
        </dd>
        <dt>Passkeys</dt>
        <dd>
          {factors.passkeys.length === 0 && 'Geen'}
          {factors.passkeys.length > 0 && (
            <ul className="ct-list">
              {factors.passkeys.map((p) => (
                <li key={p.id}>
                  {p.name} · toegevoegd {formatDateTime(p.createdAt)}
                  {p.lastUsedAt ? ` · laatst gebruikt ${formatDateTime(p.lastUsedAt)}` : ''}{' '}
                  <Button kind="subtle" onClick={() => void removePasskey(p.id)()} aria-label={`Passkey ${p.name} verwijderen`}>
                    Verwijderen
                  </Button>
                </li>
              ))}
            </ul>
          )}{' '}
          {passkeysSupported() && (
            <Button onClick={() => void addPasskey()} busy={busy}>
              Passkey toevoegen
            </Button>
          )}
        </dd>
        <dt>Herstelcodes</dt>
        <dd>
          {factors.recoveryCodesLeft} over{' '}
          {(factors.totp || factors.passkeys.length > 0) && (
            <Button kind="subtle" onClick={() => void renewCodes()}>
              Nieuwe herstelcodes maken
            </Button>
          )}
        </dd>
      </dl>
      {adding && <TotpEnrolment<FactorAnswer> prefix="/api/account/factor" onDone={afterEnrol} onCancel={() => setAdding(false)} />}
    </section>
  );
}

function PasswordSection({ reload }: { reload: () => Promise<void> }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { error, notice, busy, submit, setError } = useSubmit('Je wachtwoord wijzigen lukte niet. Probeer het opnieuw.');
  const change = submit(async () => {
    if (next !== again) throw Object.assign(new Error(), { message: 'De twee nieuwe wachtwoorden zijn niet gelijk.' });
    const r = await post<SessionsEndedResponse>('/api/account/password', { currentPassword: current, newPassword: next });
    setCurrent('');
    setNext('');
    setAgain('');
    await reload();
    return r;
  }, 'Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd.');
  return (
    <section aria-labelledby="password-title" className="ct-card">
      <Heading level={2} id="password-title">
        Wachtwoord wijzigen
      </Heading>
      {error && <Alert type="error">{error}</Alert>}
      {notice && <Alert type="ok">{notice}</Alert>}
      <form
        className="ct-form"
        noValidate
        onSubmit={(e) => {
          if (next !== again) {
            e.preventDefault();
            setError('De twee nieuwe wachtwoorden zijn niet gelijk.');
            return;
          }
          void change(e);
        }}
      >
        <TextInput
          label="Huidig wachtwoord"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextInput
          label="Nieuw wachtwoord"
          description={`Minstens ${MIN_PASSWORD_LENGTH} tekens, en geen veelgebruikt wachtwoord.`}
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <TextInput
          label="Nieuw wachtwoord herhalen"
          type="password"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.target.value)}
        />
        <Button kind="primary" type="submit" busy={busy}>
          Wachtwoord wijzigen
        </Button>
      </form>
    </section>
  );
}

function SessionsSection({ account, reload }: { account: Account; reload: () => Promise<void> }) {
  const { error, notice, busy, submit } = useSubmit('De sessie beëindigen lukte niet. Probeer het opnieuw.');
  const end = (s: SessionRow) =>
    submit(async () => {
      await del(`/api/account/sessions/${s.id}`);
      await reload();
    }, 'Sessie beëindigd.');
  const endOthers = submit(async () => {
    await post('/api/account/sessions/end-others');
    await reload();
  }, 'Alle andere sessies zijn beëindigd.');
  const others = account.sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-title" className="ct-card">
      <Heading level={2} id="sessions-title">
        Actieve sessies
      </Heading>
      <p className="utrecht-paragraph">Waar je nu bent ingelogd. Herken je een sessie niet? Beëindig die en wijzig je wachtwoord.</p>
      {error && <Alert type="error">{error}</Alert>}
      {notice && <Alert type="ok">{notice}</Alert>}
      <Table headers={['Apparaat', 'IP-adres', 'Sinds', 'Laatst actief', 'Ingelogd met', 'Actie']} aria-labelledby="sessions-title">
        {account.sessions.map((s) => (
          <Row key={s.id}>
            <Cell>{describeDevice(s.userAgent)}</Cell>
            <Cell>{s.ip ?? 'onbekend'}</Cell>
            <Cell>{formatDateTime(s.createdAt)}</Cell>
            <Cell>{formatDateTime(s.lastSeenAt)}</Cell>
            <Cell>{authMethodLabel(s.method)}</Cell>
            <Cell>
              {s.current ? (
                <strong>Deze sessie</strong>
              ) : (
                <Button
                  kind="subtle"
                  onClick={() => void end(s)()}
                  busy={busy}
                  aria-label={`Sessie op ${describeDevice(s.userAgent)} sinds ${formatDateTime(s.createdAt)} beëindigen`}
                >
                  Beëindigen
                </Button>
              )}
            </Cell>
          </Row>
        ))}
      </Table>
      {others > 0 && (
        <p>
          <Button onClick={() => void endOthers()} busy={busy}>
            Alle andere sessies beëindigen
          </Button>
        </p>
      )}
    </section>
  );
}
