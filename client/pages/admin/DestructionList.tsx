// The functioneel beheerder's vernietigingslijst: closed cases whose retention period has ended. On
// confirmation everything of the household is destroyed; only a minimal record (reference, dates, who
// confirmed) and the pseudonymised audit trail remain.
import { useState } from 'react';
import { get, post } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import type { DestructionListEntry, DestructionListResponse } from '../../../shared/api.ts';
import { CLOSE_REASON_LABELS, formatDate } from '../../../shared/labels.ts';
import { Alert, Button, Heading, Loading } from '../../components/ui.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Cell, Row, Table } from '../../components/Table.tsx';

export function DestructionList() {
  const list = useAsync(() => get<DestructionListResponse>('/api/admin/destruction-list'), []);
  const [confirming, setConfirming] = useState<DestructionListEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const destroy = async (e: DestructionListEntry) => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/admin/destruction-list/${e.householdId}/confirm`);
      setNotice(`Casus ${e.reference} is vernietigd.`);
      setConfirming(null);
      list.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ct-card" aria-labelledby="destruction-title" data-testid="destruction-list">
      <Heading level={2} id="destruction-title">
        Vernietigingslijst
      </Heading>
      <p className="utrecht-paragraph">
        Gesloten casussen waarvan de bewaartermijn is verstreken. Na bevestiging worden alle gegevens van de casus verwijderd; alleen het kenmerk, de data en
        wie bevestigde blijven bewaard, en het logboek zonder persoonsgegevens.
      </p>
      {list.loading && !list.data && <Loading />}
      <ErrorMessage error={list.error} retry={list.reload} />
      {notice && <Alert type="ok">{notice}</Alert>}
      {error && <Alert type="error">{error}</Alert>}
      {list.data && list.data.entries.length === 0 && <p className="utrecht-paragraph">Er staan geen casussen op de vernietigingslijst.</p>}
      {list.data && list.data.entries.length > 0 && (
        <Table headers={['Kenmerk', 'Huishouden', 'Gesloten op', 'Reden', 'Bewaartermijn verstreken', '']}>
          {list.data.entries.map((e) => (
            <Row key={e.householdId} data-testid="destruction-row">
              <Cell>{e.reference}</Cell>
              <Cell>{e.displayName}</Cell>
              <Cell>{formatDate(e.closedAt)}</Cell>
              <Cell>{e.closeReason ? CLOSE_REASON_LABELS[e.closeReason] : '—'}</Cell>
              <Cell>{formatDate(e.retentionEndsAt)}</Cell>
              <Cell>
                {confirming?.householdId === e.householdId ? (
                  <span className="ct-actions">
                    <Button kind="primary" busy={busy} onClick={() => destroy(e)}>
                      Definitief vernietigen
                    </Button>
                    <Button kind="subtle" onClick={() => setConfirming(null)}>
                      Annuleren
                    </Button>
                  </span>
                ) : (
                  <Button onClick={() => setConfirming(e)}>Vernietigen…</Button>
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      {list.data && list.data.destroyed.length > 0 && (
        <>
          <Heading level={3}>Vernietigd</Heading>
          <ul className="ct-doclist" data-testid="destroyed-list">
            {list.data.destroyed.map((d) => (
              <li key={d.householdId}>
                {d.reference}{' '}
                <span className="ct-small">
                  · gesloten {formatDate(d.closedAt)} · vernietigd {formatDate(d.destroyedAt)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
