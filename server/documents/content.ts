// Conversions between a document's Y state and Tiptap JSON / HTML, always through the schema shared with
// the browser editor (shared/editor/extensions.ts), so the server never drops or invents node types.
import { getSchema, type JSONContent } from '@tiptap/core';
import { generateHTML } from '@tiptap/html/server';
import { Node, type Schema } from '@tiptap/pm/model';
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOCUMENT_FIELD, documentExtensions } from '../../shared/editor/extensions.ts';

let schema: Schema | undefined;
/** The ProseMirror schema of the shared extensions (built once; it is immutable). */
export const documentSchema = () => (schema ??= getSchema(documentExtensions()));

export interface DocumentContent {
  json: JSONContent;
  html: string;
}

export function yDocToJSON(doc: Y.Doc): JSONContent {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD)) as JSONContent;
  // Round-trip through the schema so the JSON is exactly what the editor would hold.
  return Node.fromJSON(documentSchema(), json.content?.length ? json : { type: 'doc', content: [{ type: 'paragraph' }] }).toJSON() as JSONContent;
}

export function jsonToHTML(json: JSONContent): string {
  return generateHTML(json, documentExtensions());
}

export function yDocContent(doc: Y.Doc): DocumentContent {
  const json = yDocToJSON(doc);
  return { json, html: jsonToHTML(json) };
}

/** Content of an encoded Y state (a version), without touching any live document. */
export function stateContent(state: Uint8Array): DocumentContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return yDocContent(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Makes the document body equal to `json` as one Yjs transaction. updateYFragment diffs against the
 * current content, so unchanged paragraphs keep their identity and collaborators' carets stay put.
 */
export function replaceBody(doc: Y.Doc, json: JSONContent, origin: unknown): void {
  const node = Node.fromJSON(documentSchema(), json);
  doc.transact(() => {
    updateYFragment(doc, doc.getXmlFragment(DOCUMENT_FIELD), node, { mapping: new Map(), isOMark: new Map() });
  }, origin);
}

/** Encodes `json` as a fresh Y state (the first update of a new document). */
export function jsonToState(json: JSONContent): Uint8Array {
  const doc = new Y.Doc();
  try {
    replaceBody(doc, json, null);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
