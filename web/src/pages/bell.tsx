import { useEffect } from 'react';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { Link } from '../router';

const UnreadCountQuery = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);

const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      kind
      createdAt
      readAt
      subjectId
      subjectType
    }
  }
`);

/** The unread count, renewed whenever the graphql-ws subscription brings a notification. */
export function Bell() {
  const { t } = useT();
  const [{ data }, refetch] = useQuery({ query: UnreadCountQuery, requestPolicy: 'cache-and-network' });
  const [added] = useSubscription({ query: NotificationAddedSubscription });
  const latest = added.data?.notificationAdded.id;
  useEffect(() => {
    if (latest) refetch({ requestPolicy: 'network-only' });
  }, [latest, refetch]);
  const count = data?.unreadNotificationCount ?? 0;
  return (
    <Link to="/notifications" className="bell" aria-label={t('bell.label', { count })} data-testid="bell">
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
      </svg>
      <span className="count" aria-hidden="true" data-testid="bell-count">
        {count}
      </span>
    </Link>
  );
}
