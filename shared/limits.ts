// Limits enforced by the server and respected by the client.

/** Largest single WebSocket message (a Yjs update or awareness frame) the server accepts. */
export const MAX_MESSAGE_BYTES = 512 * 1024;
/** Largest encoded Yjs document state the server keeps; updates that would grow past it are refused. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/**
 * Updates whose dependencies have not arrived yet wait on their connection, bounded per connection (and their
 * bytes count against MAX_DOCUMENT_BYTES). A legitimate client only has a few for a moment (edits typed
 * before its sync reply); past either bound the sender is closed.
 */
export const MAX_PENDING_UPDATES = 64;
export const MAX_PENDING_BYTES = 1024 * 1024;
/**
 * Bytes the server may have queued for one socket that is not reading. Above the largest document (its
 * first sync) plus a margin, so a slow but live client is never cut; past it the socket is closed.
 */
export const MAX_BUFFERED_BYTES = MAX_DOCUMENT_BYTES + 4 * 1024 * 1024;

/** WebSocket close codes, shared so the client can tell the user what happened and stop retrying. */
export const CloseCode = {
  /** No valid session. */
  Unauthorized: 4401,
  /** Session valid, but no access to this document (or access revoked while connected). */
  Forbidden: 4403,
  /** The participant has not confirmed the household's geheimhoudingsverklaring yet (the client shows it). */
  StatementRequired: 4428,
  /** Document does not exist (answered like Forbidden to outsiders). */
  NotFound: 4404,
  /** A message could not be decoded. */
  Malformed: 4400,
  /** A message exceeded MAX_MESSAGE_BYTES or the document would exceed MAX_DOCUMENT_BYTES. */
  TooLarge: 4413,
  /** An update would put content into the document that its schema does not allow (unknown node, mark or attribute). */
  SchemaViolation: 4422,
  /**
   * The client stopped reading and too much waited for it. Outside 4400–4499, so y-websocket reconnects
   * (a live client on a bad network simply syncs again).
   */
  SlowReader: 4500,
  /** The server is shutting down; reconnecting later is fine. */
  GoingAway: 1001,
  /**
   * This server process is stopping (a restart or a rolling upgrade): reconnect at once. The process has
   * stopped accepting connections, so the reconnect reaches another process behind the load balancer.
   */
  Restarting: 4503,
} as const;
