// The agenda of a casusoverleg: items in order, each with its time slot. The chair and the planner move items
// up and down; whoever may change an item (chair, planner, the household's regievoerder) changes its slot or
// takes it off; a regievoerder adds the households they direct.
import { useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert, Badge, Button, EmptyState, FormActions, Select, TextInput } from '../../components/ui.tsx';
import { formatSlot } from '../../../shared/labels.ts';
import { amsterdamWallTimeToIso, isoToAmsterdamWallTime } from '../../../shared/time.ts';
import type { AgendaItemView, CasusoverlegDetail, CasusoverlegPlanningResponse } from '../../../shared/casusoverleg.ts';
import { casusoverlegApi } from './api.ts';
import { AgendaItemLabel } from './AgendaItemLabel.tsx';

type Apply = (d: CasusoverlegDetail) => void;

export function AgendaEditor({ detail, onChange }: { detail: CasusoverlegDetail; onChange: Apply }) {
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<CasusoverlegDetail>) => {
    setError(null);
    try {
      onChange(await fn());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Dat lukte niet. Probeer het opnieuw.');
    }
  };
  const move = (index: number, by: -1 | 1) => {
    const ids = detail.items.map((i) => i.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    return run(() => casusoverlegApi.reorder(detail.id, ids));
  };
  if (detail.items.length === 0) return <EmptyState title="Er staat nog geen huishouden op de agenda." />;
  return (
    <>
      <div aria-live="assertive">{error && <Alert type="error">{error}</Alert>}</div>
      <ol className="ct-agenda" aria-label="Agenda">
        {detail.items.map((item, index) => (
          <li key={item.id} className="ct-agenda__item" data-testid="agenda-item" aria-current={item.id === detail.currentItemId ? 'step' : undefined}>
            <span className="ct-agenda__slot">{formatSlot(item)}</span>
            <span className="ct-agenda__what">
              <AgendaItemLabel item={item} />
              {item.id === detail.currentItemId && (
                <>
                  {' '}
                  <Badge tone="warning">Nu aan de beurt</Badge>
                </>
              )}
              {item.visibility === 'volledig' && (
                <>
                  {' · '}
                  <Link className="utrecht-link" href={`/huishoudens/${item.householdId}/documenten/${item.documentId}`}>
                    Verslag
                  </Link>
                </>
              )}
            </span>
            <span className="ct-agenda__tools">
              {detail.my.organiser && detail.status !== 'closed' && (
                <>
                  <Button kind="subtle" disabled={index === 0} onClick={() => move(index, -1)}>
                    Omhoog <Which index={index} />
                  </Button>
                  <Button kind="subtle" disabled={index === detail.items.length - 1} onClick={() => move(index, 1)}>
                    Omlaag <Which index={index} />
                  </Button>
                </>
              )}
              {item.mayEdit && <SlotEditor detail={detail} item={item} index={index} onChange={onChange} />}
              {item.mayEdit && item.id !== detail.currentItemId && (
                <Button kind="subtle" onClick={() => run(() => casusoverlegApi.remove(detail.id, item.id))}>
                  Van de agenda halen <Which index={index} />
                </Button>
              )}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** Which item a button is about, for screen readers (the visible text stays the start of the name). */
const Which = ({ index }: { index: number }) => <span className="ct-visually-hidden">(agendapunt {index + 1})</span>;

function SlotEditor({ detail, item, index, onChange }: { detail: CasusoverlegDetail; item: AgendaItemView; index: number; onChange: Apply }) {
  const [open, setOpen] = useState(false);
  const wall = isoToAmsterdamWallTime(item.slotStart);
  const [time, setTime] = useState(wall.slice(11));
  const [minutes, setMinutes] = useState(String(item.slotMinutes));
  const { error, busy, submit } = useSubmit('Het tijdslot is niet gewijzigd.');
  if (!open)
    return (
      <Button kind="subtle" onClick={() => setOpen(true)}>
        Tijdslot wijzigen <Which index={index} />
      </Button>
    );
  return (
    <form
      className="ct-slot-form"
      aria-label={`Tijdslot van agendapunt ${index + 1}`}
      onSubmit={submit(async () => {
        onChange(
          await casusoverlegApi.changeItem(detail.id, item.id, {
            slotStart: amsterdamWallTimeToIso(`${wall.slice(0, 10)}T${time}`),
            slotMinutes: Number(minutes),
          }),
        );
        setOpen(false);
      })}
    >
      {error && <Alert type="error">{error}</Alert>}
      <TextInput label="Begintijd" type="time" required value={time} onChange={(e) => setTime(e.target.value)} />
      <TextInput label="Minuten" type="number" min={5} max={240} required value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      <FormActions submit="Opslaan" busy={busy} onCancel={() => setOpen(false)} />
    </form>
  );
}

/** Households the user directs that are not on the agenda yet. */
export function AddToAgenda({ detail, planning, onChange }: { detail: CasusoverlegDetail; planning: CasusoverlegPlanningResponse; onChange: Apply }) {
  const onAgenda = new Set(detail.items.flatMap((i) => (i.visibility === 'besloten' ? [] : [i.householdId])));
  const options = planning.households.filter((h) => !onAgenda.has(h.id));
  const [householdId, setHouseholdId] = useState('');
  const { error, busy, submit } = useSubmit('Toevoegen lukte niet.');
  if (options.length === 0) return null;
  const chosen = householdId || options[0]!.id;
  return (
    <form
      className="ct-form ct-inline-form"
      aria-label="Huishouden op de agenda zetten"
      onSubmit={submit(async () => {
        onChange(await casusoverlegApi.add(detail.id, chosen));
        setHouseholdId('');
      })}
    >
      {error && <Alert type="error">{error}</Alert>}
      <Select
        label="Huishouden op de agenda zetten"
        description="Alleen huishoudens waarvan jij de regievoerder bent. Het tijdslot sluit aan op het laatste agendapunt; het verslag wordt meteen aangemaakt."
        value={chosen}
        onChange={(e) => setHouseholdId(e.target.value)}
        options={options.map((h) => ({ value: h.id, label: `${h.reference} ${h.displayName}` }))}
      />
      <div className="ct-actions">
        <Button kind="primary" type="submit" busy={busy}>
          Op de agenda zetten
        </Button>
      </div>
    </form>
  );
}
