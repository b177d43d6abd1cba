// "Meldingen": the user's notifications, newest first, live (a new one appears at once), each told as far as the
// server says the user may see it; open one to mark it read and go where it leads, or mark all read.
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, get, post } from '../../lib/api.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useLive } from '../../lib/live.tsx';
import { Link, navigate } from '../../lib/router.tsx';
import { Button, EmptyState, Heading, Loading } from '../../components/ui.tsx';
import { ErrorMessage, PageError } from '../../components/ErrorMessage.tsx';
import { formatDateTime } from '../../../shared/labels.ts';
import {
  NOTIFICATION_KIND_LABELS,
  notificationText,
  type NotificationItem,
  type NotificationListResponse,
  type UnreadCountResponse,
} from '../../../shared/notifications.ts';
import { useUnread } from './unread.tsx';

export function NotificationsPage() {
  const { setUnread } = useUnread();
  const { onNotification } = useLive();
  const first = useAsync(() => get<NotificationListResponse>('/api/notifications'), []);
  const [older, setOlder] = useState<NotificationItem[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const { data, reload } = first;

  useEffect(() => {
    if (!data) return;
    setUnread(data.unread);
    // Until older pages are shown, the first page says where they start.
    if (older.length === 0) setNextBefore(data.nextBefore);
  }, [data, setUnread, older.length]);
  // A new notification: the first page is read again (older pages stay as they are).
  useEffect(() => onNotification(() => void reload()), [onNotification, reload]);

  const markRead = useCallback(
    async (n: NotificationItem) => {
      if (!n.readAt) {
        const res = await post<UnreadCountResponse>(`/api/notifications/${n.id}/read`).catch(() => null);
        if (res) setUnread(res.unread);
      }
      if (n.link) navigate(n.link);
      else void reload();
    },
    [reload, setUnread],
  );

  if (first.error && !data) return <PageError title="Meldingen" error={first.error} retry={reload} />;
  if (!data) return <Loading label="Meldingen laden…" />;
  const shown = [...data.notifications, ...older.filter((o) => !data.notifications.some((n) => n.id === o.id))];
  return (
    <section aria-labelledby="notifications-title" className="ct-notifications">
      <div className="ct-list-header">
        <Heading level={1} id="notifications-title">
          Meldingen
        </Heading>
        {data.unread > 0 && (
          <Button
            onClick={async () => {
              setUnread((await post<UnreadCountResponse>('/api/notifications/read-all')).unread);
              await reload();
            }}
          >
            Alles als gelezen markeren
          </Button>
        )}
      </div>
      <p className="utrecht-paragraph" data-testid="unread-summary" aria-live="polite">
        {data.unread === 0
          ? 'Je hebt geen ongelezen meldingen.'
          : data.unread === 1
            ? 'Je hebt 1 ongelezen melding.'
            : `Je hebt ${data.unread} ongelezen meldingen.`}
      </p>
      <ErrorMessage error={error} />
      {shown.length === 0 ? (
        <EmptyState title="Nog geen meldingen.">
          <p className="utrecht-paragraph">
            Hier verschijnt het als een actie aan je organisatie wordt toegewezen, als een casusoverleg wordt gepland en meer. Per e-mail op de hoogte blijven?
            Kies dat bij <Link href="/mijn-account">Mijn account</Link>.
          </p>
        </EmptyState>
      ) : (
        <ul className="ct-notification-list">
          {shown.map((n) => (
            <li
              key={n.id}
              className={`ct-notification ${n.readAt ? '' : 'ct-notification--unread'}`}
              data-testid="notification"
              data-read={n.readAt ? 'ja' : 'nee'}
            >
              <p className="ct-notification__kind">
                {!n.readAt && <span className="ct-visually-hidden">Ongelezen: </span>}
                {NOTIFICATION_KIND_LABELS[n.kind]}
              </p>
              <p className="ct-notification__text">
                {n.link || !n.readAt ? (
                  <button type="button" className="ct-linkbutton" onClick={() => void markRead(n)}>
                    {notificationText(n)}
                  </button>
                ) : (
                  notificationText(n)
                )}
              </p>
              <p className="ct-small">{formatDateTime(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
      {nextBefore && (
        <Button
          onClick={async () => {
            try {
              const page = await get<NotificationListResponse>(`/api/notifications?before=${encodeURIComponent(nextBefore)}`);
              setOlder((prev) => [...prev, ...page.notifications]);
              setNextBefore(page.nextBefore);
            } catch (e) {
              setError(e as ApiError);
            }
          }}
        >
          Oudere meldingen
        </Button>
      )}
    </section>
  );
}
