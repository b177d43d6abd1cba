// Casustafel's data for the peer benchmark, written straight into its database before the server starts
// (as test/integration/rolling-restart.test.ts does): editors with sessions, households with a plan each,
// optionally a document history, and the users, sessions and actions the request scenarios use.
import { generateSessionToken, SessionStore } from '../../../server/auth/session.ts';
import { SESSION_COOKIE } from '../../../server/auth/middleware.ts';
import type { Db } from '../../../server/db/client.ts';
import { mergeToState } from '../../../server/collab/persistence.ts';
import { actions, docSnapshots, documents, docUpdates, households, participations } from '../../../server/db/schema.ts';
import { createOrganization, createUser, unique } from '../../support/factories.ts';

export const EDITORS = 5;
export const HTTP_CONCURRENCY = 100;

export interface CollabSeed {
  /** Documents to create (one household each, every editor a participant). */
  docs: number;
  /** Optional log rows for each document (the cold-load history). */
  history?: Uint8Array[];
  /**
   * Casustafel only: the first this many updates of `history` are stored folded into a snapshot, the rest as
   * log rows (what compaction leaves behind); without it every update is a log row.
   */
  folded?: number;
}

export interface HttpSeed {
  /** Fresh actions per claim loop (each claimed once). */
  claimsPerLoop: number;
  /** Actions for the one-action claim races. */
  races: number;
}

export interface HttpFixture {
  householdId: string;
  /** 100 sessions of the board household's six participants, for the GET routes. */
  readCookies: string[];
  /** 100 different partners of the claim household, one session each. */
  claimCookies: string[];
  claimActions: string[][];
  raceActions: string[];
}

export interface CasustafelFixture {
  docs: string[];
  /** One session per editor; every editor takes part in every household. */
  editorCookies: string[];
  http?: HttpFixture;
}

const chunks = <T>(xs: T[], n = 500): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

async function cookieFor(db: Db, userId: string): Promise<string> {
  const token = generateSessionToken();
  await new SessionStore(db, 14).createSession(token, userId);
  return `${SESSION_COOKIE}=${token}`;
}

/** `count` households with a plan each and the given participants; returns [householdId, planId][]. */
async function householdsWithPlans(db: Db, count: number, participants: { userId: string; role: 'regievoerder' | 'partner' }[]) {
  const made: [string, string][] = [];
  for (const part of chunks(Array.from({ length: count }, (_, i) => i))) {
    const rows = await db
      .insert(households)
      .values(
        part.map(() => ({ reference: unique('HG').toUpperCase(), displayName: unique('Gezin'), hasChildren: true, grondslag: 'huisverbod_wth' as const })),
      )
      .returning({ id: households.id });
    const plans = await db
      .insert(documents)
      .values(rows.map((h) => ({ householdId: h.id, kind: 'plan' as const, title: 'Plan van aanpak' })))
      .returning({ id: documents.id, householdId: documents.householdId });
    // Past the geheimhoudingsverklaring: the bench measures the work behind it, not the statement page.
    await db.insert(participations).values(rows.flatMap((h) => participants.map((p) => ({ householdId: h.id, statementConfirmedAt: new Date(), ...p }))));
    made.push(...plans.map((p): [string, string] => [p.householdId, p.id]));
  }
  return made;
}

async function seedHttp(db: Db, seed: HttpSeed): Promise<HttpFixture> {
  const org = await createOrganization(db, 'politie');
  const regie = await createUser(db, { kind: 'gemeente' });
  const readers = [regie, ...(await Promise.all(Array.from({ length: 5 }, () => createUser(db, { organizationId: org.id }))))];
  const [[householdId]] = await householdsWithPlans(db, 1, [
    { userId: regie.id, role: 'regievoerder' },
    ...readers.slice(1).map((u) => ({ userId: u.id, role: 'partner' as const })),
  ]);
  // A board of a working household: 20 actions, a few claimed.
  await db.insert(actions).values(
    Array.from({ length: 20 }, (_, i) => ({
      householdId: householdId!,
      title: `Actie ${i + 1}`,
      ownerOrganizationId: org.id,
      createdBy: regie.id,
      ...(i % 4 === 0 ? { status: 'claimed' as const, claimedBy: readers[1 + (i % 5)]!.id, claimedAt: new Date() } : {}),
    })),
  );
  const readCookies: string[] = [];
  for (let i = 0; i < HTTP_CONCURRENCY; i++) readCookies.push(await cookieFor(db, readers[i % readers.length]!.id));

  const claimers = await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, () => createUser(db, { organizationId: org.id })));
  const [[claimHousehold]] = await householdsWithPlans(db, 1, [
    { userId: regie.id, role: 'regievoerder' },
    ...claimers.map((u) => ({ userId: u.id, role: 'partner' as const })),
  ]);
  const claimCookies = await Promise.all(claimers.map((u) => cookieFor(db, u.id)));
  const total = HTTP_CONCURRENCY * seed.claimsPerLoop + seed.races;
  const ids: string[] = [];
  for (const part of chunks(Array.from({ length: total }, (_, i) => i))) {
    const rows = await db
      .insert(actions)
      .values(part.map((i) => ({ householdId: claimHousehold!, title: `Te claimen ${i}`, ownerOrganizationId: org.id, createdBy: regie.id })))
      .returning({ id: actions.id });
    ids.push(...rows.map((r) => r.id));
  }
  const raceActions = ids.splice(0, seed.races);
  const claimActions = Array.from({ length: HTTP_CONCURRENCY }, (_, i) => ids.slice(i * seed.claimsPerLoop, (i + 1) * seed.claimsPerLoop));
  return { householdId: householdId!, readCookies, claimCookies, claimActions, raceActions };
}

export async function seedCasustafel(db: Db, collab: CollabSeed, http?: HttpSeed): Promise<CasustafelFixture> {
  const org = await createOrganization(db, 'maatschappelijk_werk');
  const editors = await Promise.all(Array.from({ length: EDITORS }, () => createUser(db, { organizationId: org.id })));
  const made = await householdsWithPlans(
    db,
    collab.docs,
    editors.map((u, i) => ({ userId: u.id, role: i === 0 ? ('regievoerder' as const) : ('partner' as const) })),
  );
  const docs = made.map(([, plan]) => plan);
  if (collab.history) {
    const folded = collab.folded ?? 0;
    const snapshot = folded > 0 ? mergeToState(collab.history.slice(0, folded)) : null;
    for (const documentId of docs) {
      if (snapshot) await db.insert(docSnapshots).values({ documentId, data: snapshot, upToUpdateId: 0 });
      for (const part of chunks(collab.history.slice(folded), 1000))
        await db.insert(docUpdates).values(part.map((data) => ({ documentId, data, updateCount: 1 })));
    }
  }
  const editorCookies = await Promise.all(editors.map((u) => cookieFor(db, u.id)));
  return { docs, editorCookies, http: http ? await seedHttp(db, http) : undefined };
}
