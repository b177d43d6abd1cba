// Agreements from the document to the board: select text (or type "/actie") → an action with that text,
// and an inline chip in the document that shows the action's live status, owner and due date.
import { createContext, useContext, useMemo, useRef, useState } from 'react';
import { NodeViewWrapper, ReactNodeViewRenderer, type NodeViewProps } from '@tiptap/react';
import { InputRule, type Editor } from '@tiptap/core';
import { fetchOrganizations } from '../../lib/queries.ts';
import { useAsync } from '../../lib/use-async.ts';
import { Heading } from '../../components/ui.tsx';
import { ActionRef } from '../../../shared/editor/action-ref.ts';
import type { Action } from '../../../shared/board.ts';
import { ACTION_STATUS_LABELS, formatShortDate } from '../../../shared/labels.ts';
import type { DocumentContext, DocumentPlugins } from '../editor/document-context.ts';
import { useActions } from './use-actions.ts';
import { ActionForm } from './ActionForm.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { actionOps } from './action-ops.ts';
import { useHouseholdRights } from '../../lib/policy.ts';

interface ChipContextValue {
  actions: Map<string, Action>;
  open: (id: string) => void;
}
const ChipContext = createContext<ChipContextValue>({ actions: new Map(), open: () => {} });

function ActionChipView({ node }: NodeViewProps) {
  const { actions, open } = useContext(ChipContext);
  const id = node.attrs.actionId as string;
  const a = actions.get(id);
  const status = a ? (a.overdue ? 'overdue' : a.status) : 'unknown';
  // The button's name is its visible text (status, title, owner, date) after one hidden word, so what a
  // voice-control user reads is what they can say (no aria-label that differs from the text: WCAG 2.5.3).
  return (
    <NodeViewWrapper as="span" className={`ct-chip ct-chip--${status}`} data-testid="action-chip" data-status={status}>
      <button type="button" className="ct-chip__button" contentEditable={false} onClick={() => open(id)}>
        <span className="ct-visually-hidden">Actie: </span>
        <span className="ct-chip__status">{a ? (a.overdue ? 'Te laat' : ACTION_STATUS_LABELS[a.status]) : 'Actie'}</span>{' '}
        <span className="ct-chip__title">{a?.title ?? (node.attrs.title as string)}</span>
        {a?.ownerOrganization && (
          <>
            {' '}
            <span className="ct-chip__meta">{a.ownerOrganization.name}</span>
          </>
        )}
        {a?.dueDate && (
          <>
            {' '}
            <span className="ct-chip__meta">{formatShortDate(a.dueDate)}</span>
          </>
        )}
      </button>
    </NodeViewWrapper>
  );
}

/** The document plugins of the board: chip rendering, the "Actie maken" button and "/actie". */
export function useDocumentActions(
  ctx: DocumentContext,
): DocumentPlugins & { wrap: (children: React.ReactNode) => React.ReactNode; onEvent: ReturnType<typeof useActions>['onEvent'] } {
  const { document: doc } = ctx;
  const board = useActions(doc.householdId);
  const orgs = useAsync(fetchOrganizations, []);
  const [draft, setDraft] = useState<{ title: string; from: number; to: number } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const editorRef = useRef<Editor | null>(null);
  editorRef.current = ctx.editor;
  const canWrite = useHouseholdRights(ctx.household)('write') && !doc.lockedAt;

  const startFromSelection = (editor: Editor) => {
    const { from, to } = editor.state.selection;
    const text = editor.state.doc.textBetween(from, to, ' ').trim();
    const line = text || editor.state.selection.$from.parent.textContent.trim();
    setDraft({ title: line.slice(0, 200), from, to });
  };
  const startRef = useRef(startFromSelection);
  startRef.current = startFromSelection;

  const extensions = useMemo(
    () => [
      ActionRef.extend({
        addNodeView() {
          return ReactNodeViewRenderer(ActionChipView, { as: 'span' });
        },
        addInputRules() {
          return [
            new InputRule({
              find: /\/actie\s$/,
              handler: ({ range, chain }) => {
                chain().deleteRange(range).run();
                const editor = editorRef.current;
                if (editor) setTimeout(() => startRef.current(editor), 0);
              },
            }),
          ];
        },
      }),
    ],
    [],
  );

  async function create(input: Parameters<typeof actionOps.create>[1]) {
    const action = await actionOps.create(doc.householdId, { ...input, sourceDocumentId: doc.id });
    board.apply(action);
    const editor = editorRef.current;
    if (editor && draft) {
      const at = Math.min(draft.to, editor.state.doc.content.size);
      editor
        .chain()
        .focus()
        .insertContentAt(at, [
          { type: 'text', text: ' ' },
          { type: 'actionRef', attrs: { actionId: action.id, title: action.title } },
        ])
        .run();
    }
    setDraft(null);
  }

  const opened = openId ? board.actions.get(openId) : undefined;
  const h = ctx.household;
  return {
    extensions,
    toolbar:
      canWrite && ctx.editor ? (
        <div className="ct-toolbar__group">
          <button
            type="button"
            className="ct-toolbar__button ct-toolbar__button--text"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => ctx.editor && startFromSelection(ctx.editor)}
            title="Maak een actie van de geselecteerde tekst (of typ /actie)"
          >
            Actie maken
          </button>
        </div>
      ) : undefined,
    side: (
      <>
        {draft && orgs.data && (
          <section className="ct-card" aria-labelledby="new-action-title">
            <Heading level={2} id="new-action-title">
              Actie maken
            </Heading>
            <p className="ct-small">De actie komt op het bord "Wie doet wat" en verschijnt als label in de tekst.</p>
            <ActionForm
              organizations={orgs.data}
              persons={h.persons}
              initial={{ title: draft.title }}
              submitLabel="Actie aanmaken"
              onSubmit={create}
              onCancel={() => setDraft(null)}
            />
          </section>
        )}
        {opened && orgs.data && (
          <ActionDialog
            action={opened}
            household={h}
            organizations={orgs.data}
            persons={h.persons}
            participants={h.participants}
            onChange={board.apply}
            onClose={() => setOpenId(null)}
          />
        )}
      </>
    ),
    onEvent: board.onEvent,
    wrap: (children) => <ChipContext.Provider value={{ actions: board.actions, open: setOpenId }}>{children}</ChipContext.Provider>,
  };
}
