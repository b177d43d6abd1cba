// Mijn acties, live: the user's own stream (GET /api/me/events?acties=1) follows the board of every household the
// user may read, on the server, and passes on each action change as the user may see it (`eventForView`, the
// household stream's own filter). Why here and not one household stream per household in the browser: a browser
// holds at most six connections per site over HTTP/1.1, shared by all tabs, so ten households cannot each have a
// stream; one stream per tab, with a hub subscription per followed household in the server, scales with the
// number of households at no cost to the browser.
// Each followed household is a live channel of the access registry (access/live-channels.ts), like a household
// stream: a removal, a lowered level, a statement to confirm again or the session's end stops it at once (and the
// periodic re-check catches what nobody announced). A new participation, a reopened case or the heartbeat makes
// the feed look again for households to follow.
import type { Deps } from '../context.ts';
import type { Session } from '../auth/session.ts';
import type { HouseholdGrant, Requester } from '../access/authorize.ts';
import { householdTopic } from '../realtime/events.ts';
import { eventForView, type StreamView } from '../realtime/event-visibility.ts';
import { onLifecycle } from '../households/lifecycle.ts';
import type { HouseholdEvent } from '../../shared/board.ts';
import type { MyActionsEvent } from '../../shared/my-actions.ts';
import { readableBoards } from './households.ts';

interface Followed {
  view: StreamView;
  stop(): void;
}

const viewOf = (grant: HouseholdGrant): StreamView => ({
  level: grant.participation?.level ?? null,
  organizationId: grant.requester.user.organization.id,
});

export class MyActionsFeed {
  private readonly followed = new Map<string, Followed>();
  private readonly stopLifecycle: () => void;
  private looking: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'hub' | 'live' | 'log'>,
    private readonly requester: Requester,
    private readonly session: Session,
    private readonly send: (e: MyActionsEvent) => void,
  ) {
    this.stopLifecycle = onLifecycle(deps.hub, (c) => {
      if (c.kind === 'reopened') void this.refresh();
      else this.unfollow(c.householdId, true);
    });
  }

  /** The households followed now (tests). */
  get households(): string[] {
    return [...this.followed.keys()];
  }

  /** Looks again which households to follow (one query); calls never overlap. */
  refresh(): Promise<void> {
    this.looking = this.looking.then(() => this.look().catch((err) => this.deps.log.warn('my actions: following households failed', { err: String(err) })));
    return this.looking;
  }

  close(): void {
    this.closed = true;
    this.stopLifecycle();
    for (const id of [...this.followed.keys()]) this.unfollow(id, false);
  }

  private async look(): Promise<void> {
    if (this.closed) return;
    const authorizedAt = Date.now();
    const { readable } = await readableBoards(this.deps.db, this.requester);
    if (this.closed) return;
    const now = new Set(readable.map((g) => g.household.id));
    for (const id of [...this.followed.keys()]) if (!now.has(id)) this.unfollow(id, true);
    for (const grant of readable) {
      const current = this.followed.get(grant.household.id);
      if (current) current.view = viewOf(grant);
      else this.follow(grant, authorizedAt);
    }
  }

  private follow(grant: HouseholdGrant, authorizedAt: number): void {
    const householdId = grant.household.id;
    const entry: Followed = { view: viewOf(grant), stop: () => {} };
    this.followed.set(householdId, entry);
    const unsubscribe = this.deps.hub.subscribe(householdTopic(householdId), (m) => {
      if (this.followed.get(householdId) !== entry) return;
      const e = m as HouseholdEvent;
      if (e.type !== 'action.created' && e.type !== 'action.updated') return;
      const shown = eventForView(e, entry.view);
      if (shown?.type === 'action.hidden') this.send({ householdId, type: 'hidden', actionId: (shown as HouseholdEvent<'action.hidden'>).payload.actionId });
      else if (shown) this.send({ householdId, type: 'action', action: (shown as HouseholdEvent<'action.updated'>).payload.action });
    });
    let unregister = () => {};
    entry.stop = () => {
      unsubscribe();
      unregister();
    };
    unregister = this.deps.live.register(
      {
        transport: 'stream',
        requester: this.requester,
        sessionId: this.session.id,
        householdId,
        needs: 'readBoard',
        end: () => this.unfollow(householdId, true),
        regranted: (g) => {
          entry.view = viewOf(g);
        },
      },
      this.session,
      authorizedAt,
    );
  }

  private unfollow(householdId: string, tell: boolean): void {
    const entry = this.followed.get(householdId);
    if (!entry) return;
    this.followed.delete(householdId);
    entry.stop();
    if (tell && !this.closed) this.send({ householdId, type: 'gone' });
  }
}
