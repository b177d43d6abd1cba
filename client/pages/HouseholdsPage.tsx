// "Mijn casussen": the households the user takes part in.
import { get } from '../lib/api.ts';
import { useAsync } from '../lib/use-async.ts';
import { Link } from '../lib/router.tsx';
import type { HouseholdSummary } from '../lib/types.ts';
import { EmptyState, ErrorMessage, Heading, Loading } from '../components/ui.tsx';
import { HuisverbodBadge, PhaseBadge } from '../components/badges.tsx';
import { PHASE_LABELS, PROFILE_INFO, ROLE_LABELS } from '../../shared/labels.ts';

export function HouseholdsPage() {
  const { data, error, loading, reload } = useAsync(() => get<{ households: HouseholdSummary[] }>('/api/households'), []);
  return (
    <section aria-labelledby="mine-title">
      <Heading level={1} id="mine-title">
        Mijn casussen
      </Heading>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} retry={reload} />
      {data && data.households.length === 0 && (
        <EmptyState title="Je neemt nog aan geen enkel huishouden deel.">
          <p className="utrecht-paragraph">Zodra een regievoerder je toevoegt aan een huishouden, verschijnt het hier. Vraag de regievoerder of de functioneel beheerder als je toegang verwacht.</p>
        </EmptyState>
      )}
      {data && data.households.length > 0 && (
        <table className="utrecht-table ct-table" aria-describedby="mine-title">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">Kenmerk</th>
              <th className="utrecht-table__header-cell" scope="col">Huishouden</th>
              <th className="utrecht-table__header-cell" scope="col">Fase</th>
              <th className="utrecht-table__header-cell" scope="col">Gezinsprofiel</th>
              <th className="utrecht-table__header-cell" scope="col">Huisverbod</th>
              <th className="utrecht-table__header-cell" scope="col">Mijn rol</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.households.map((h) => (
              <tr key={h.id} className="utrecht-table__row" data-testid="household-row">
                <td className="utrecht-table__cell">
                  <Link href={`/huishoudens/${h.id}`} className="utrecht-link ct-strong">
                    {h.reference}
                  </Link>
                </td>
                <td className="utrecht-table__cell">{h.displayName}{h.status === 'closed' && ' (gesloten)'}</td>
                <td className="utrecht-table__cell"><PhaseBadge phase={h.phase} /><span className="ct-visually-hidden">{PHASE_LABELS[h.phase]}</span></td>
                <td className="utrecht-table__cell">{h.profile ? PROFILE_INFO[h.profile].label : '—'}</td>
                <td className="utrecht-table__cell"><HuisverbodBadge huisverbod={h.huisverbod} /></td>
                <td className="utrecht-table__cell">{h.myRole ? ROLE_LABELS[h.myRole] : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
