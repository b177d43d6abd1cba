// One caret/presence colour per organisation kind: shared with the server, which stamps presence.
export { orgColor } from '../../../shared/editor/presence.ts';
