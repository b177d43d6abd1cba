// The shared rule book: the server enforces it and the client asks it what to offer, so one table here
// pins both. Board verbs per role and relation to the action (own organisation, claimer, other).
import { describe, expect, it } from 'vitest';
import { boardPermissions, can, type ActionFacts, type BoardActor } from '../../shared/policy.ts';

const ORG = 'org-own';
const actor = (role: BoardActor['role']): BoardActor => ({
  role,
  userId: 'u-me',
  organizationId: ORG,
  closed: false,
  level: role === null ? null : 'volledig',
});
const action = (over: Partial<ActionFacts> = {}): ActionFacts => ({ status: 'open', ownerOrganizationId: ORG, claimedById: null, ...over });

describe('household policy', () => {
  it('an administrator without participation may manage but not read content', () => {
    const admin = { admin: true, role: null, closed: false, level: null };
    expect(can(admin, 'view')).toBe(true);
    expect(can(admin, 'manageParticipants')).toBe(true);
    expect(can(admin, 'read')).toBe(false);
    expect(can(admin, 'write')).toBe(false);
  });
  it('an observer reads but never writes or directs', () => {
    const observer = { admin: false, role: 'observer' as const, closed: false, level: 'volledig' as const };
    expect(can(observer, 'read')).toBe(true);
    expect(can(observer, 'write')).toBe(false);
    expect(can(observer, 'direct')).toBe(false);
  });
});

describe('a closed household', () => {
  it('is read-only for everyone; only the regievoerder may reopen it', () => {
    for (const role of ['regievoerder', 'partner', 'observer'] as const) {
      const closed = { admin: false, role, closed: true, level: 'volledig' as const };
      expect(can(closed, 'read')).toBe(true);
      for (const action of ['write', 'direct', 'update', 'manageParticipants', 'close'] as const) expect(can(closed, action)).toBe(false);
      expect(can(closed, 'reopen')).toBe(role === 'regievoerder');
      expect(can({ ...closed, closed: false }, 'close')).toBe(role === 'regievoerder');
    }
    expect(can({ admin: true, role: null, closed: true, level: null }, 'manageParticipants')).toBe(false);
  });
  it('offers no board verb at all, not even to the regievoerder', () => {
    for (const status of ['open', 'claimed', 'done', 'cancelled'] as const) {
      expect(Object.values(boardPermissions({ ...actor('regievoerder'), closed: true }, action({ status }))).some(Boolean)).toBe(false);
    }
  });
});

describe('board rules', () => {
  it("a partner claims open actions of their own organisation or unowned ones, not another organisation's", () => {
    expect(boardPermissions(actor('partner'), action()).claim).toBe(true);
    expect(boardPermissions(actor('partner'), action({ ownerOrganizationId: null })).claim).toBe(true);
    expect(boardPermissions(actor('partner'), action({ ownerOrganizationId: 'org-other' })).claim).toBe(false);
    expect(boardPermissions(actor('regievoerder'), action({ ownerOrganizationId: 'org-other' })).claim).toBe(true);
    expect(boardPermissions(actor('partner'), action({ status: 'claimed', claimedById: 'u-x' })).claim).toBe(false);
  });
  it('only the claimer or the regievoerder releases; the owner organisation may complete', () => {
    const claimedByOther = action({ status: 'claimed', claimedById: 'u-other' });
    expect(boardPermissions(actor('partner'), claimedByOther).release).toBe(false);
    expect(boardPermissions(actor('partner'), claimedByOther).complete).toBe(true);
    expect(boardPermissions(actor('partner'), { ...claimedByOther, ownerOrganizationId: 'org-other' }).complete).toBe(false);
    expect(boardPermissions(actor('regievoerder'), claimedByOther).release).toBe(true);
    expect(boardPermissions(actor('partner'), action({ status: 'claimed', claimedById: 'u-me' })).release).toBe(true);
  });
  it("an observer is offered nothing; cancel and assign are the regievoerder's", () => {
    expect(Object.values(boardPermissions(actor('observer'), action())).some(Boolean)).toBe(false);
    expect(boardPermissions(actor('partner'), action()).cancel).toBe(false);
    expect(boardPermissions(actor('regievoerder'), action()).cancel).toBe(true);
    expect(boardPermissions(actor('regievoerder'), action()).assign).toBe(true);
  });
  it('a cancelled action is reopened only by the regievoerder, a done one by any writer', () => {
    expect(boardPermissions(actor('partner'), action({ status: 'cancelled' })).reopen).toBe(false);
    expect(boardPermissions(actor('regievoerder'), action({ status: 'cancelled' })).reopen).toBe(true);
    expect(boardPermissions(actor('partner'), action({ status: 'done' })).reopen).toBe(true);
  });
});
