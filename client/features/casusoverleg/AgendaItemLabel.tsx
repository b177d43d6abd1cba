// What an agenda item says about its household: reference and name (volledig), the reference only (afspraken),
// or "Besloten casus". The server has already left out what the viewer may not see; this only renders it.
import { Link } from '../../lib/router.tsx';
import { CLOSED_CASE_LABEL } from '../../../shared/labels.ts';
import type { AgendaItemView } from '../../../shared/casusoverleg.ts';

export function AgendaItemLabel({ item, links = true }: { item: AgendaItemView; links?: boolean }) {
  if (item.visibility === 'besloten') return <span className="ct-agenda__closed">{CLOSED_CASE_LABEL}</span>;
  const reference = links ? (
    <Link href={`/huishoudens/${item.householdId}`} className="utrecht-link ct-strong">
      {item.reference}
    </Link>
  ) : (
    <span className="ct-strong">{item.reference}</span>
  );
  if (item.visibility === 'afspraken')
    return (
      <span>
        {reference} <span className="ct-small">· alleen afspraken</span>
      </span>
    );
  return (
    <span>
      {reference} {item.displayName}
    </span>
  );
}
