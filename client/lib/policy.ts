// The client asks the shared rule book what to offer; it never compares role strings itself.
// (The server enforces the same rules on every request.)
import { can, type HouseholdAction } from '../../shared/policy.ts';
import type { HouseholdSummary } from '../../shared/api.ts';
import { useAuth } from './auth.tsx';

/** What the signed-in user may do in this household (their role in it; a closed case is read-only). */
export function useHouseholdRights(household: Pick<HouseholdSummary, 'myRole' | 'myLevel' | 'status'> | null): (action: HouseholdAction) => boolean {
  const { me } = useAuth();
  return (action) =>
    can({ admin: !!me?.admin, role: household?.myRole ?? null, closed: household?.status === 'closed', level: household?.myLevel ?? null }, action);
}
