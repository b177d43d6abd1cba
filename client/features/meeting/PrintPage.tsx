// A clean printable page of the plan or a verslag (optionally a named version): "Vertrouwelijk", reference,
// date, version, participants, who prints it and when (loading it is audited as an export), and the content.
// Print with the browser (Ctrl+P) or download the PDF.
import { get } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useLocation } from '../../lib/router.tsx';
import { Button, Loading } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import type { ExportResponse } from '../../../shared/api.ts';

export function PrintPage({ documentId }: { documentId: string }) {
  const { search } = useLocation();
  const versionId = search.get('versie');
  const q = versionId ? `?versionId=${encodeURIComponent(versionId)}` : '';
  const data = useAsync(() => get<ExportResponse>(`/api/documents/${documentId}/export${q}`), [documentId, q]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <PageError title="Afdrukken" error={data.error} retry={data.reload} />;
  const { meta, html } = data.data!;
  return (
    <article className="ct-print" aria-labelledby="print-title">
      <div className="ct-print__tools ct-actions">
        <Button kind="primary" onClick={() => window.print()}>
          Afdrukken
        </Button>
        <a className="utrecht-button utrecht-button--secondary-action ct-button-link" href={`/api/documents/${documentId}/export.pdf${q}`} download>
          PDF downloaden
        </a>
      </div>
      <p className="ct-print__confidential">Vertrouwelijk — bijzondere persoonsgegevens</p>
      <h1 id="print-title" className="utrecht-heading-1">
        {meta.title}
      </h1>
      <dl className="ct-dl">
        <dt>Kenmerk</dt>
        <dd data-testid="print-reference">{meta.reference}</dd>
        <dt>Grondslag</dt>
        <dd data-testid="print-grondslag">{meta.grondslag}</dd>
        {meta.meetingAt && (
          <>
            <dt>Casusoverleg</dt>
            <dd>{meta.meetingAt}</dd>
          </>
        )}
        <dt>Versie</dt>
        <dd data-testid="print-version">{meta.versionName}</dd>
        <dt>Datum</dt>
        <dd>{meta.date}</dd>
        <dt>Afgedrukt door</dt>
        <dd data-testid="print-exported-by">
          {meta.exportedBy}, {meta.exportedAt}
        </dd>
        <dt>{meta.participantsLabel}</dt>
        <dd>
          <ul className="ct-print__participants">
            {meta.participants.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <hr />
      {meta.evaluation.length > 0 && (
        <section aria-labelledby="print-evaluation">
          <h2 id="print-evaluation" className="utrecht-heading-2">
            Evaluatie van de afspraken
          </h2>
          <ul className="ct-print__participants" data-testid="print-evaluation">
            {meta.evaluation.map((e) => (
              <li key={e.title}>
                <strong>{e.title}</strong>: {e.verdict}
                {e.note && ` — ${e.note}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: HTML rendered by the server from schema-checked document content */}
      <div className="ct-prose" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
