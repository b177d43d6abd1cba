// Limits enforced by the server and respected by the client.

/** Largest single WebSocket message (a Yjs update or awareness frame) the server accepts. */
export const MAX_MESSAGE_BYTES = 512 * 1024;
/** Largest encoded Yjs document state the server keeps; updates that would grow past it are refused. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** WebSocket close codes, shared so the client can tell the user what happened and stop retrying. */
export const CloseCode = {
  /** No valid session. */
  Unauthorized: 4401,
  /** Session valid, but no access to this document (or access revoked while connected). */
  Forbidden: 4403,
  /** Document does not exist (answered like Forbidden to outsiders). */
  NotFound: 4404,
  /** A message could not be decoded. */
  Malformed: 4400,
  /** A message exceeded MAX_MESSAGE_BYTES or the document would exceed MAX_DOCUMENT_BYTES. */
  TooLarge: 4413,
  /** The server is shutting down; reconnecting later is fine. */
  GoingAway: 1001,
} as const;
