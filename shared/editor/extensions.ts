// The document schema: one extension list for the browser editor and for the server's conversions
// (Y document → Tiptap JSON / HTML, templates). Both sides must agree or content is dropped.
import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import type { AnyExtension } from '@tiptap/core';
import { ActionRef } from './action-ref.ts';

/** Name of the Y.XmlFragment holding the document body (Tiptap Collaboration's `field`). */
export const DOCUMENT_FIELD = 'default';

export function documentExtensions(): AnyExtension[] {
  return [
    // Undo/redo comes from the Yjs collaboration undo manager, not ProseMirror history.
    StarterKit.configure({ undoRedo: false, heading: { levels: [1, 2, 3] } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    ActionRef,
  ];
}
