// Choosing and setting up a second factor: authenticator app or passkey. Used during sign-in when the
// organisation requires two factors, in Mijn account, and for step-up without a factor yet.
import { useState } from 'react';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button } from '../../components/ui.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';
import { defaultPasskeyName, passkeysSupported, registerPasskey } from './passkeys.ts';

export function Enrolment<T>({ prefix, onDone, onCancel }: { prefix: string; onDone: (result: T) => void; onCancel?: () => void }) {
  const [choice, setChoice] = useState<'totp' | null>(null);
  const { error, busy, submit } = useSubmit('De passkey kon niet worden geregistreerd. Probeer het opnieuw.');
  const passkey = submit(async () => onDone(await registerPasskey<T>(prefix, defaultPasskeyName())));
  if (choice === 'totp') return <TotpEnrolment<T> prefix={prefix} onDone={onDone} onCancel={() => setChoice(null)} />;
  return (
    <div className="ct-factor">
      {error && <Alert type="error">{error}</Alert>}
      <p className="utrecht-paragraph">Kies hoe je je tweede factor geeft:</p>
      <div className="ct-choice">
        <Button kind="primary" onClick={() => setChoice('totp')}>
          Authenticator-app instellen
        </Button>
        {passkeysSupported() && (
          <Button onClick={() => void passkey()} busy={busy}>
            Passkey registreren
          </Button>
        )}
        {onCancel && (
          <Button kind="subtle" onClick={onCancel}>
            Annuleren
          </Button>
        )}
      </div>
    </div>
  );
}
