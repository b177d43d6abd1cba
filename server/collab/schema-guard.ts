// The document schema, enforced on the wire: every struct an update would add is placed (which Y type it
// lands in, under which key) and checked against the Tiptap schema shared with the browser editor, before
// the update touches the room's document. y-prosemirror stores a ProseMirror document as
//   root XmlFragment "default" → XmlElement(nodeName = node type, attributes = node attrs)
//   → XmlElement children / XmlText (formatting keys = mark names, values = mark attrs)
// so anything else (an unknown element, attribute or mark, another root type, embeds, maps, subdocuments)
// cannot have come from a legitimate editor and is refused as a whole.
import * as Y from 'yjs';
import type { Schema } from '@tiptap/pm/model';
import { DOCUMENT_FIELD } from '../../shared/editor/extensions.ts';
import { documentSchema } from '../documents/content.ts';
import type { DecodedUpdate } from './protocol.ts';

type AttrRules = Map<string, ((value: unknown) => void) | null>;

export interface SchemaRules {
  /** Node type → its attributes (with ProseMirror's validate function, if the spec has one). */
  nodes: Map<string, AttrRules>;
  marks: Map<string, AttrRules>;
}

function attrRules(attrs: Record<string, { validate?: unknown }>): AttrRules {
  const rules: AttrRules = new Map();
  for (const [name, attr] of Object.entries(attrs)) rules.set(name, typeof attr.validate === 'function' ? (attr.validate as (v: unknown) => void) : null);
  return rules;
}

/** NodeType/MarkType `attrs` (public in ProseMirror, missing from its typings): spec attrs with validate as a function. */
const attrsOf = (type: unknown) => (type as { attrs: Record<string, { validate?: unknown }> }).attrs;

export function schemaRules(schema: Schema): SchemaRules {
  const nodes = new Map<string, AttrRules>();
  for (const [name, type] of Object.entries(schema.nodes)) {
    // The fragment itself is the doc; text lives in XmlText, never as an element.
    if (name === schema.topNodeType.name || name === 'text') continue;
    nodes.set(name, attrRules(attrsOf(type)));
  }
  const marks = new Map<string, AttrRules>();
  for (const [name, type] of Object.entries(schema.marks)) marks.set(name, attrRules(attrsOf(type)));
  return { nodes, marks };
}

/** y-prosemirror keys overlapping marks as `name--hash` (8 base64 characters). */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;
const markName = (key: string) => HASHED_MARK.exec(key)?.[1] ?? key;

export type UpdateVerdict =
  /** `waiting`: some structs or deletions refer to things neither the document nor the update holds yet. */
  { ok: true; waiting: boolean } | { ok: false; reason: string };

type Parent =
  | { kind: 'root'; name: string }
  | { kind: 'element'; nodeName: string }
  | { kind: 'text' }
  /** Deleted / garbage-collected: Yjs drops whatever is inserted there. */
  | { kind: 'gone' }
  | { kind: 'other' };
type Placement = { parent: Parent; sub: string | null } | 'missing' | 'cycle';

type Struct = Y.Item | Y.GC | Y.Skip;

function parentOfType(type: unknown): Parent {
  if (type instanceof Y.XmlElement) return { kind: 'element', nodeName: type.nodeName };
  if (type instanceof Y.XmlText) return { kind: 'text' };
  if (type instanceof Y.AbstractType && type._item === null) return { kind: 'root', name: Y.findRootTypeKey(type) };
  if (!type) return { kind: 'gone' };
  return { kind: 'other' };
}

/** What a ContentType may be: an element of a schema node, or text. */
function checkType(type: Y.AbstractType<unknown>, rules: SchemaRules): string | null {
  if (type instanceof Y.XmlElement) return rules.nodes.has(type.nodeName) ? null : `unknown node type "${type.nodeName}"`;
  if (type instanceof Y.XmlText) return null;
  return `type ${type.constructor.name} is not part of a document`;
}

function checkAttrs(rules: AttrRules | undefined, attrs: Record<string, unknown>, what: string): string | null {
  if (!rules) return `unknown ${what}`;
  for (const [name, value] of Object.entries(attrs)) {
    if (!rules.has(name)) return `unknown attribute "${name}" on ${what}`;
    const err = checkValue(rules.get(name) ?? null, value);
    if (err) return `attribute "${name}" on ${what}: ${err}`;
  }
  return null;
}

/** Attribute values of this schema are JSON primitives; ProseMirror's own validate (if any) has the last word. */
function checkValue(validate: ((v: unknown) => void) | null, value: unknown): string | null {
  if (value !== null && typeof value === 'object') return 'not a plain value';
  if (validate) {
    try {
      validate(value);
    } catch (err) {
      return String((err as Error).message ?? err);
    }
  }
  return null;
}

function checkFormat(content: Y.ContentFormat, rules: SchemaRules): string | null {
  const name = markName(content.key);
  if (!rules.marks.has(name)) return `unknown mark "${name}"`;
  const value = content.value as unknown;
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return `mark "${name}" with a value that is not an attribute object`;
  return checkAttrs(rules.marks.get(name), value as Record<string, unknown>, `mark "${name}"`);
}

/** Content checks that need no knowledge of where the struct lands. */
function checkContent(item: Y.Item, rules: SchemaRules): string | null {
  const c = item.content;
  if (c instanceof Y.ContentType) return checkType(c.type, rules);
  if (c instanceof Y.ContentFormat) return checkFormat(c, rules);
  if (c instanceof Y.ContentString || c instanceof Y.ContentAny || c instanceof Y.ContentDeleted) return null;
  return `${c.constructor.name} is not part of a document`;
}

/** Content checks against the placement: what may live in the body, in an element, in its attributes, in text. */
function checkPlacement(item: Y.Item, parent: Parent, sub: string | null, rules: SchemaRules): string | null {
  const c = item.content;
  if (parent.kind === 'gone' || c instanceof Y.ContentDeleted) return null;
  switch (parent.kind) {
    case 'root':
      if (parent.name !== DOCUMENT_FIELD) return `root type "${parent.name}" is not part of a document`;
      if (sub !== null) return 'attributes on the document body';
      return c instanceof Y.ContentType ? null : 'content other than nodes in the document body';
    case 'element': {
      if (sub === null) return c instanceof Y.ContentType ? null : `content other than nodes in "${parent.nodeName}"`;
      if (!(c instanceof Y.ContentAny) || c.arr.length !== 1) return `attribute "${sub}" on "${parent.nodeName}" is not a plain value`;
      return checkAttrs(rules.nodes.get(parent.nodeName), { [sub]: c.arr[0] }, `node "${parent.nodeName}"`);
    }
    case 'text':
      if (sub !== null) return 'attributes on text';
      return c instanceof Y.ContentString || c instanceof Y.ContentFormat ? null : 'content other than text and marks in text';
    default:
      return 'content inside something that is not a document node';
  }
}

function findIn(structs: Struct[] | undefined, clock: number): Struct | undefined {
  if (!structs?.length) return undefined;
  let lo = 0;
  let hi = structs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = structs[mid]!;
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/**
 * Checks a decoded update against the document it is about to be applied to. Nothing is changed.
 * Refused: any struct that would hold content outside the schema. `waiting`: the update depends on
 * structs the document does not have yet (Yjs would keep it pending); apply it only once that is false.
 */
export function inspectUpdate(doc: Y.Doc, update: DecodedUpdate, rules: SchemaRules): UpdateVerdict {
  const store = doc.store;
  const byClient = new Map<number, Struct[]>();
  for (const s of update.structs) {
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  // Per client: the clock up to which structs are known once the update is applied (the document's state,
  // extended by the update's structs that follow it without a gap).
  const reach = new Map<number, number>();
  let waiting = false;
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    let end = Y.getState(store, client);
    for (const s of list) {
      if (s instanceof Y.Skip || s.id.clock > end) break;
      end = Math.max(end, s.id.clock + s.length);
    }
    reach.set(client, end);
    if (list.some((s) => !(s instanceof Y.Skip) && s.id.clock + s.length > end)) waiting = true;
  }
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(store, client);
  for (const [client, deletes] of update.ds.clients) {
    const end = reachOf(client);
    if (deletes.some((d: { clock: number; len: number }) => d.clock + d.len > end)) waiting = true;
  }

  const known = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  const available = (id: Y.ID) => id.clock < reachOf(id.client);
  const docStruct = (id: Y.ID) => {
    const structs = store.clients.get(id.client);
    return structs ? structs[Y.findIndexSS(structs, id.clock)] : undefined;
  };
  const placements = new Map<Y.Item, Placement>();

  /** Where one struct lands; items that copy their parent from a neighbour in the update are resolved first. */
  function step(item: Y.Item): Placement | Y.Item {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { parent: { kind: 'root', name: parent }, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      if (!available(parent)) return 'missing';
      const s = known(parent) ? docStruct(parent) : findIn(byClient.get(parent.client), parent.clock);
      if (!s || s instanceof Y.GC || s instanceof Y.Skip) return { parent: { kind: 'gone' }, sub: item.parentSub };
      if (s.content instanceof Y.ContentDeleted) return { parent: { kind: 'gone' }, sub: item.parentSub };
      if (!(s.content instanceof Y.ContentType)) return { parent: { kind: 'other' }, sub: item.parentSub };
      return { parent: parentOfType(s.content.type), sub: item.parentSub };
    }
    // No parent info: Yjs copies parent and key from the left neighbour (origin), else the right one.
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour || !available(neighbour)) return 'missing';
    if (known(neighbour)) {
      const s = docStruct(neighbour);
      if (!(s instanceof Y.Item)) return { parent: { kind: 'gone' }, sub: null };
      return { parent: parentOfType(s.parent), sub: s.parentSub };
    }
    const s = findIn(byClient.get(neighbour.client), neighbour.clock);
    if (!(s instanceof Y.Item)) return { parent: { kind: 'gone' }, sub: null };
    return s;
  }

  function place(item: Y.Item): Placement {
    const stack = [item];
    const visiting = new Set<Y.Item>();
    while (stack.length) {
      const cur = stack[stack.length - 1]!;
      if (placements.has(cur)) {
        stack.pop();
        continue;
      }
      visiting.add(cur);
      const r = step(cur);
      if (r instanceof Y.Item) {
        const done = placements.get(r);
        if (done !== undefined) {
          placements.set(cur, done);
          stack.pop();
        } else if (visiting.has(r)) {
          placements.set(cur, 'cycle');
          stack.pop();
        } else stack.push(r);
      } else {
        placements.set(cur, r);
        stack.pop();
      }
    }
    return placements.get(item)!;
  }

  for (const s of update.structs) {
    if (!(s instanceof Y.Item)) continue;
    // Already in the document: Yjs skips it.
    if (s.id.clock + s.length <= Y.getState(store, s.id.client)) continue;
    const contentError = checkContent(s, rules);
    if (contentError) return { ok: false, reason: contentError };
    const placement = place(s);
    if (placement === 'cycle') return { ok: false, reason: 'structs that refer to each other in a circle' };
    if (placement === 'missing') {
      waiting = true;
      continue;
    }
    const placementError = checkPlacement(s, placement.parent, placement.sub, rules);
    if (placementError) return { ok: false, reason: placementError };
  }
  return { ok: true, waiting };
}

let rules: SchemaRules | undefined;
/** The rules of the shared document schema (built once; the schema is immutable). */
export const documentRules = () => (rules ??= schemaRules(documentSchema()));
