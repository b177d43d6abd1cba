// Every live channel of this process (document sockets and event streams) in one registry, kept in line
// with access while it is open:
// - a revocation signal (logout, account disabled, participation removed) ends the matching channels at once;
//   a participation whose role changed is re-checked through the access seam;
// - a timer at the session's expiry re-checks the session (real time) and ends it when it has run out;
// - a periodic sweep re-checks every session and every channel's household access, for changes nobody announced.
// Transports only say how to end themselves; what ends them, and when, is decided here, once.
import type { Db } from '../db/client.ts';
import type { Hub } from '../realtime/hub.ts';
import type { Logger } from '../logger.ts';
import type { HouseholdRole } from '../../shared/enums.ts';
import type { HouseholdAction } from '../../shared/policy.ts';
import { INFORMATION_LEVEL, STATEMENT_REQUIRED, recheckHouseholds, type HouseholdGrant, type Requester } from './authorize.ts';
import { AccessRefused } from './refusal.ts';
import { onRevocation, type Revocation } from './revocation.ts';
import { liveSessions } from './session-check.ts';

/** Why a channel ends: its session is over (socket 4401) or its access to the household is (4403). */
export interface ChannelEnd {
  kind: 'session' | 'access';
  message: string;
}

export const ENDS = {
  loggedOut: { kind: 'session', message: 'Je bent uitgelogd.' },
  expired: { kind: 'session', message: 'Je sessie is verlopen. Log opnieuw in.' },
  accountRevoked: { kind: 'session', message: 'Je sessie is beëindigd door een beheerder.' },
  noLongerParticipant: { kind: 'access', message: 'Je neemt niet meer deel aan dit huishouden.' },
  levelLowered: { kind: 'access', message: 'Je informatieniveau bij dit huishouden is gewijzigd; dit deel is niet meer zichtbaar.' },
  statementRequired: { kind: 'access', message: 'Bevestig eerst de geheimhoudingsverklaring voor dit huishouden.' },
} as const satisfies Record<string, ChannelEnd>;

export interface LiveChannel {
  readonly transport: 'socket' | 'stream';
  readonly requester: Requester;
  readonly sessionId: string;
  /** The household the channel shows; null for a user's own stream (only its session can end it). */
  readonly householdId: string | null;
  /** What the channel needs to stay open (re-checked through the seam): a document socket `read`, a board stream `readBoard`. */
  readonly needs: HouseholdAction;
  /** Ends the channel now; called at most once. */
  end(why: ChannelEnd): void;
  /** A re-check passed; the grant as it is now (e.g. a partner who became observer). */
  regranted?(grant: HouseholdGrant): void;
  /**
   * A role change was announced for this channel's participation: the channel applies it at once if it
   * grants less than it has now (never more); the re-check through the seam follows and decides.
   */
  roleAnnounced?(role: HouseholdRole): void;
}

interface Entry {
  channel: LiveChannel;
  expiresAt: Date;
  timer: ReturnType<typeof setTimeout> | null;
  ended: boolean;
}

/** Revocations received shortly before a channel registers still apply to it (it was authorised before them). */
const RECENT_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export class LiveChannels {
  private readonly entries = new Set<Entry>();
  private readonly recent: { at: number; r: Revocation }[] = [];
  private readonly unsubscribe: () => void;
  private readonly sweepTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: { db: Db; hub: Hub; log: Logger },
    sweepMs = 15_000,
  ) {
    this.unsubscribe = onRevocation(deps.hub, (r) => this.revoke(r));
    this.sweepTimer = setInterval(() => void this.sweep().catch((err) => deps.log.warn('access: live re-check failed', { err: String(err) })), sweepMs);
    this.sweepTimer.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Tracks a channel until the returned function is called (when it closes). `authorizedAt` is when its
   * authorisation began: a revocation received since then ends it at once.
   */
  register(channel: LiveChannel, session: { expiresAt: Date }, authorizedAt: number): () => void {
    const entry: Entry = { channel, expiresAt: session.expiresAt, timer: null, ended: false };
    this.entries.add(entry);
    for (const { at, r } of this.recent) {
      if (r.kind === 'participation' && r.role !== null) continue; // a role change: re-checked below
      // An ended session never comes back, so that one applies whenever it was received.
      if ((r.kind === 'session' || at >= authorizedAt) && this.applies(r, channel)) {
        this.finish(entry, this.endFor(r));
        return () => {};
      }
    }
    if (roleChangedSince(this.recent, channel, authorizedAt)) void this.recheck([entry]);
    this.schedule(entry);
    return () => {
      entry.ended = true;
      this.drop(entry);
    };
  }

  /** Re-checks every open channel: sessions in one query, then household access per (user, household). */
  async sweep(): Promise<void> {
    const open = [...this.entries].filter((e) => !e.ended);
    if (!open.length) return;
    const live = await liveSessions(this.deps.db, [...new Set(open.map((e) => e.channel.sessionId))]);
    const rest: Entry[] = [];
    for (const e of open) {
      const expiresAt = live.get(e.channel.sessionId);
      if (!expiresAt) this.finish(e, ENDS.expired);
      else {
        e.expiresAt = expiresAt;
        rest.push(e);
      }
    }
    await this.recheck(rest);
  }

  close(): void {
    clearInterval(this.sweepTimer);
    this.unsubscribe();
    for (const e of this.entries) if (e.timer) clearTimeout(e.timer);
    this.entries.clear();
  }

  private revoke(r: Revocation): void {
    const now = Date.now();
    this.recent.push({ at: now, r });
    while (this.recent.length && this.recent[0]!.at < now - RECENT_MS) this.recent.shift();
    const hit = [...this.entries].filter((e) => !e.ended && this.applies(r, e.channel));
    if (r.kind === 'participation' && r.role !== null) {
      // Still a participant with another role: narrowing applies at once, then the seam decides.
      for (const e of hit) e.channel.roleAnnounced?.(r.role);
      void this.recheck(hit).catch((err) => this.deps.log.error('access: re-check after a role change failed', { err: String(err) }));
      return;
    }
    for (const e of hit) this.finish(e, this.endFor(r));
  }

  private applies(r: Revocation, c: LiveChannel): boolean {
    switch (r.kind) {
      case 'session':
        return c.sessionId === r.sessionId;
      case 'account':
        return c.requester.user.id === r.userId;
      case 'participation':
        return c.householdId !== null && c.requester.user.id === r.userId && c.householdId === r.householdId;
    }
  }

  private endFor(r: Revocation): ChannelEnd {
    if (r.kind === 'session') return ENDS.loggedOut;
    if (r.kind === 'account') return ENDS.accountRevoked;
    return ENDS.noLongerParticipant;
  }

  /**
   * The seam's answer for each distinct (user, household) among `entries`, applied to each: one batched
   * re-check for all of them (a sweep of 500 sockets of 500 households was 500 queries every 15 s).
   */
  private async recheck(entries: Entry[]): Promise<void> {
    const groups = new Map<string, Entry[]>();
    for (const e of entries) {
      if (e.channel.householdId === null) continue;
      const key = `${e.channel.requester.user.id}/${e.channel.householdId}/${e.channel.needs}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(e);
    }
    if (groups.size === 0) return;
    const checks = [...groups.values()].map((group) => {
      const { requester, householdId, needs } = group[0]!.channel;
      return { requester, householdId: householdId!, action: needs };
    });
    const answers = await recheckHouseholds(this.deps.db, checks);
    for (const [i, group] of [...groups.values()].entries()) {
      const answer = answers[i]!;
      for (const e of group) {
        if (e.ended) continue;
        if (answer instanceof AccessRefused) this.finish(e, endForRefusal(answer));
        else e.channel.regranted?.(answer);
      }
    }
  }

  /** A timer at the session's expiry; when it fires the session is re-checked (it may have slid forward). */
  private schedule(e: Entry): void {
    if (e.timer) clearTimeout(e.timer);
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, e.expiresAt.getTime() - Date.now()) + 5);
    e.timer = setTimeout(() => {
      e.timer = null;
      if (e.ended) return;
      liveSessions(this.deps.db, [e.channel.sessionId]).then(
        (live) => {
          const expiresAt = live.get(e.channel.sessionId);
          if (!expiresAt) return this.finish(e, ENDS.expired);
          e.expiresAt = expiresAt;
          this.schedule(e);
        },
        (err) => {
          this.deps.log.warn('access: session re-check failed', { err: String(err) });
          e.expiresAt = new Date(Date.now() + 1_000);
          this.schedule(e);
        },
      );
    }, wait);
    e.timer.unref?.();
  }

  private finish(e: Entry, why: ChannelEnd): void {
    if (e.ended) return;
    e.ended = true;
    this.drop(e);
    try {
      e.channel.end(why);
    } catch (err) {
      this.deps.log.error('access: ending a live channel failed', { err: String(err) });
    }
  }

  private drop(e: Entry): void {
    if (e.timer) clearTimeout(e.timer);
    e.timer = null;
    this.entries.delete(e);
  }
}

/** A role change announced since the channel's authorisation began: it registers, then re-checks. */
function roleChangedSince(recent: { at: number; r: Revocation }[], c: LiveChannel, since: number): boolean {
  return recent.some(
    ({ at, r }) => at >= since && r.kind === 'participation' && r.role !== null && r.userId === c.requester.user.id && r.householdId === c.householdId,
  );
}

/** Why a re-check refused, as the channel's end tells it. */
function endForRefusal(err: AccessRefused): ChannelEnd {
  if (err.code === INFORMATION_LEVEL) return ENDS.levelLowered;
  if (err.code === STATEMENT_REQUIRED) return ENDS.statementRequired;
  return ENDS.noLongerParticipant;
}
