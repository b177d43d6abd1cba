// Conversions between a document's Y state and Tiptap JSON / HTML, always through the schema shared with
// the browser editor (shared/editor/extensions.ts), so the server never drops or invents node types.
import { getSchema, type JSONContent } from '@tiptap/core';
import { Node, type NodeType, type MarkType, type Schema } from '@tiptap/pm/model';
import { updateYFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOCUMENT_FIELD, documentExtensions } from '../../shared/editor/extensions.ts';

let schema: Schema | undefined;
/** The ProseMirror schema of the shared extensions (built once; it is immutable). */
export const documentSchema = () => (schema ??= getSchema(documentExtensions()));

export type { DocumentContent } from '../../shared/api.ts';
import type { DocumentContent } from '../../shared/api.ts';

/**
 * Told how many pieces of a stored document were left out because the schema does not allow them (content
 * from before the socket checked updates, or written around it). Never given the content itself.
 */
export type OmissionReport = (omitted: number) => void;

/**
 * The document body as Tiptap JSON, read the way y-prosemirror stores it (elements named after node types,
 * text with marks as formatting), keeping only what the schema allows: an unknown node is left out with
 * its subtree, an unknown mark or attribute is dropped, and a block that still fails is left out. So
 * content, print, PDF and versions always render what is there instead of failing on what is not allowed.
 */
export function yDocToJSON(doc: Y.Doc, report?: OmissionReport): JSONContent {
  const schema = documentSchema();
  let omitted = 0;
  const blocks = toJSONNodes(doc.getXmlFragment(DOCUMENT_FIELD).toArray(), schema, () => omitted++);
  const nodes: Node[] = [];
  for (const block of blocks) {
    try {
      nodes.push(schema.nodeFromJSON(block));
    } catch {
      omitted++;
    }
  }
  if (omitted) report?.(omitted);
  // Through the schema's own nodes, so the JSON is exactly what the editor would hold.
  return schema.topNodeType.create(null, nodes.length ? nodes : [schema.nodes.paragraph!.create()]).toJSON() as JSONContent;
}

/** y-prosemirror keys overlapping marks as `name--hash`. */
const markName = (key: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key;

function toJSONNodes(children: unknown[], schema: Schema, omit: () => void): JSONContent[] {
  const out: JSONContent[] = [];
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      for (const d of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof d.insert !== 'string' || !d.insert) {
          omit();
          continue;
        }
        const marks: JSONContent['marks'] = [];
        for (const [key, value] of Object.entries(d.attributes ?? {})) {
          const type = schema.marks[markName(key)];
          if (!type) omit();
          else marks.push({ type: type.name, attrs: allowedAttrs(type, value, omit) });
        }
        out.push({ type: 'text', text: d.insert, ...(marks.length ? { marks } : {}) });
      }
    } else if (child instanceof Y.XmlElement && schema.nodes[child.nodeName] && child.nodeName !== 'text' && child.nodeName !== schema.topNodeType.name) {
      const type = schema.nodes[child.nodeName]!;
      const content = toJSONNodes(child.toArray(), schema, omit);
      out.push({ type: type.name, attrs: allowedAttrs(type, child.getAttributes(), omit), ...(content.length ? { content } : {}) });
    } else omit();
  }
  return out;
}

/** The attributes the node or mark type declares, with plain values that pass its validation. */
function allowedAttrs(type: NodeType | MarkType, value: unknown, omit: () => void): Record<string, unknown> {
  const spec = (type as unknown as { attrs: Record<string, { validate?: (v: unknown) => void }> }).attrs;
  const attrs: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null) return attrs;
  for (const [name, v] of Object.entries(value)) {
    const attr = spec[name];
    if (!attr || (v !== null && typeof v === 'object')) {
      omit();
      continue;
    }
    try {
      attr.validate?.(v);
      attrs[name] = v;
    } catch {
      omit();
    }
  }
  return attrs;
}

/**
 * @tiptap/html's server build brings a whole DOM (happy-dom: ~10 MB of heap, ~30 MB RSS): loaded on the
 * first export, print or version view, not at start by every process.
 */
let htmlRenderer: Promise<typeof import('@tiptap/html/server')> | undefined;

export async function jsonToHTML(json: JSONContent): Promise<string> {
  const { generateHTML } = await (htmlRenderer ??= import('@tiptap/html/server'));
  return generateHTML(json, documentExtensions());
}

/** JSON now (the caller may hold the live document only this long), HTML once the renderer is there. */
export function yDocContent(doc: Y.Doc, report?: OmissionReport): Promise<DocumentContent> {
  const json = yDocToJSON(doc, report);
  return jsonToHTML(json).then((html) => ({ json, html }));
}

/** The JSON of an encoded Y state (a version), without touching any live document. */
export function stateJSON(state: Uint8Array, report?: OmissionReport): JSONContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return yDocToJSON(doc, report);
  } finally {
    doc.destroy();
  }
}

/** Content (JSON and HTML) of an encoded Y state. */
export async function stateContent(state: Uint8Array, report?: OmissionReport): Promise<DocumentContent> {
  const json = stateJSON(state, report);
  return { json, html: await jsonToHTML(json) };
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
