// Reads used by several pages, in one place.
import { get } from './api.ts';
import type { HouseholdResponse, OrganizationListResponse } from '../../shared/api.ts';

/** The household overview (audited by the server as a view of the household). */
export const fetchHousehold = (id: string) => get<HouseholdResponse>(`/api/households/${id}`).then((r) => r.household);

export const fetchOrganizations = () => get<OrganizationListResponse>('/api/organizations').then((r) => r.organizations);
