// Aanwezigen: the household's participants, marked present/absent by the regievoerder.
import { useEffect, useState } from 'react';
import { ApiError, get, put } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useSerial } from '../../lib/use-serial.ts';
import { Alert, Heading, Loading } from '../../components/ui.tsx';
import { ROLE_LABELS } from '../../../shared/labels.ts';
import type { HouseholdEvent } from '../../../shared/board.ts';
import type { OnHouseholdEvent } from '../editor/document-context.ts';
import { Cell, Row, Table } from '../../components/Table.tsx';
import type { AttendanceResponse } from '../../../shared/api.ts';

export function AttendancePanel({ documentId, canEdit, onEvent }: { documentId: string; canEdit: boolean; onEvent: OnHouseholdEvent }) {
  const rows = useAsync(() => get<AttendanceResponse>(`/api/documents/${documentId}/attendance`).then((r) => r.attendance), [documentId]);
  const { setData } = rows;
  // Attendance marked on another screen shows here at once (the regievoerder's own marks come back the same way).
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type !== 'attendance.updated') return;
        const p = (e as HouseholdEvent<'attendance.updated'>).payload;
        if (p.documentId === documentId) setData(p.attendance);
      }),
    [onEvent, documentId, setData],
  );
  const [error, setError] = useState<string | null>(null);
  // In order: quick clicks on present/absent must end in the last choice.
  const serial = useSerial();
  async function mark(userId: string, present: boolean) {
    setError(null);
    const before = rows.data;
    if (before) rows.setData(before.map((r) => (r.user.id === userId ? { ...r, present } : r)));
    try {
      const r = await serial(() => put<AttendanceResponse>(`/api/documents/${documentId}/attendance`, { userId, present }));
      rows.setData(r.attendance);
    } catch (err) {
      if (before) rows.setData(before);
      setError(err instanceof ApiError ? err.message : 'Opslaan lukte niet.');
    }
  }
  return (
    <section className="ct-card" aria-labelledby="attendance-title">
      <Heading level={2} id="attendance-title">
        Aanwezigen
      </Heading>
      {error && <Alert type="error">{error}</Alert>}
      {rows.loading && !rows.data && <Loading />}
      <Table headers={['Deelnemer', 'Aanwezig']} compact>
        {rows.data?.map((r) => (
          <Row key={r.user.id} data-testid="attendance-row">
            <Cell>
              <span className={`ct-org-dot ct-org--${r.organization.kind}`} aria-hidden="true" /> {r.user.name}{' '}
              <span className="ct-small">
                · {r.organization.name} · {ROLE_LABELS[r.role]}
              </span>
            </Cell>
            <Cell>
              {canEdit ? (
                <fieldset className="ct-segmented">
                  <legend className="ct-visually-hidden">Aanwezigheid van {r.user.name}</legend>
                  <label>
                    <input type="radio" name={`att-${r.user.id}`} checked={r.present === true} onChange={() => mark(r.user.id, true)} /> Aanwezig
                  </label>
                  <label>
                    <input type="radio" name={`att-${r.user.id}`} checked={r.present === false} onChange={() => mark(r.user.id, false)} /> Afwezig
                  </label>
                </fieldset>
              ) : r.present === null ? (
                '—'
              ) : r.present ? (
                'Aanwezig'
              ) : (
                'Afwezig'
              )}
            </Cell>
          </Row>
        ))}
      </Table>
    </section>
  );
}
