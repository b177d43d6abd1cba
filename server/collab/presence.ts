// Presence as the server relays it: the caret label, colour and presence entry come from the session
// (shared/editor/presence.ts), never from the client. A client keeps only its cursor, rebuilt from the
// relative-position fields y-prosemirror uses, so other browsers never receive anything else from it.
import type { SessionUser } from '../auth/session.ts';
import { presenceFields } from '../../shared/editor/presence.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function id(v: unknown): { client: number; clock: number } | null | undefined {
  if (v === undefined || v === null) return null;
  return isObject(v) && isUint(v.client) && isUint(v.clock) ? { client: v.client, clock: v.clock } : undefined;
}

/** A Y.RelativePosition as JSON ({ type, tname, item, assoc }), or undefined when it is not one. */
function relativePosition(v: unknown): Json | undefined {
  if (!isObject(v)) return undefined;
  const type = id(v.type);
  const item = id(v.item);
  if (type === undefined || item === undefined) return undefined;
  if (v.tname !== undefined && v.tname !== null && (typeof v.tname !== 'string' || v.tname.length > 64)) return undefined;
  if (v.assoc !== undefined && v.assoc !== null && !Number.isSafeInteger(v.assoc)) return undefined;
  return { type, tname: (v.tname as string | undefined) ?? null, item, assoc: (v.assoc as number | undefined) ?? 0 };
}

function cursor(v: unknown): Json | null {
  if (!isObject(v)) return null;
  const anchor = relativePosition(v.anchor);
  const head = relativePosition(v.head);
  return anchor && head ? { anchor, head } : null;
}

/** The state the room keeps and relays for a connection's awareness entry. */
export function stampPresence(state: Json, user: SessionUser): Json {
  return { cursor: cursor(state.cursor), ...presenceFields(user) };
}
