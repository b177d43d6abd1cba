// Reads used by several pages, in one place.
import { get } from './api.ts';
import type { HouseholdDetail, Organization } from './types.ts';

/** The household overview (audited by the server as a view of the household). */
export const fetchHousehold = (id: string) => get<{ household: HouseholdDetail }>(`/api/households/${id}`).then((r) => r.household);

export const fetchOrganizations = () => get<{ organizations: Organization[] }>('/api/organizations').then((r) => r.organizations);
