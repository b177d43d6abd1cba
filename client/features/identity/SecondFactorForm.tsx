// Giving the second factor: a code from the authenticator app, a passkey, or a recovery code. Used at
// sign-in (/api/auth/login) and for step-up of a signed-in session (/api/account/factor).
import { useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, TextInput } from '../../components/ui.tsx';
import { provePasskey } from './passkeys.ts';

export type FactorMethod = 'totp' | 'passkey' | 'recovery';

export function SecondFactorForm<T>({ prefix, methods, onDone }: { prefix: string; methods: FactorMethod[]; onDone: (result: T) => void }) {
  const [mode, setMode] = useState<'totp' | 'recovery'>(methods.includes('totp') ? 'totp' : 'recovery');
  const [code, setCode] = useState('');
  const { error, busy, submit } = useSubmit('De code kon niet worden gecontroleerd. Probeer het opnieuw.');
  const send = submit(async () => onDone(await post<T>(`${prefix}/${mode}`, { code })));
  const passkey = submit(async () => onDone(await provePasskey<T>(prefix)));
  const hasCodes = methods.includes('totp') || methods.includes('recovery');

  return (
    <div className="ct-factor">
      {error && <Alert type="error">{error}</Alert>}
      {methods.includes('passkey') && (
        <p>
          <Button kind={methods.includes('totp') ? 'secondary' : 'primary'} onClick={() => void passkey()} busy={busy}>
            Gebruik je passkey
          </Button>
        </p>
      )}
      {hasCodes && (
        <form onSubmit={send} className="ct-form" noValidate>
          {mode === 'totp' ? (
            <TextInput
              key="totp"
              label="Code uit je authenticator-app"
              description="Zes cijfers; de app maakt elke 30 seconden een nieuwe."
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          ) : (
            <TextInput
              key="recovery"
              label="Herstelcode"
              description="Een van de tien codes die je bij het instellen hebt bewaard, bijvoorbeeld abcde-12345."
              name="recovery"
              autoComplete="off"
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
          <div className="ct-actions-row">
            <Button kind="primary" type="submit" busy={busy}>
              {busy ? 'Bezig met controleren…' : 'Verder'}
            </Button>
            {methods.includes('totp') && methods.includes('recovery') && (
              <Button
                kind="subtle"
                onClick={() => {
                  setMode(mode === 'totp' ? 'recovery' : 'totp');
                  setCode('');
                }}
              >
                {mode === 'totp' ? 'Gebruik een herstelcode' : 'Gebruik je authenticator-app'}
              </Button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
