// Sign-in: e-mail and password (or a passkey, or the organisation's own provider), then the second factor,
// or its enrolment when the organisation requires one. After enrolment the recovery codes are shown once.
import { useEffect, useState } from 'react';
import { get, post } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { useAuth } from '../lib/auth.tsx';
import type { Me } from '../../shared/api.ts';
import type { AccountNoticeKind, LoginAnswer, OidcProvider, OidcProvidersResponse } from '../../shared/auth.ts';
import { navigate } from '../lib/router.tsx';
import { Alert, Button, Heading, TextInput } from '../components/ui.tsx';
import { SecondFactorForm, type FactorMethod } from '../features/identity/SecondFactorForm.tsx';
import { Enrolment } from '../features/identity/Enrolment.tsx';
import { RecoveryCodes } from '../features/identity/RecoveryCodes.tsx';
import { passkeysSupported, provePasskey } from '../features/identity/passkeys.ts';

type Notice = AccountNoticeKind | undefined;

type Stage =
  | { kind: 'password' }
  | { kind: 'verify'; methods: FactorMethod[]; notice?: Notice }
  | { kind: 'enrol'; notice?: Notice }
  | { kind: 'codes'; codes: string[]; user: Me };

const OIDC_ERRORS: Record<string, string> = {
  unknown_user: 'Je organisatie kent je, maar Casustafel nog niet. Vraag de functioneel beheerder om een account.',
  failed: 'Inloggen via je organisatie lukte niet. Probeer het opnieuw.',
};

export function LoginPage() {
  const { setMe } = useAuth();
  const [stage, setStage] = useState<Stage>({ kind: 'password' });
  const [providers, setProviders] = useState<OidcProvider[]>([]);
  const oidcError = new URLSearchParams(location.search).get('fout');

  useEffect(() => {
    // A sign-in that already passed its first factor (e.g. back from the organisation's provider) continues here.
    get<LoginAnswer>('/api/auth/login/pending')
      .then((a) =>
        setStage(
          a.step === 'verify'
            ? { kind: 'verify', methods: a.methods, notice: a.notice }
            : a.step === 'enrol'
              ? { kind: 'enrol', notice: a.notice }
              : { kind: 'password' },
        ),
      )
      .catch(() => {});
    get<OidcProvidersResponse>('/api/auth/oidc/providers')
      .then((r) => setProviders(r.providers))
      .catch(() => {});
  }, []);

  const enter = (user: Me) => {
    setMe(user);
    const back = new URLSearchParams(location.search).get('terug');
    // The functioneel beheerder's work is in Beheer; they take part in no household.
    const home = user.admin ? '/beheer' : '/';
    navigate(back?.startsWith('/') && !back.startsWith('//') && back !== '/inloggen' && back !== '/' ? back : home, { replace: true });
  };

  const answer = (a: LoginAnswer) => {
    if (a.step === 'done') {
      if (a.recoveryCodes?.length) setStage({ kind: 'codes', codes: a.recoveryCodes, user: a.user });
      else enter(a.user);
    } else if (a.step === 'verify') setStage({ kind: 'verify', methods: a.methods, notice: a.notice });
    else setStage({ kind: 'enrol', notice: a.notice });
  };

  const restart = async () => {
    await post('/api/auth/login/cancel').catch(() => {});
    setStage({ kind: 'password' });
  };

  return (
    <section className="ct-login" aria-labelledby="login-title">
      {stage.kind === 'password' && (
        <PasswordStep onAnswer={answer} providers={providers} error={oidcError ? (OIDC_ERRORS[oidcError] ?? OIDC_ERRORS.failed!) : null} />
      )}
      {stage.kind !== 'password' && stage.kind !== 'codes' && stage.notice === 'second_factor_reset' && (
        <Alert type="warning" title="Je tweede factor is gereset">
          Een functioneel beheerder heeft je tweede factor gereset. Stel hieronder opnieuw een tweede factor in. Was jij dit niet die erom vroeg? Meld het dan
          bij je beheerder.
        </Alert>
      )}
      {stage.kind === 'verify' && (
        <>
          <Heading level={1} id="login-title">
            Tweede factor
          </Heading>
          <p className="utrecht-paragraph">Bevestig dat jij het bent.</p>
          <SecondFactorForm<LoginAnswer> prefix="/api/auth/login" methods={stage.methods} onDone={answer} />
          <p>
            <Button kind="subtle" onClick={() => void restart()}>
              Opnieuw beginnen
            </Button>
          </p>
        </>
      )}
      {stage.kind === 'enrol' && (
        <>
          <Heading level={1} id="login-title">
            Tweede factor instellen
          </Heading>
          <p className="utrecht-paragraph">Je organisatie vraagt om inloggen met twee factoren. Stel er nu een in; daarna ga je verder naar Casustafel.</p>
          <Enrolment<LoginAnswer> prefix="/api/auth/login" onDone={answer} onCancel={() => void restart()} />
        </>
      )}
      {stage.kind === 'codes' && (
        <>
          <Heading level={1} id="login-title">
            Tweede factor ingesteld
          </Heading>
          <RecoveryCodes codes={stage.codes} onDone={() => enter(stage.user)} doneLabel="Ik heb de codes bewaard, ga verder" />
        </>
      )}
    </section>
  );
}

function PasswordStep({ onAnswer, providers, error: initialError }: { onAnswer: (a: LoginAnswer) => void; providers: OidcProvider[]; error: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit: run } = useSubmit('Inloggen lukte niet. Probeer het opnieuw.');
  const passkey = useSubmit('Inloggen met je passkey lukte niet. Probeer het opnieuw.');
  const submit = run(async () => onAnswer(await post<LoginAnswer>('/api/auth/login', { email, password })));
  const withPasskey = passkey.submit(async () => onAnswer(await provePasskey<LoginAnswer>('/api/auth')));
  const shown = error ?? passkey.error ?? initialError;
  const { signedOutBecause } = useAuth();
  return (
    <>
      <Heading level={1} id="login-title">
        Inloggen
      </Heading>
      <p className="utrecht-paragraph">Casustafel is voor professionals die samenwerken rond een huishouden na huiselijk geweld.</p>
      {signedOutBecause && !shown && (
        <Alert type="warning" title="Je bent uitgelogd">
          {signedOutBecause}
        </Alert>
      )}
      {shown && <Alert type="error">{shown}</Alert>}
      <form onSubmit={submit} className="ct-form" noValidate>
        <TextInput
          label="E-mailadres"
          type="email"
          name="email"
          autoComplete="username webauthn"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextInput
          label="Wachtwoord"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button kind="primary" type="submit" busy={busy}>
          {busy ? 'Bezig met inloggen…' : 'Inloggen'}
        </Button>
      </form>
      {(passkeysSupported() || providers.length > 0) && (
        <div className="ct-login__alt" role="group" aria-label="Andere manieren om in te loggen">
          <p className="utrecht-paragraph">Of log in:</p>
          {passkeysSupported() && (
            <Button onClick={() => void withPasskey()} busy={passkey.busy}>
              Met een passkey
            </Button>
          )}
          {providers.map((p) => (
            <a
              key={p.id}
              className="utrecht-button utrecht-button--secondary-action ct-button-link"
              href={`/api/auth/oidc/${p.id}/start${location.search.includes('terug=') ? '?' + new URLSearchParams({ terug: new URLSearchParams(location.search).get('terug') ?? '/' }) : ''}`}
            >
              Via {p.name}
            </a>
          ))}
        </div>
      )}
    </>
  );
}
