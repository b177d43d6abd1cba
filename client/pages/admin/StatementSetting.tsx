// The functioneel beheerder's text of the geheimhoudingsverklaring that every participant confirms once per
// household before opening its content. Changing it can ask everyone to confirm the new text.
import { useEffect, useState } from 'react';
import { get, put } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import type { StatementSettingResponse } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/labels.ts';
import { Alert, Button, Heading, Loading, TextArea } from '../../components/ui.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';

export function StatementSetting() {
  const current = useAsync(() => get<StatementSettingResponse>('/api/admin/statement'), []);
  const [text, setText] = useState('');
  const [reconfirm, setReconfirm] = useState(false);
  const { error, notice, busy, submit } = useSubmit();
  useEffect(() => {
    if (current.data) setText(current.data.statement.text);
  }, [current.data]);
  if (current.error) return <ErrorMessage error={current.error} retry={current.reload} />;
  if (!current.data) return <Loading />;
  const { statement } = current.data;
  const save = submit(
    () => put('/api/admin/statement', { text, reconfirm }).then(() => current.reload()),
    reconfirm ? 'Opgeslagen. Iedereen bevestigt de nieuwe tekst bij de volgende keer openen.' : 'Opgeslagen.',
  );
  return (
    <section className="ct-card" aria-labelledby="statement-setting-title" data-testid="statement-setting">
      <Heading level={2} id="statement-setting-title">
        Geheimhoudingsverklaring
      </Heading>
      <p className="utrecht-paragraph ct-small">
        Elke deelnemer bevestigt deze tekst eenmalig per huishouden voordat de inhoud zichtbaar wordt.{' '}
        {statement.isDefault ? 'Nu geldt de standaardtekst.' : `Laatst gewijzigd ${formatDateTime(statement.updatedAt)}.`}
      </p>
      {error && <Alert type="error">{error}</Alert>}
      {notice && <Alert type="ok">{notice}</Alert>}
      <form onSubmit={save} className="ct-form" aria-label="Geheimhoudingsverklaring wijzigen">
        <TextArea label="Tekst" value={text} onChange={(e) => setText(e.target.value)} rows={6} />
        <label className="ct-check">
          <input type="checkbox" checked={reconfirm} onChange={(e) => setReconfirm(e.target.checked)} /> Iedereen moet de nieuwe tekst opnieuw bevestigen
        </label>
        <Button kind="primary" type="submit" busy={busy}>
          Opslaan
        </Button>
      </form>
    </section>
  );
}
