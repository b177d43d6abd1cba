import { useState } from 'react';
import { post } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { useAuth, type Me } from '../lib/auth.tsx';
import { navigate } from '../lib/router.tsx';
import { Alert, Button, Heading, TextInput } from '../components/ui.tsx';

export function LoginPage() {
  const { setMe } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit: run } = useSubmit('Inloggen lukte niet. Probeer het opnieuw.');
  const submit = run(async () => {
    const { user } = await post<{ user: Me }>('/api/auth/login', { email, password });
    setMe(user);
    const back = new URLSearchParams(location.search).get('terug');
    navigate(back && back.startsWith('/') && back !== '/inloggen' ? back : '/', { replace: true });
  });

  return (
    <section className="ct-login" aria-labelledby="login-title">
      <Heading level={1} id="login-title">
        Inloggen
      </Heading>
      <p className="utrecht-paragraph">Casustafel is voor professionals die samenwerken rond een huishouden na huiselijk geweld.</p>
      {error && <Alert type="error">{error}</Alert>}
      <form onSubmit={submit} className="ct-form" noValidate>
        <TextInput label="E-mailadres" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextInput label="Wachtwoord" type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Button kind="primary" type="submit" busy={busy}>
          {busy ? 'Bezig met inloggen…' : 'Inloggen'}
        </Button>
      </form>
    </section>
  );
}
