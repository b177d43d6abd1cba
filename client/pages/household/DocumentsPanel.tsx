// The plan and the casusoverleggen (each with its own minutes); the regievoerder plans a new one.
import { useState } from 'react';
import { post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Link, navigate } from '../../lib/router.tsx';
import type { DocumentSummary, HouseholdDetail, MeetingCreatedResponse } from '../../../shared/api.ts';
import { Alert, Badge, Button, EmptyState, FormActions, Heading, TextInput } from '../../components/ui.tsx';
import { formatDateTime } from '../../../shared/labels.ts';
import { useHouseholdRights } from '../../lib/policy.ts';
import { addDays, amsterdamDay } from '../../../shared/huisverbod.ts';
import { amsterdamWallTimeToIso } from '../../../shared/time.ts';

export function DocumentsPanel({ household: h, onChange }: { household: HouseholdDetail; onChange: () => void }) {
  const [planning, setPlanning] = useState(false);
  const may = useHouseholdRights(h);
  const plan = h.documents.find((d) => d.kind === 'plan');
  const meetings = h.documents.filter((d) => d.kind === 'meeting');
  return (
    <section className="ct-card" aria-labelledby="docs-title">
      <Heading level={2} id="docs-title">
        Plan en casusoverleggen
      </Heading>
      <ul className="ct-doclist">
        {plan && (
          <li>
            <Link href={`/huishoudens/${h.id}/documenten/${plan.id}`} className="utrecht-link ct-strong">
              Plan van aanpak
            </Link>
            <span className="ct-small"> · samen bewerken</span>
          </li>
        )}
      </ul>
      <Heading level={3}>Casusoverleggen</Heading>
      {meetings.length === 0 && (
        <EmptyState title="Nog geen casusoverleg gepland.">
          {may('direct') && (
            <p className="utrecht-paragraph">Plan het eerste overleg; het verslag begint met de aanwezigen en de evaluatie van openstaande acties.</p>
          )}
        </EmptyState>
      )}
      {meetings.length > 0 && (
        <ul className="ct-doclist" aria-label="Casusoverleggen">
          {meetings.map((m) => (
            <MeetingItem key={m.id} householdId={h.id} meeting={m} />
          ))}
        </ul>
      )}
      {may('direct') &&
        (planning ? (
          <MeetingForm
            householdId={h.id}
            onDone={(doc) => {
              setPlanning(false);
              onChange();
              navigate(`/huishoudens/${h.id}/documenten/${doc.id}`);
            }}
            onCancel={() => setPlanning(false)}
          />
        ) : (
          <Button onClick={() => setPlanning(true)}>Casusoverleg plannen</Button>
        ))}
    </section>
  );
}

function MeetingItem({ householdId, meeting: m }: { householdId: string; meeting: DocumentSummary }) {
  return (
    <li>
      <Link href={`/huishoudens/${householdId}/documenten/${m.id}`} className="utrecht-link ct-strong">
        {m.title}
      </Link>
      <span className="ct-small"> · {formatDateTime(m.meetingAt)}</span> {m.lockedAt && <Badge tone="ok">Vastgesteld</Badge>}
    </li>
  );
}

function MeetingForm({ householdId, onDone, onCancel }: { householdId: string; onDone: (doc: DocumentSummary) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('Casusoverleg');
  // Dates and times are Amsterdam wall time, whatever the computer's own time zone.
  const [when, setWhen] = useState(() => `${addDays(amsterdamDay(new Date()), 1)}T10:00`);
  const { error, busy, submit: run } = useSubmit('Plannen lukte niet.');
  const submit = run(async () => {
    const { document } = await post<MeetingCreatedResponse>(`/api/households/${householdId}/meetings`, { title, meetingAt: amsterdamWallTimeToIso(when) });
    onDone(document);
  });
  return (
    <form onSubmit={submit} className="ct-form" aria-label="Casusoverleg plannen">
      {error && <Alert type="error">{error}</Alert>}
      <TextInput label="Titel" required value={title} onChange={(e) => setTitle(e.target.value)} />
      <TextInput label="Datum en tijd" description="Nederlandse tijd" type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
      <FormActions submit="Overleg plannen" busy={busy} onCancel={onCancel} />
    </form>
  );
}
