// The documents area as one Module: the /collab socket, the /api document routes, and the room manager
// that both share. Other areas reach the live rooms through getCollab(deps).
import type { Deps } from '../context.ts';
import type { Module } from '../module.ts';
import { RoomManager, type RoomManagerOptions } from '../collab/rooms.ts';
import { mountCollabSocket } from '../collab/socket.ts';
import { documentRoutes } from './routes.ts';
import { templateState } from './templates.ts';

const managers = new WeakMap<Deps, RoomManager>();

/** The room manager of this server instance (created by createDocumentsModule). */
export function getCollab(deps: Deps): RoomManager {
  const rooms = managers.get(deps);
  if (!rooms) throw new Error('documents module not created for these deps');
  return rooms;
}

export function createDocumentsModule(deps: Deps, opts: Partial<RoomManagerOptions> = {}): Module & { rooms: RoomManager } {
  const rooms = new RoomManager(deps, { template: templateState, ...opts });
  managers.set(deps, rooms);
  return {
    name: 'documents',
    rooms,
    api: documentRoutes(deps, { db: deps.db, rooms, log: deps.log, hub: deps.hub, auditWriter: deps.auditWriter }),
    mount: (app) => mountCollabSocket(app, deps, rooms),
    close: () => rooms.close(),
  };
}
