import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { ErrorMessage } from './common';

const NotificationsQuery = graphql(`
  query Notifications {
    notifications(first: 50) {
      edges {
        node {
          id
          kind
          createdAt
          readAt
          subjectType
        }
      }
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids) {
      marked
      unreadCount
    }
  }
`);

export function NotificationsPage() {
  const { t, dateTime, intl } = useT();
  const [{ data, error }, refetch] = useQuery({ query: NotificationsQuery, requestPolicy: 'cache-and-network' });
  const [marked, markRead] = useMutation(MarkReadMutation);
  const rows = data?.notifications.edges.map((e) => e.node) ?? [];
  const unread = rows.filter((n) => !n.readAt).map((n) => n.id);
  return (
    <>
      <h1>{t('nav.notifications')}</h1>
      <ErrorMessage error={error ?? marked.error} />
      <button type="button" disabled={unread.length === 0} onClick={() => void markRead({ ids: unread }).then(() => refetch({ requestPolicy: 'network-only' }))}>
        {t('notifications.markAllRead')}
      </button>
      {data && rows.length === 0 && <p>{t('common.none')}</p>}
      <ul className="notifications">
        {rows.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-testid="notification">
            <strong>{intl.formatMessage({ id: `notification.${n.kind}`, defaultMessage: t('notification.other') })}</strong> · {dateTime(n.createdAt)}
            {!n.readAt && ` · ${t('notifications.unread')}`}
          </li>
        ))}
      </ul>
    </>
  );
}
