// The Logboek's kinds come from one mapping of event names (shared/audit.ts): every event the server writes
// has exactly one kind, and the names that mean a read, an export or a refusal land where a reader expects.
import { describe, expect, it } from 'vitest';
import { AUDIT_KINDS, KNOWN_AUDIT_EVENTS, LOGBOEK_KINDS, auditEntryNote, auditEventKind, auditEventsOfKind, auditEventLabel } from '../../shared/audit.ts';

describe('audit event kinds', () => {
  it('reads, exports, refusals, account rows and changes by their names', () => {
    const expected: Record<string, string> = {
      'household.view': 'view',
      'board.view': 'view',
      'document.view': 'view',
      'document.open': 'view',
      'document.versions': 'view',
      'events.open': 'view',
      'meeting.attendance_view': 'view',
      'meeting.evaluation_view': 'view',
      'action.view': 'view',
      'action.history': 'view',
      'document.export': 'export',
      'household.audit_exported': 'export',
      'household.inzage_exported': 'export',
      'access.refused': 'refused',
      'login.success': 'account',
      'login.failure': 'account',
      logout: 'account',
      'account.step_up': 'account',
      'person.update': 'change',
      'document.edit_session': 'change',
      'household.grondslag': 'change',
      'participant.add': 'change',
      'action.claim': 'change',
      'action.create': 'change',
      'meeting.evaluation': 'change',
      'household.close': 'change',
    };
    for (const [event, kind] of Object.entries(expected)) expect(auditEventKind(event), event).toBe(kind);
  });

  it('splits every known event into exactly one kind', () => {
    const all = AUDIT_KINDS.flatMap((k) => auditEventsOfKind(k));
    expect(all.sort()).toEqual([...KNOWN_AUDIT_EVENTS].sort());
    for (const kind of LOGBOEK_KINDS) expect(auditEventsOfKind(kind).length, kind).toBeGreaterThan(0);
    expect(auditEventsOfKind('refused')).toEqual(['access.refused']);
  });

  it('every known event has a Dutch label, not its code', () => {
    for (const e of KNOWN_AUDIT_EVENTS) expect(auditEventLabel(e), e).not.toBe(e);
  });

  it('notes show a reason, what a refusal tried, and what an export held, never other details', () => {
    expect(auditEntryNote('participant.add', { reason: 'Wijkteam neemt over', role: 'partner' })).toEqual({ reason: 'Wijkteam neemt over', detail: null });
    expect(auditEntryNote('access.refused', { request: 'GET /api/households/x/audit', answer: 403 }).detail).toBe(
      'GET /api/households/x/audit — geweigerd met 403',
    );
    expect(auditEntryNote('household.audit_exported', { format: 'csv', rows: 12, filter: { kind: 'view' } }).detail).toBe('CSV, 12 regels');
    expect(auditEntryNote('action.edit', { changes: { title: { from: 'a', to: 'b' } } })).toEqual({ reason: null, detail: null });
  });
});
