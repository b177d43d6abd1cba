// Shown where a household answered STEP_UP_REQUIRED: its organisation requires two factors and this session
// has only one. The user proves (or first sets up) a second factor, and the page loads again.
import { useEffect, useState } from 'react';
import { get } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import type { AccountResponse, FactorAnswer } from '../../../shared/auth.ts';
import { Alert, Button, Heading, Loading } from '../../components/ui.tsx';
import { SecondFactorForm, type FactorMethod } from './SecondFactorForm.tsx';
import { Enrolment } from './Enrolment.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

export function StepUp({ onDone }: { onDone: () => void }) {
  const { me, setMe } = useAuth();
  const [methods, setMethods] = useState<FactorMethod[] | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  useEffect(() => {
    get<AccountResponse>('/api/account').then(({ factors }) => {
      const m: FactorMethod[] = [];
      if (factors.totp) m.push('totp');
      if (factors.passkeys.length) m.push('passkey');
      if (factors.recoveryCodesLeft > 0) m.push('recovery');
      setMethods(m);
    });
  }, []);
  const done = (r: FactorAnswer) => {
    if (me) setMe({ ...me, secondFactor: true });
    const fresh = r.step === 'done' ? r.recoveryCodes : undefined;
    if (fresh?.length) setCodes(fresh);
    else onDone();
  };
  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} doneLabel="Ik heb de codes bewaard, ga verder" />;
  return (
    <section className="ct-stepup" aria-labelledby="stepup-title">
      <Heading level={1} id="stepup-title">
        Bevestig je tweede factor
      </Heading>
      <Alert type="info">
        De organisatie die dit huishouden regisseert vraagt om inloggen met twee factoren. Je bent nu ingelogd met alleen je{' '}
        {me?.secondFactor ? 'eerste factor' : 'wachtwoord'}.
      </Alert>
      {methods === null ? (
        <Loading />
      ) : methods.length ? (
        <SecondFactorForm<FactorAnswer> prefix="/api/account/factor" methods={methods} onDone={done} />
      ) : (
        <>
          <p className="utrecht-paragraph">Je hebt nog geen tweede factor. Stel er een in om verder te gaan.</p>
          <Enrolment<FactorAnswer> prefix="/api/account/factor" onDone={done} />
        </>
      )}
      <p>
        <Button kind="subtle" onClick={() => history.back()}>
          Terug
        </Button>
      </p>
    </section>
  );
}
