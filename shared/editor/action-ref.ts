// An inline, atomic reference from a document to a board action ("chip"). The document stores only the
// action id and the title at the time of linking; the client renders live status, owner and due date.
import { Node, mergeAttributes } from '@tiptap/core';

export const ActionRef = Node.create({
  name: 'actionRef',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      actionId: { default: null, parseHTML: (el) => el.getAttribute('data-action-id'), renderHTML: (a) => ({ 'data-action-id': a.actionId }) },
      title: { default: '', parseHTML: (el) => el.textContent ?? '', renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-action-id]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['span', mergeAttributes({ class: 'action-ref' }, HTMLAttributes), `Actie: ${node.attrs.title as string}`];
  },
  renderText({ node }) {
    return `[Actie: ${node.attrs.title as string}]`;
  },
});
