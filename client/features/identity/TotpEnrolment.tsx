// Setting up an authenticator app: QR code and the secret as text, then a first code to confirm.
import { useEffect, useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, Heading, Loading, TextInput } from '../../components/ui.tsx';
import type { TotpEnrolmentResponse } from '../../../shared/auth.ts';

/** `prefix`: /api/auth/login (enrolment during sign-in) or /api/account/factor (Mijn account). */
export function TotpEnrolment<T>({ prefix, onDone, onCancel }: { prefix: string; onDone: (result: T) => void; onCancel?: () => void }) {
  const [start, setStart] = useState<TotpEnrolmentResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const { error, busy, submit } = useSubmit('De code kon niet worden gecontroleerd. Probeer het opnieuw.');
  useEffect(() => {
    post<TotpEnrolmentResponse>(`${prefix}/enrol/totp`)
      .then(setStart)
      .catch((e: Error) => setLoadError(e.message));
  }, [prefix]);
  const confirm = submit(async () => onDone(await post<T>(`${prefix}/enrol/totp/confirm`, { code })));

  if (loadError) return <Alert type="error">{loadError}</Alert>;
  if (!start) return <Loading />;
  return (
    <section aria-labelledby="totp-title" className="ct-enrol">
      <Heading level={2} id="totp-title">
        Authenticator-app instellen
      </Heading>
      <ol className="ct-steps">
        <li>Open een authenticator-app op je telefoon (bijvoorbeeld Microsoft Authenticator, Google Authenticator of FreeOTP).</li>
        <li>Scan de QR-code, of typ de sleutel hieronder over.</li>
        <li>Vul de code van zes cijfers in die de app laat zien.</li>
      </ol>
      <img className="ct-qr" src={start.qrCode} width={200} height={200} alt="QR-code om Casustafel toe te voegen aan je authenticator-app" />
      <p className="utrecht-paragraph">
        Sleutel om over te typen:{' '}
        <code className="ct-secret" data-testid="totp-secret">
          {start.secret.replace(/(.{4})/g, '$1 ').trim()}
        </code>
      </p>
      {error && <Alert type="error">{error}</Alert>}
      <form onSubmit={confirm} className="ct-form" noValidate>
        <TextInput
          label="Code uit de app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <div className="ct-actions-row">
          <Button kind="primary" type="submit" busy={busy}>
            {busy ? 'Bezig met controleren…' : 'Bevestigen'}
          </Button>
          {onCancel && <Button onClick={onCancel}>Annuleren</Button>}
        </div>
      </form>
    </section>
  );
}
