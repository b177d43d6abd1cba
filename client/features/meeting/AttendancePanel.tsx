// Aanwezigen: the household's participants, marked present/absent by the regievoerder.
import { useState } from 'react';
import { ApiError, get, put } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useSerial } from '../../lib/use-serial.ts';
import { Alert, Heading, Loading } from '../../components/ui.tsx';
import { ROLE_LABELS } from '../../../shared/labels.ts';
import type { HouseholdRole } from '../../../shared/enums.ts';
import { Cell, Row, Table } from '../../components/Table.tsx';

interface AttendanceRow {
  user: { id: string; name: string };
  organization: { name: string; kind: string };
  role: HouseholdRole;
  present: boolean | null;
}

export function AttendancePanel({ documentId, canEdit }: { documentId: string; canEdit: boolean }) {
  const rows = useAsync(() => get<{ attendance: AttendanceRow[] }>(`/api/documents/${documentId}/attendance`).then((r) => r.attendance), [documentId]);
  const [error, setError] = useState<string | null>(null);
  // In order: quick clicks on present/absent must end in the last choice.
  const serial = useSerial();
  async function mark(userId: string, present: boolean) {
    setError(null);
    const before = rows.data;
    if (before) rows.setData(before.map((r) => (r.user.id === userId ? { ...r, present } : r)));
    try {
      const r = await serial(() => put<{ attendance: AttendanceRow[] }>(`/api/documents/${documentId}/attendance`, { userId, present }));
      rows.setData(r.attendance);
    } catch (err) {
      if (before) rows.setData(before);
      setError(err instanceof ApiError ? err.message : 'Opslaan lukte niet.');
    }
  }
  return (
    <section className="ct-card" aria-labelledby="attendance-title">
      <Heading level={2} id="attendance-title">Aanwezigen</Heading>
      {error && <Alert type="error">{error}</Alert>}
      {rows.loading && !rows.data && <Loading />}
      <Table headers={['Deelnemer', 'Aanwezig']} compact>
          {rows.data?.map((r) => (
            <Row key={r.user.id} data-testid="attendance-row">
              <Cell>
                <span className={`ct-org-dot ct-org--${r.organization.kind}`} aria-hidden="true" /> {r.user.name} <span className="ct-small">· {r.organization.name} · {ROLE_LABELS[r.role]}</span>
              </Cell>
              <Cell>
                {canEdit ? (
                  <fieldset className="ct-segmented">
                    <legend className="ct-visually-hidden">Aanwezigheid van {r.user.name}</legend>
                    <label><input type="radio" name={`att-${r.user.id}`} checked={r.present === true} onChange={() => mark(r.user.id, true)} /> Aanwezig</label>
                    <label><input type="radio" name={`att-${r.user.id}`} checked={r.present === false} onChange={() => mark(r.user.id, false)} /> Afwezig</label>
                  </fieldset>
                ) : r.present === null ? '—' : r.present ? 'Aanwezig' : 'Afwezig'}
              </Cell>
            </Row>
          ))}
        </Table>
    </section>
  );
}
