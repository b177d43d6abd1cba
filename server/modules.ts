// The feature areas beyond the foundation, created once per server instance (they may hold state).
import type { Deps } from './context.ts';
import type { Module } from './module.ts';
import { boardModule } from './board/module.ts';
import { eventsModule } from './realtime/routes.ts';
import { overviewModule } from './overview/routes.ts';
import { createDocumentsModule } from './documents/module.ts';
import { meetingsModule } from './meetings/routes.ts';
import { userEventsModule } from './realtime/user-stream.ts';
import { retentionModule } from './retention/module.ts';
import { casusoverlegModule } from './casusoverleg/routes.ts';
import { notificationsModule } from './notifications/module.ts';
import { myActionsModule } from './my-actions/module.ts';

export function createModules(deps: Deps): Module[] {
  return [
    createDocumentsModule(deps),
    boardModule(deps),
    eventsModule(deps),
    overviewModule(deps),
    meetingsModule(deps),
    userEventsModule(deps),
    retentionModule(deps),
    casusoverlegModule(deps),
    notificationsModule(deps),
    myActionsModule(deps),
  ];
}
