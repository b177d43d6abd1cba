// Dutch formatting toolbar; a roving-tabindex-free row of real buttons (each reachable with Tab).
import { useEditorState, type Editor } from '@tiptap/react';

interface Item {
  label: string;
  text: string;
  active?: (e: Editor) => boolean;
  run: (e: Editor) => void;
  shortcut?: string;
}

const ITEMS: Item[][] = [
  [
    { label: 'Vet', text: 'B', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run(), shortcut: 'Ctrl+B' },
    { label: 'Cursief', text: 'I', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run(), shortcut: 'Ctrl+I' },
  ],
  [
    { label: 'H2 kop 2', text: 'H2', active: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
    { label: 'H3 kop 3', text: 'H3', active: (e) => e.isActive('heading', { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  ],
  [
    { label: 'Opsomming', text: '•', active: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
    { label: '1. genummerde lijst', text: '1.', active: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
    { label: 'Takenlijst', text: '☐', active: (e) => e.isActive('taskList'), run: (e) => e.chain().focus().toggleTaskList().run() },
  ],
  [
    { label: 'Ongedaan maken', text: '↶', run: (e) => e.chain().focus().undo().run(), shortcut: 'Ctrl+Z' },
    { label: 'Opnieuw', text: '↷', run: (e) => e.chain().focus().redo().run(), shortcut: 'Ctrl+Shift+Z' },
  ],
];

export function Toolbar({ editor, extra }: { editor: Editor; extra?: React.ReactNode }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ITEMS.flat().map((i) => (i.active ? i.active(e) : false)),
  });
  let n = 0;
  return (
    <div role="toolbar" aria-label="Opmaak" className="ct-toolbar">
      {ITEMS.map((group, g) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the toolbar's groups are a constant list.
        <div key={g} className="ct-toolbar__group">
          {group.map((item) => {
            const isActive = active[n++];
            return (
              <button
                key={item.label}
                type="button"
                className="ct-toolbar__button"
                aria-label={item.label}
                title={item.shortcut ? `${item.label} (${item.shortcut})` : item.label}
                aria-pressed={item.active ? !!isActive : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => item.run(editor)}
              >
                <span aria-hidden="true">{item.text}</span>
              </button>
            );
          })}
        </div>
      ))}
      {extra}
    </div>
  );
}
