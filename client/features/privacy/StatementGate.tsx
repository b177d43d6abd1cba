// Shown where a household answered STATEMENT_REQUIRED: before a participant first opens a household's
// content they confirm its geheimhoudingsverklaring (text set by the functioneel beheerder). The
// confirmation is audited by the server; then the page loads again.
import { useState } from 'react';
import { ApiError, get, post } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import type { HouseholdStatementResponse } from '../../../shared/api.ts';
import { Alert, Button, Heading, Loading } from '../../components/ui.tsx';
import { Link } from '../../lib/router.tsx';

export function StatementGate({ householdId, onDone }: { householdId: string; onDone: () => void }) {
  const { data, error } = useAsync(() => get<HouseholdStatementResponse>(`/api/households/${householdId}/statement`), [householdId]);
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (error) return <Alert type="error">{error.message}</Alert>;
  if (!data) return <Loading />;
  async function confirm() {
    if (!agreed) return setProblem('Vink aan dat je de verklaring hebt gelezen en je eraan houdt.');
    setBusy(true);
    setProblem(null);
    try {
      await post(`/api/households/${householdId}/statement`, {});
      onDone();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : 'Bevestigen lukte niet. Probeer het opnieuw.');
      setBusy(false);
    }
  }
  const { household, statement } = data;
  return (
    <section className="ct-statement" aria-labelledby="statement-title" data-testid="statement-gate">
      <Heading level={1} id="statement-title">
        Geheimhoudingsverklaring
      </Heading>
      <p className="utrecht-paragraph">
        Voordat je {household.reference ? <strong>{household.reference}</strong> : 'dit huishouden'} opent, bevestig je eenmalig dat je de gegevens
        vertrouwelijk behandelt. Je bevestiging wordt vastgelegd in het logboek van dit huishouden.
      </p>
      <blockquote className="ct-statement__text" data-testid="statement-text">
        {statement.text}
      </blockquote>
      {household.regievoerders.length > 0 && (
        <p className="utrecht-paragraph ct-small">Regievoerder: {household.regievoerders.map((r) => `${r.name} (${r.organization})`).join(', ')}</p>
      )}
      {problem && <Alert type="error">{problem}</Alert>}
      <p className="utrecht-paragraph">
        <label className="ct-checkbox">
          <input type="checkbox" className="utrecht-checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} /> Ik heb de verklaring gelezen en
          houd mij eraan
        </label>
      </p>
      <p className="utrecht-paragraph">
        <Button kind="primary" busy={busy} onClick={confirm}>
          Bevestigen en openen
        </Button>{' '}
        <Link className="utrecht-link" href="/">
          Terug naar Mijn casussen
        </Link>
      </p>
    </section>
  );
}
