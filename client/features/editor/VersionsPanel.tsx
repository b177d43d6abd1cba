// Named versions: save ("Versie vastleggen"), list with author and time, view read-only, restore.
import { useEffect, useRef, useState } from 'react';
import type { HouseholdEvent } from '../../../shared/board.ts';
import type { OnHouseholdEvent } from './document-context.ts';
import { get, post } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { useAsync } from '../../lib/use-async.ts';
import { Alert, Badge, Button, EmptyState, Heading, Loading, TextInput } from '../../components/ui.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatDateTime, formatShortDate } from '../../../shared/labels.ts';
import type { Version, VersionContentResponse, VersionListResponse } from '../../../shared/api.ts';

export function VersionsPanel({
  documentId,
  householdId,
  canWrite,
  defaultName,
  refreshKey = 0,
  onEvent,
}: {
  documentId: string;
  householdId: string;
  canWrite: boolean;
  defaultName: string;
  refreshKey?: number;
  onEvent?: OnHouseholdEvent;
}) {
  const versions = useAsync(() => get<VersionListResponse>(`/api/documents/${documentId}/versions`).then((r) => r.versions), [documentId, refreshKey]);
  const { setData } = versions;
  const listed = useRef<Version[] | null>(null);
  listed.current = versions.data;
  // A version saved on any screen (or by vaststellen) appears in every open list, newest first.
  useEffect(
    () =>
      onEvent?.((e) => {
        if (e.type !== 'version.created') return;
        const { documentId: doc, version } = (e as HouseholdEvent<'version.created'>).payload;
        const current = listed.current;
        if (doc !== documentId || !current || current.some((v) => v.id === version.id)) return;
        setData([version, ...current]);
      }),
    [onEvent, documentId, setData],
  );
  const [name, setName] = useState('');
  const { error, notice, busy, submit } = useSubmit('Dat lukte niet. Probeer het opnieuw.');
  const [viewing, setViewing] = useState<Version | null>(null);

  const save = submit(async () => {
    await post(`/api/documents/${documentId}/versions`, { name: name.trim() || `${defaultName} ${formatShortDate(new Date().toISOString())}` });
    setName('');
    await versions.reload();
  }, 'Versie vastgelegd.');

  async function restore(v: Version) {
    if (!confirm(`De inhoud van "${v.name}" terugzetten? Dit wordt een nieuwe wijziging; de huidige tekst blijft in de geschiedenis.`)) return;
    await submit(async () => {
      await post(`/api/documents/${documentId}/versions/${v.id}/restore`);
      setViewing(null);
    }, `"${v.name}" is teruggezet.`)();
  }

  return (
    <section className="ct-card" aria-labelledby="versions-title">
      <Heading level={2} id="versions-title">
        Versies
      </Heading>
      {error && <Alert type="error">{error}</Alert>}
      {notice && <Alert type="ok">{notice}</Alert>}
      {canWrite && (
        <form onSubmit={save} className="ct-form" aria-label="Versie vastleggen">
          <TextInput
            label="Naam van de versie"
            placeholder={`${defaultName} ${formatShortDate(new Date().toISOString())}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Button kind="secondary" type="submit" busy={busy}>
            Versie vastleggen
          </Button>
        </form>
      )}
      {versions.loading && !versions.data && <Loading />}
      <ErrorMessage error={versions.error} retry={versions.reload} />
      {versions.data?.length === 0 && <EmptyState title="Nog geen versies vastgelegd." />}
      {versions.data && versions.data.length > 0 && (
        <ul className="ct-versions" data-testid="versions">
          {versions.data.map((v) => (
            <li key={v.id}>
              <button type="button" className="ct-linkbutton" onClick={() => setViewing(v)}>
                {v.name}
              </button>{' '}
              {v.established && <Badge tone="ok">Vastgesteld</Badge>}
              <div className="ct-small">
                {formatDateTime(v.createdAt)}
                {v.createdBy && ` · ${v.createdBy.name}`}
              </div>
              <div className="ct-small">
                <a
                  className="utrecht-link"
                  href={`/huishoudens/${householdId}/documenten/${documentId}/afdrukken?versie=${v.id}`}
                  target="_blank"
                  rel="noopener"
                  aria-label={`${v.name} afdrukken`}
                >
                  Afdrukken
                </a>{' '}
                ·{' '}
                <a className="utrecht-link" href={`/api/documents/${documentId}/export.pdf?versionId=${v.id}`} download aria-label={`${v.name} als PDF`}>
                  PDF
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
      {viewing && (
        <VersionViewer documentId={documentId} version={viewing} canRestore={canWrite} onRestore={() => restore(viewing)} onClose={() => setViewing(null)} />
      )}
    </section>
  );
}

function VersionViewer({
  documentId,
  version,
  canRestore,
  onRestore,
  onClose,
}: {
  documentId: string;
  version: Version;
  canRestore: boolean;
  onRestore: () => void;
  onClose: () => void;
}) {
  const content = useAsync(() => get<VersionContentResponse>(`/api/documents/${documentId}/versions/${version.id}`), [documentId, version.id]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the modal dialog closes it; the dialog inside has the role.
    <div className="ct-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="version-view-title" className="ct-dialog">
        <Heading level={2} id="version-view-title">
          {version.name}
        </Heading>
        <p className="ct-small">
          Alleen-lezen · {formatDateTime(version.createdAt)}
          {version.createdBy && ` · ${version.createdBy.name}`}
        </p>
        {content.loading && <Loading />}
        <ErrorMessage error={content.error} retry={content.reload} />
        {content.data && (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: HTML rendered by the server from schema-checked document content
          <div className="ct-prose ct-prose--readonly" data-testid="version-content" dangerouslySetInnerHTML={{ __html: content.data.content.html }} />
        )}
        <div className="ct-actions">
          {canRestore && (
            <Button kind="primary" onClick={onRestore}>
              Deze versie terugzetten
            </Button>
          )}
          <Button autoFocus onClick={onClose}>
            Sluiten
          </Button>
        </div>
      </div>
    </div>
  );
}
