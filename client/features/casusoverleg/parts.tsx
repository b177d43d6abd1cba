// Small pieces the casusoverleg pages share: breadcrumb, status and live badges.
import { Link } from '../../lib/router.tsx';
import { Badge } from '../../components/ui.tsx';
import { CASUSOVERLEG_STATUS_LABELS } from '../../../shared/labels.ts';
import type { CasusoverlegStatus } from '../../../shared/enums.ts';
import type { CasusoverlegLive } from './use-casusoverleg.ts';

export function Breadcrumb({ title, id, here }: { title: string; id?: string; here?: string }) {
  return (
    <nav aria-label="Kruimelpad" className="ct-breadcrumb">
      <Link href="/casusoverleggen" className="utrecht-link">
        Casusoverleggen
      </Link>{' '}
      <span aria-hidden="true">›</span>{' '}
      {id && here ? (
        <>
          <Link href={`/casusoverleggen/${id}`} className="utrecht-link">
            {title}
          </Link>{' '}
          <span aria-hidden="true">›</span> <span>{here}</span>
        </>
      ) : (
        <span>{title}</span>
      )}
    </nav>
  );
}

export function StatusBadge({ status }: { status: CasusoverlegStatus }) {
  return <Badge tone={status === 'in_progress' ? 'warning' : status === 'closed' ? 'neutral' : 'info'}>{CASUSOVERLEG_STATUS_LABELS[status]}</Badge>;
}

export function LiveBadge({ live }: { live: CasusoverlegLive }) {
  return (
    <span role="status" aria-live="polite">
      <Badge tone={live === 'live' ? 'ok' : live === 'revoked' ? 'danger' : 'warning'}>
        {live === 'live' ? 'Live bijgewerkt' : live === 'revoked' ? 'Geen toegang meer' : live === 'connecting' ? 'Verbinden…' : 'Opnieuw verbinden…'}
      </Badge>
    </span>
  );
}
