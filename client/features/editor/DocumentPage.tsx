// A household's plan or casusoverleg minutes, co-edited live.
import { useCallback, useEffect, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { get } from '../../lib/api.ts';
import { fetchHousehold } from '../../lib/queries.ts';
import type { DocumentResponse, HouseholdDetail } from '../../../shared/api.ts';
import { useMe } from '../../lib/auth.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { Link } from '../../lib/router.tsx';
import { Alert, Heading, Loading } from '../../components/ui.tsx';
import { PageError } from '../../components/ErrorMessage.tsx';
import { useLive } from '../../lib/live.tsx';
import { rememberOfflineCopy } from '../../lib/offline.ts';
import { CloseCode } from '../../../shared/limits.ts';
import { formatDateTime } from '../../../shared/labels.ts';
import { useCollab, type CollabState } from './use-collab.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { CollabEditor } from './CollabEditor.tsx';
import { Toolbar } from './Toolbar.tsx';
import { PresenceList, usePresence } from './Presence.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';
import { useDocumentPlugins } from './plugins.tsx';
import type { DocumentContext } from './document-context.ts';
import { useHouseholdRights } from '../../lib/policy.ts';
import { dropOfflineCopy } from '../../lib/offline-copies.ts';

export function DocumentPage({ householdId, documentId }: { householdId: string; documentId: string }) {
  const me = useMe();
  const meta = useAsync(() => Promise.all([get<DocumentResponse>(`/api/documents/${documentId}`), fetchHousehold(householdId)]), [documentId, householdId]);

  const gone = (meta.error as { status?: number } | null)?.status === 404;
  useEffect(() => {
    // The document is gone for this user (destroyed, or no longer a participant): drop the offline copy.
    if (gone) void dropOfflineCopy(documentId);
  }, [gone, documentId]);

  if (meta.loading && !meta.data) return <Loading label="Document laden…" />;
  if (meta.error || !meta.data) {
    return <PageError title="Document" error={meta.error ?? { message: 'Dit document kon niet worden geladen.' }} retry={meta.reload} />;
  }
  return <DocumentView meta={meta.data} reload={meta.reload} householdId={householdId} me={me} />;
}

function DocumentView({
  meta,
  reload,
  householdId,
  me,
}: {
  meta: [DocumentResponse, HouseholdDetail];
  reload: () => void;
  householdId: string;
  me: ReturnType<typeof useMe>;
}) {
  const [{ document: doc, myRole }, household] = meta;
  const documentId = doc.id;
  const [editor, setEditor] = useState<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  // Recorded before the offline copy is made, so a revocation or logout can find and delete it.
  useState(() => rememberOfflineCopy(householdId, documentId));
  const collab = useCollab(documentId, true);
  useAccessWatch(householdId, collab);
  const presence = usePresence(collab.session?.provider ?? null);
  const locked = !!doc.lockedAt;
  const may = useHouseholdRights(household);
  const canWrite = may('write') && !locked;
  const editable = canWrite && collab.connection !== 'refused';
  const ctx: DocumentContext = { document: doc, myRole, household, editor, reload };
  const plugins = useDocumentPlugins(ctx);

  return plugins.wrap(
    <article className="ct-document" aria-labelledby="doc-title">
      <nav aria-label="Kruimelpad" className="ct-breadcrumb">
        <Link href="/" className="utrecht-link">
          Mijn casussen
        </Link>{' '}
        <span aria-hidden="true">›</span>{' '}
        <Link href={`/huishoudens/${householdId}`} className="utrecht-link">
          {household.reference} {household.displayName}
        </Link>{' '}
        <span aria-hidden="true">›</span> <span>{doc.title}</span>
      </nav>
      <header className="ct-document__header">
        <div>
          <Heading level={1} id="doc-title">
            {doc.title}
          </Heading>
          {doc.meetingAt && <p className="ct-pre-heading">Casusoverleg op {formatDateTime(doc.meetingAt)}</p>}
        </div>
      </header>
      {collab.refusal && (
        <Alert type="error" title="Geen verbinding met dit document">
          {collab.refusal}
        </Alert>
      )}
      {may('read') && !may('write') && (
        <Alert type="info">Je kijkt mee bij dit huishouden. Je ziet alle wijzigingen live, maar kunt zelf niets aanpassen.</Alert>
      )}
      {locked && (
        <Alert type="info" title="Vastgesteld">
          Dit verslag is vastgesteld op {formatDateTime(doc.lockedAt)} en kan niet meer worden gewijzigd.
        </Alert>
      )}
      {!locked && doc.reopenedAt && (
        <Alert type="info" title="Heropend">
          <span data-testid="reopen-reason">
            Dit verslag is op {formatDateTime(doc.reopenedAt)} heropend{doc.reopenedBy && ` door ${doc.reopenedBy.name}`}. Reden: {doc.reopenReason}
          </span>
        </Alert>
      )}
      {plugins.banner}
      <div className="ct-grid">
        <div className="ct-grid__main">
          {plugins.before}
          <div className="ct-card ct-editor-card">
            {/* Sticky: who is here, whether it is saved, and the toolbar stay in view in a long document. */}
            <div className="ct-editor-bar">
              <div className="ct-editor-bar__row">
                <PresenceList users={presence} />
                <ConnectionStatus collab={collab} canWrite={canWrite} />
              </div>
              {editor && editable && <Toolbar editor={editor} extra={plugins.toolbar} />}
            </div>
            {collab.session ? (
              <>
                {!collab.synced && collab.connection !== 'refused' && <Loading label="Inhoud ophalen…" />}
                <CollabEditor
                  session={collab.session}
                  me={me}
                  editable={editable}
                  label={`${doc.title}, tekst`}
                  extraExtensions={plugins.extensions}
                  onEditor={onEditor}
                />
              </>
            ) : (
              <Loading />
            )}
          </div>
          {plugins.after}
        </div>
        <aside className="ct-grid__side" aria-label="Bij dit document">
          {plugins.side}
          <VersionsPanel
            key={doc.lockedAt ?? 'open'}
            documentId={doc.id}
            householdId={doc.householdId}
            canWrite={canWrite}
            defaultName={doc.kind === 'plan' ? 'Plan van aanpak' : 'Verslag'}
            onEvent={plugins.onEvent}
          />
        </aside>
      </div>
    </article>,
  );
}

/** The server closing this document's socket for good because access ended (4403) or the session did (4401). */
function useAccessWatch(householdId: string, collab: CollabState) {
  const { accessLost } = useLive();
  const provider = collab.session?.provider;
  useEffect(() => {
    if (!provider) return;
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === CloseCode.Forbidden || event?.code === CloseCode.Unauthorized) accessLost(householdId);
    };
    provider.on('connection-close', onClose);
    return () => provider.off('connection-close', onClose);
  }, [provider, householdId, accessLost]);
}
