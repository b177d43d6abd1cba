// Mijn account → "Meldingen per e-mail": off, at once, or one daily summary. The e-mails say only what kind of
// thing happened and for which organisation, with a link; what it is about is read in Casustafel itself.
import { useState } from 'react';
import { get, put } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, Heading } from '../../components/ui.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { EMAIL_PREFERENCES, type EmailPreference } from '../../../shared/enums.ts';
import { EMAIL_PREFERENCE_LABELS, type EmailPreferenceResponse } from '../../../shared/notifications.ts';

export function EmailPreferenceSection() {
  const current = useAsync(() => get<EmailPreferenceResponse>('/api/account/email-notifications'), []);
  const [choice, setChoice] = useState<EmailPreference | null>(null);
  const { error, notice, busy, submit } = useSubmit('Je keuze opslaan lukte niet. Probeer het opnieuw.');
  const data = current.data;
  const chosen = choice ?? data?.preference ?? 'off';
  const save = submit(async () => {
    current.setData(await put<EmailPreferenceResponse>('/api/account/email-notifications', { preference: chosen }));
    setChoice(null);
  }, 'Je keuze is opgeslagen.');
  return (
    <section aria-labelledby="email-title" className="ct-card">
      <Heading level={2} id="email-title">
        Meldingen per e-mail
      </Heading>
      <ErrorMessage error={current.error} retry={current.reload} />
      {data && !data.available && (
        <p className="utrecht-paragraph" data-testid="email-unavailable">
          Deze installatie verstuurt geen e-mail. Je meldingen staan altijd onder Meldingen.
        </p>
      )}
      {data?.available && (
        <form onSubmit={save}>
          <p className="utrecht-paragraph">
            Een e-mail noemt alleen wat voor melding het is en voor welke organisatie, met een link naar Casustafel. Namen, kenmerken en inhoud van een casus
            staan er nooit in.
          </p>
          <fieldset className="ct-fieldset">
            <legend>Wil je een e-mail bij nieuwe meldingen?</legend>
            {EMAIL_PREFERENCES.map((p) => (
              <label key={p} className="ct-check ct-check--block">
                <input type="radio" name="email-preference" value={p} checked={chosen === p} onChange={() => setChoice(p)} /> {EMAIL_PREFERENCE_LABELS[p]}
              </label>
            ))}
          </fieldset>
          {error && <Alert type="error">{error}</Alert>}
          {notice && <Alert type="ok">{notice}</Alert>}
          <Button kind="primary" type="submit" busy={busy} disabled={chosen === data.preference}>
            Opslaan
          </Button>
        </form>
      )}
    </section>
  );
}
