// Vaststellen (an established version; minutes become read-only for all), heropenen with a reason,
// and export (printable page, PDF).
import { useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Button, FormActions, Heading, TextArea, TextInput } from '../../components/ui.tsx';
import { formatDateTime, formatShortDate } from '../../../shared/labels.ts';
import type { DocumentContext } from '../editor/document-context.ts';
import { useHouseholdRights } from '../../lib/policy.ts';

export function EstablishPanel({ ctx, onChanged }: { ctx: DocumentContext; onChanged: () => void }) {
  const { document: doc } = ctx;
  const isRegie = useHouseholdRights(ctx.household)('direct');
  const meeting = doc.kind === 'meeting';
  const defaultName = `${meeting ? 'Vastgesteld verslag' : 'Vastgesteld plan van aanpak'} ${formatShortDate(new Date().toISOString())}`;
  const [mode, setMode] = useState<'idle' | 'establish' | 'reopen'>('idle');
  const [name, setName] = useState(defaultName);
  const [reason, setReason] = useState('');
  const { error, notice, busy, submit } = useSubmit('Dat lukte niet.');
  const run = (e: React.FormEvent, fn: () => Promise<unknown>, ok: string) =>
    submit(async () => {
      await fn();
      setMode('idle');
      onChanged();
    }, ok)(e);

  const base = `/huishoudens/${doc.householdId}/documenten/${doc.id}`;
  return (
    <section className="ct-card" aria-labelledby="establish-title">
      <Heading level={2} id="establish-title">
        {meeting ? 'Verslag' : 'Plan van aanpak'}
      </Heading>
      {error && <Alert type="error">{error}</Alert>}
      {notice && <Alert type="ok">{notice}</Alert>}
      {isRegie && !doc.lockedAt && mode !== 'establish' && (
        <Button kind="primary" onClick={() => setMode('establish')}>
          {meeting ? 'Verslag vaststellen' : 'Plan vaststellen'}
        </Button>
      )}
      {mode === 'establish' && (
        <form
          className="ct-form"
          aria-label="Vaststellen"
          onSubmit={(e) =>
            run(
              e,
              () => post(`/api/documents/${doc.id}/establish`, { name }),
              meeting ? 'Het verslag is vastgesteld en kan niet meer worden gewijzigd.' : 'Het plan van aanpak is vastgesteld.',
            )
          }
        >
          <p className="utrecht-paragraph">
            {meeting
              ? 'Na vaststellen kan niemand het verslag nog wijzigen. Alleen de regievoerder kan het heropenen, met een reden.'
              : 'Er wordt een vastgestelde versie gemaakt; het plan blijft daarna bewerkbaar.'}
          </p>
          <TextInput label="Naam van de vastgestelde versie" required value={name} onChange={(e) => setName(e.target.value)} />
          <FormActions submit="Vaststellen" busy={busy} onCancel={() => setMode('idle')} />
        </form>
      )}
      {isRegie && doc.lockedAt && mode !== 'reopen' && <Button onClick={() => setMode('reopen')}>Verslag heropenen</Button>}
      {doc.lockedAt && doc.reopenedAt && (
        <p className="ct-small">
          Eerder heropend op {formatDateTime(doc.reopenedAt)}
          {doc.reopenedBy && ` door ${doc.reopenedBy.name}`}. Reden: {doc.reopenReason}
        </p>
      )}
      {mode === 'reopen' && (
        <form
          className="ct-form"
          aria-label="Verslag heropenen"
          onSubmit={(e) => run(e, () => post(`/api/documents/${doc.id}/reopen`, { reason }), 'Het verslag is heropend en weer bewerkbaar.')}
        >
          <TextArea label="Reden voor heropenen" required value={reason} onChange={(e) => setReason(e.target.value)} />
          <FormActions submit="Heropenen" busy={busy} onCancel={() => setMode('idle')} />
        </form>
      )}
      <Heading level={3}>Exporteren</Heading>
      <ul className="ct-doclist">
        <li>
          <a className="utrecht-link" href={`${base}/afdrukken`} target="_blank" rel="noopener">
            Afdrukbare versie openen
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={`/api/documents/${doc.id}/export.pdf`} download>
            PDF downloaden (actuele versie)
          </a>
        </li>
      </ul>
      <p className="ct-small">Een vastgestelde versie exporteer je via de versielijst.</p>
    </section>
  );
}
