// The save acknowledgement: Casustafel's one addition to the y-websocket protocol (sync 0, awareness 1,
// auth 2, query-awareness 3). The server sends
//   varUint(SAVE_ACK_MESSAGE) · varUint(n)
// on a socket once the first n document messages (sync step 2 and update frames) it received on that socket
// are stored in the database: after the group commit that holds them, or at once when a message brought
// nothing new. Counting messages (not Yjs clocks) covers deletions too, which carry no clock.
//
// Only connections that ask for it (`?acks=1` on the socket URL) ever get it: y-websocket 3.1 handles an
// unknown message type by logging "Unable to compute message" to the console (and nothing else), so a
// stock client keeps working either way, but it never even sees the message.
export const SAVE_ACK_MESSAGE = 100;
/** Query parameter (value "1") with which a client asks for save acknowledgements. */
export const SAVE_ACK_PARAM = 'acks';
