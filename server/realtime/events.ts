// The per-household event log behind the live board. An event is appended inside the transaction that
// made the change: bumping households.event_seq takes that row's lock until commit, so sequence numbers
// are handed out in commit order and a reader that sees seq N has also seen every seq below N.
// After commit the events are published on the hub (topic `household:<id>`) for open streams.
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx, type Tx } from '../db/client.ts';
import { householdEvents, households } from '../db/schema.ts';
import type { Hub } from './hub.ts';
import { householdClosed } from '../households/closing.ts';
import type { HouseholdEvent, HouseholdEventPayloads, HouseholdEventType } from '../../shared/board.ts';

export const householdTopic = (householdId: string) => `household:${householdId}`;

export async function appendHouseholdEvent<T extends HouseholdEventType>(
  tx: DbOrTx,
  householdId: string,
  type: T,
  payload: HouseholdEventPayloads[T],
  at: Date,
  opts: { evenWhenClosed?: boolean } = {},
): Promise<HouseholdEvent<T>> {
  // One statement: the household row's lock is taken here and held until commit, so the fewer round-trips
  // between this and the commit, the less every other change of the household waits.
  const [row] = rowsOf<{ seq: string | number; status: string }>(
    await tx.execute(sql`
      with bumped as (
        update ${households} set event_seq = event_seq + 1 where id = ${householdId} returning event_seq, status
      ), appended as (
        insert into ${householdEvents} (household_id, seq, type, payload, created_at)
        select ${householdId}, event_seq, ${type}, ${JSON.stringify(payload)}::jsonb, ${at.toISOString()}::timestamptz
        from bumped where status <> 'closed' or ${opts.evenWhenClosed === true}
      )
      select event_seq as seq, status from bumped`),
  );
  if (!row) throw new Error(`household ${householdId} not found while appending an event`);
  // The row lock taken here serialises every change with closing the case: a change that passed its
  // access check just before the case was closed is refused here, inside its own transaction.
  if (row.status === 'closed' && !opts.evenWhenClosed) throw householdClosed();
  const seq = Number(row.seq);
  return { householdId, seq, type, at: at.toISOString(), payload };
}

export function publishHouseholdEvents(hub: Hub, events: HouseholdEvent[]): void {
  for (const e of events) hub.publish(householdTopic(e.householdId), e);
}

export type Emit = (<T extends HouseholdEventType>(householdId: string, type: T, payload: HouseholdEventPayloads[T]) => Promise<HouseholdEvent<T>>) & {
  /** Runs `fn` with the hub once the transaction has committed (never after a rollback), e.g. to tell users of new notifications. */
  afterCommit(fn: (hub: Hub) => void): void;
};

/**
 * Runs `fn` in one transaction; events emitted through `emit` are appended inside it and published
 * on the hub only after the commit (a rolled-back change never reaches a client).
 */
export async function withHouseholdEvents<R>(deps: { db: Db; hub: Hub }, at: Date, fn: (tx: Tx, emit: Emit) => Promise<R>): Promise<R> {
  const emitted: HouseholdEvent[] = [];
  const after: ((hub: Hub) => void)[] = [];
  const result = await deps.db.transaction(async (tx) => {
    emitted.length = 0; // a retried callback starts clean
    after.length = 0;
    const emit: Emit = Object.assign(
      async <T extends HouseholdEventType>(householdId: string, type: T, payload: HouseholdEventPayloads[T]) => {
        const e = await appendHouseholdEvent(tx, householdId, type, payload, at);
        emitted.push(e as HouseholdEvent);
        return e;
      },
      { afterCommit: (fn: (hub: Hub) => void) => void after.push(fn) },
    );
    return fn(tx, emit);
  });
  publishHouseholdEvents(deps.hub, emitted);
  for (const fn of after) fn(deps.hub);
  return result;
}

export async function currentEventSeq(db: DbOrTx, householdId: string): Promise<number> {
  const [row] = await db.select({ seq: households.eventSeq }).from(households).where(eq(households.id, householdId));
  return Number(row?.seq ?? 0);
}

/** Events with after < seq (<= upTo when given), in order, straight from the database. */
export async function readHouseholdEvents(db: DbOrTx, householdId: string, after: number, upTo?: number, limit = 1000): Promise<HouseholdEvent[]> {
  const where =
    upTo === undefined
      ? and(eq(householdEvents.householdId, householdId), gt(householdEvents.seq, after))
      : and(eq(householdEvents.householdId, householdId), gt(householdEvents.seq, after), lte(householdEvents.seq, upTo));
  const rows = await db.select().from(householdEvents).where(where).orderBy(asc(householdEvents.seq)).limit(limit);
  return rows.map((r) => ({
    householdId: r.householdId,
    seq: Number(r.seq),
    type: r.type as HouseholdEventType,
    at: r.createdAt.toISOString(),
    payload: r.payload as unknown as HouseholdEvent['payload'],
  }));
}
