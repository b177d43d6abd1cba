// A household's plan or casusoverleg minutes, co-edited live.
import { useCallback, useState, type ReactNode } from 'react';
import type { Editor } from '@tiptap/react';
import { get } from '../../lib/api.ts';
import { fetchHousehold } from '../../lib/queries.ts';
import type { HouseholdDetail } from '../../lib/types.ts';
import { useMe } from '../../lib/auth.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { Link } from '../../lib/router.tsx';
import { Alert, Badge, ErrorMessage, Heading, Loading } from '../../components/ui.tsx';
import type { HouseholdRole } from '../../../shared/enums.ts';
import { formatDateTime } from '../../../shared/labels.ts';
import { useCollab, type CollabState } from './use-collab.ts';
import { CollabEditor } from './CollabEditor.tsx';
import { Toolbar } from './Toolbar.tsx';
import { PresenceList, usePresence } from './Presence.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';
import { useDocumentPlugins } from './plugins.tsx';

export interface DocumentMeta {
  id: string;
  householdId: string;
  kind: 'plan' | 'meeting';
  title: string;
  meetingAt: string | null;
  lockedAt: string | null;
}

export interface DocumentContext {
  document: DocumentMeta;
  myRole: HouseholdRole;
  /** The household overview, read once for the page (persons, participants for the board's forms). */
  household: HouseholdDetail;
  editor: Editor | null;
  reload: () => void;
}

export function DocumentPage({ householdId, documentId }: { householdId: string; documentId: string }) {
  const me = useMe();
  const meta = useAsync(
    () =>
      Promise.all([
        get<{ document: DocumentMeta; myRole: HouseholdRole }>(`/api/documents/${documentId}`),
        fetchHousehold(householdId),
      ]),
    [documentId, householdId],
  );

  if (meta.loading && !meta.data) return <Loading label="Document laden…" />;
  if (meta.error || !meta.data) {
    return (
      <section>
        <Heading level={1}>Document</Heading>
        <ErrorMessage error={meta.error} />
        <p className="utrecht-paragraph"><Link className="utrecht-link" href={`/huishoudens/${householdId}`}>Terug naar het huishouden</Link></p>
      </section>
    );
  }
  return <DocumentView meta={meta.data} reload={meta.reload} householdId={householdId} me={me} />;
}

function DocumentView({ meta, reload, householdId, me }: { meta: [{ document: DocumentMeta; myRole: HouseholdRole }, HouseholdDetail]; reload: () => void; householdId: string; me: ReturnType<typeof useMe> }) {
  const [{ document: doc, myRole }, household] = meta;
  const documentId = doc.id;
  const [editor, setEditor] = useState<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const collab = useCollab(documentId, true);
  const presence = usePresence(collab.session?.provider ?? null);
  const locked = !!doc.lockedAt;
  const canWrite = (myRole === 'regievoerder' || myRole === 'partner') && !locked;
  const editable = canWrite && collab.connection !== 'refused';
  const ctx: DocumentContext = { document: doc, myRole, household, editor, reload };
  const plugins = useDocumentPlugins(ctx);

  return plugins.wrap(
    <article className="ct-document" aria-labelledby="doc-title">
      <nav aria-label="Kruimelpad" className="ct-breadcrumb">
        <Link href="/" className="utrecht-link">Mijn casussen</Link> <span aria-hidden="true">›</span>{' '}
        <Link href={`/huishoudens/${householdId}`} className="utrecht-link">{household.reference} {household.displayName}</Link> <span aria-hidden="true">›</span> <span>{doc.title}</span>
      </nav>
      <header className="ct-document__header">
        <div>
          <Heading level={1} id="doc-title">{doc.title}</Heading>
          {doc.meetingAt && <p className="ct-pre-heading">Casusoverleg op {formatDateTime(doc.meetingAt)}</p>}
        </div>
        <ConnectionStatus collab={collab} locked={locked} />
      </header>
      {collab.refusal && <Alert type="error" title="Geen verbinding met dit document">{collab.refusal}</Alert>}
      {myRole === 'observer' && <Alert type="info">Je kijkt mee bij dit huishouden. Je ziet alle wijzigingen live, maar kunt zelf niets aanpassen.</Alert>}
      {locked && <Alert type="info" title="Vastgesteld">Dit verslag is vastgesteld op {formatDateTime(doc.lockedAt)} en kan niet meer worden gewijzigd.</Alert>}
      {plugins.banner}
      <div className="ct-grid">
        <div className="ct-grid__main">
          {plugins.before}
          <div className="ct-card ct-editor-card">
            <PresenceList users={presence} />
            {editor && editable && <Toolbar editor={editor} extra={plugins.toolbar} />}
            {collab.session ? (
              <>
                {!collab.synced && collab.connection !== 'refused' && <Loading label="Inhoud ophalen…" />}
                <CollabEditor session={collab.session} me={me} editable={editable} label={`${doc.title}, tekst`} extraExtensions={plugins.extensions} onEditor={onEditor} />
              </>
            ) : (
              <Loading />
            )}
          </div>
          {plugins.after}
        </div>
        <aside className="ct-grid__side" aria-label="Bij dit document">
          {plugins.side}
          <VersionsPanel key={doc.lockedAt ?? 'open'} documentId={doc.id} householdId={doc.householdId} canWrite={canWrite} defaultName={doc.kind === 'plan' ? 'Plan van aanpak' : 'Verslag'} />
        </aside>
      </div>
    </article>
  );
}

function ConnectionStatus({ collab, locked }: { collab: CollabState; locked: boolean }) {
  const text: Record<CollabState['connection'], [string, 'ok' | 'warning' | 'danger' | 'info']> = {
    connecting: ['Verbinden…', 'info'],
    connected: ['Verbonden', 'ok'],
    reconnecting: ['Opnieuw verbinden…', 'warning'],
    offline: ['Offline', 'warning'],
    refused: ['Geen toegang', 'danger'],
  };
  const [label, tone] = text[collab.connection];
  const saving =
    locked || collab.connection === 'refused'
      ? null
      : collab.saving === 'saved'
        ? 'Alles opgeslagen'
        : collab.saving === 'saving'
          ? 'Opslaan…'
          : 'Wijzigingen worden op dit apparaat bewaard en later verstuurd';
  return (
    <div className="ct-status" role="status" aria-live="polite" data-testid="connection-status">
      <Badge tone={tone}>{label}</Badge>
      {saving && <span className="ct-small" data-testid="save-status">{saving}</span>}
    </div>
  );
}

export type DocumentPlugins = {
  extensions: import('@tiptap/core').AnyExtension[];
  toolbar?: ReactNode;
  banner?: ReactNode;
  before?: ReactNode;
  after?: ReactNode;
  side?: ReactNode;
};
