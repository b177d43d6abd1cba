// Reads and changes of the regional casusoverleg; each change answers with the casusoverleg as this user sees it.
import { del, get, patch, post, put } from '../../lib/api.ts';
import type {
  CasusoverlegDetail,
  CasusoverlegListResponse,
  CasusoverlegOverviewResponse,
  CasusoverlegPlanningResponse,
  CasusoverlegResponse,
  MeetingModeResponse,
} from '../../../shared/casusoverleg.ts';
import type { AgendaItemPatch, CasusoverlegInput, CasusoverlegPatch } from '../../../shared/schemas.ts';

const base = (id: string) => `/api/casusoverleggen/${id}`;
const detail = (p: Promise<CasusoverlegResponse>): Promise<CasusoverlegDetail> => p.then((r) => r.casusoverleg);

export const casusoverlegApi = {
  list: () => get<CasusoverlegListResponse>('/api/casusoverleggen'),
  planning: () => get<CasusoverlegPlanningResponse>('/api/casusoverleggen/planning'),
  get: (id: string) => detail(get<CasusoverlegResponse>(base(id))),
  meeting: (id: string) => get<MeetingModeResponse>(`${base(id)}/vergadering`),
  overview: (id: string) => get<CasusoverlegOverviewResponse>(`${base(id)}/overzicht`),
  plan: (input: Partial<CasusoverlegInput>) => detail(post<CasusoverlegResponse>('/api/casusoverleggen', input)),
  update: (id: string, changes: CasusoverlegPatch) => detail(patch<CasusoverlegResponse>(base(id), changes)),
  add: (id: string, householdId: string) => detail(post<CasusoverlegResponse>(`${base(id)}/agenda`, { householdId })),
  changeItem: (id: string, itemId: string, changes: AgendaItemPatch) => detail(patch<CasusoverlegResponse>(`${base(id)}/agenda/${itemId}`, changes)),
  remove: (id: string, itemId: string) => detail(del<CasusoverlegResponse>(`${base(id)}/agenda/${itemId}`)),
  reorder: (id: string, itemIds: string[]) => detail(put<CasusoverlegResponse>(`${base(id)}/agenda/order`, { itemIds })),
  moveTo: (id: string, itemId: string) => detail(post<CasusoverlegResponse>(`${base(id)}/current`, { itemId })),
  close: (id: string) => detail(post<CasusoverlegResponse>(`${base(id)}/close`)),
};
