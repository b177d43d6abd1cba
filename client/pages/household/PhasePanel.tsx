// Current phase; the regievoerder changes it with a reason, kept as history.
import { useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import type { HouseholdDetail } from '../../../shared/api.ts';
import { Alert, Button, FormActions, Heading, Select, TextArea } from '../../components/ui.tsx';
import { PhaseBadge } from '../../components/badges.tsx';
import { PHASES, type Phase } from '../../../shared/enums.ts';
import { PHASE_LABELS, formatDateTime } from '../../../shared/labels.ts';

export function PhasePanel({ household: h, onChange, canChange }: { household: HouseholdDetail; onChange: () => void; canChange: boolean }) {
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>(h.phase);
  const [reason, setReason] = useState('');
  const { error, busy, submit: run } = useSubmit('Wijzigen lukte niet.');
  const submit = run(async () => {
    await post(`/api/households/${h.id}/phase`, { phase, reason });
    setOpen(false);
    setReason('');
    onChange();
  });
  return (
    <section className="ct-card" aria-labelledby="phase-title">
      <Heading level={2} id="phase-title">
        Fase
      </Heading>
      <ol className="ct-phases" aria-label="Fasen">
        {PHASES.map((p) => (
          <li key={p} aria-current={p === h.phase ? 'step' : undefined} className={p === h.phase ? 'ct-phases__current' : ''}>
            {PHASE_LABELS[p]}
          </li>
        ))}
      </ol>
      {canChange && !open && (
        <Button
          onClick={() => {
            setPhase(h.phase);
            setOpen(true);
          }}
        >
          Fase wijzigen
        </Button>
      )}
      {open && (
        <form onSubmit={submit} className="ct-form" aria-label="Fase wijzigen">
          {error && <Alert type="error">{error}</Alert>}
          <Select
            label="Nieuwe fase"
            value={phase}
            onChange={(e) => setPhase(e.target.value as Phase)}
            options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
          />
          <TextArea
            label="Reden"
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            description="Bijvoorbeeld: veiligheid is stabiel, geen nieuwe incidenten sinds het laatste overleg."
          />
          <FormActions submit="Fase opslaan" busy={busy} onCancel={() => setOpen(false)} />
        </form>
      )}
      {h.phaseHistory.length > 0 && (
        <details className="ct-details">
          <summary>Geschiedenis ({h.phaseHistory.length})</summary>
          <ul className="ct-history">
            {h.phaseHistory.map((p) => (
              <li key={p.id}>
                <PhaseBadge phase={p.to} /> {formatDateTime(p.at)}
                {p.by && ` door ${p.by}`}: {p.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
