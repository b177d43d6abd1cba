// The casusoverleg as JSON for one viewer: its own facts (seen by everyone who sees it) and its agenda,
// each item as far as the viewer may see it (visibility.ts).
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { casusoverlegItems } from '../db/schema.ts';
import type { Requester } from '../access/authorize.ts';
import { loadUserRefs } from '../board/presenter.ts';
import type { CasusoverlegDetail, CasusoverlegSummary, PersonRefLite } from '../../shared/casusoverleg.ts';
import { agendaWithViewer, isChair, isOrganiser, presentItem, type CasusoverlegRow } from './visibility.ts';

const slotEnd = (i: { slotStart: Date; slotMinutes: number }) => i.slotStart.getTime() + i.slotMinutes * 60_000;

async function people(db: DbOrTx, ids: string[]): Promise<Map<string, PersonRefLite>> {
  const refs = await loadUserRefs(db, ids);
  return new Map([...refs].map(([id, u]) => [id, { id, name: u.name, organization: u.organization.name }]));
}

const unknownPerson = (id: string): PersonRefLite => ({ id, name: 'Onbekend', organization: '' });

function summary(row: CasusoverlegRow, chair: PersonRefLite, slots: { slotStart: Date; slotMinutes: number }[]): CasusoverlegSummary {
  const end = slots.length ? Math.max(...slots.map(slotEnd)) : null;
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: end === null ? null : new Date(end).toISOString(),
    place: row.place,
    onlineLink: row.onlineLink,
    status: row.status,
    chair,
    itemCount: slots.length,
  };
}

/** Summaries of casusoverleggen the caller has found visible (their facts only: no agenda content). */
export async function presentSummaries(db: DbOrTx, rows: CasusoverlegRow[]): Promise<CasusoverlegSummary[]> {
  if (!rows.length) return [];
  const [slots, chairs] = await Promise.all([
    db
      .select({ casusoverlegId: casusoverlegItems.casusoverlegId, slotStart: casusoverlegItems.slotStart, slotMinutes: casusoverlegItems.slotMinutes })
      .from(casusoverlegItems)
      .where(
        inArray(
          casusoverlegItems.casusoverlegId,
          rows.map((r) => r.id),
        ),
      ),
    people(
      db,
      rows.map((r) => r.chairId),
    ),
  ]);
  return rows.map((r) =>
    summary(
      r,
      chairs.get(r.chairId) ?? unknownPerson(r.chairId),
      slots.filter((s) => s.casusoverlegId === r.id),
    ),
  );
}

/** The casusoverleg with its agenda, as the requester may see it (the caller has found it visible). */
export async function presentDetail(db: DbOrTx, requester: Requester, row: CasusoverlegRow): Promise<CasusoverlegDetail> {
  const [agenda, refs] = await Promise.all([agendaWithViewer(db, row.id, requester.user.id), people(db, [row.chairId, row.createdBy])]);
  const userId = requester.user.id;
  return {
    ...summary(
      row,
      refs.get(row.chairId) ?? unknownPerson(row.chairId),
      agenda.map((c) => c.item),
    ),
    currentItemId: row.currentItemId,
    startedAt: row.startedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    plannedBy: refs.get(row.createdBy) ?? unknownPerson(row.createdBy),
    revision: row.revision,
    items: agenda.map((c) => presentItem(requester, row, c)),
    my: { chair: isChair(row, userId), organiser: isOrganiser(row, userId) },
  };
}
