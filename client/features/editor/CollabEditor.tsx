// The live editor: Tiptap on the shared Y.Doc, with carets labelled "name · organisation".
import { useEffect } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { AnyExtension } from '@tiptap/core';
import { documentExtensions, DOCUMENT_FIELD } from '../../../shared/editor/extensions.ts';
import type { CollabSession } from './use-collab.ts';
import { presenceFields } from '../../../shared/editor/presence.ts';
import type { Me } from '../../lib/auth.tsx';

export function CollabEditor({
  session,
  me,
  editable,
  label,
  extraExtensions = [],
  onEditor,
}: {
  session: CollabSession;
  me: Me;
  editable: boolean;
  label: string;
  extraExtensions?: AnyExtension[];
  onEditor?: (editor: Editor | null) => void;
}) {
  const editor = useEditor(
    {
      extensions: [
        ...documentExtensions().filter((e) => !extraExtensions.some((x) => x.name === e.name)),
        ...extraExtensions,
        Collaboration.configure({ document: session.doc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({
          provider: session.provider,
          // The server stamps the same fields from the session; setting them here shows them before it echoes.
          user: presenceFields(me).user,
        }),
      ],
      editable,
      editorProps: { attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'ct-prose', 'data-testid': 'editor' } },
    },
    [session],
  );

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    // The presence list reads its own field; the caret extension owns `user` ({name, color}).
    session.provider.awareness.setLocalStateField('presence', presenceFields(me).presence);
  }, [session, me]);

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  return <EditorContent editor={editor} className="ct-editor" />;
}
